// Every Socket.io event of the platform, declared once with the zod schema of its payload.
// Server and browser import these types; no event name is written anywhere else.
import { z } from "zod";

export const welcomeSchema = z.object({ userId: z.string(), name: z.string() });
export type Welcome = z.infer<typeof welcomeSchema>;

/** The acknowledgement every client request receives: done, or a clear refusal. */
export type Ack<T = undefined> = { ok: true; data?: T } | { ok: false; error: string };

export interface ServerToClientEvents {
  /** Sent once a connection is authenticated. */
  welcome: (payload: Welcome) => void;
}

export interface ClientToServerEvents {
  /** Round-trip check used by clients to measure latency and by tests. */
  ping: (ack: (reply: Ack<{ serverTime: number }>) => void) => void;
}

export interface SocketData {
  userId: string;
  name: string;
  sessionId: string;
}
