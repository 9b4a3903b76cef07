// Whether a request a browser sent comes from this site: its Origin header, when it has one,
// names this server's host or the public one. Used for form posts (csrf.ts) and for WebSocket
// upgrades (Socket.io and the Yjs endpoint), which browsers send cross-site without asking.
import type http from "node:http";

export function fromThisSite(req: http.IncomingMessage, publicUrl: string | undefined): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser's cross-site request: non-browser clients send none
  let host: string | null;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host === req.headers.host || (publicUrl !== undefined && host === new URL(publicUrl).host);
}
