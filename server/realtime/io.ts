// Socket.io for live rooms, attached to the platform's HTTP server. Every connection is
// authenticated from the session cookie before any event is handled.
import type http from "node:http";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "../../shared/events";
import { readSessionToken, validateSessionToken } from "../auth/sessions";
import type { Services } from "../services";

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function attachSocketIo(httpServer: http.Server, services: Services): IoServer {
  const log = services.log.child({ module: "socket" });
  const io: IoServer = new Server(httpServer, {
    path: "/socket.io/",
    serveClient: false,
    // Other upgrade paths (the Yjs endpoint, Vite in development) are not Socket.io's to close.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
  });

  io.use(async (socket, next) => {
    try {
      const token = readSessionToken(socket.request.headers.cookie);
      const valid = token ? await validateSessionToken(services.db, token) : null;
      if (!valid) return next(new Error("unauthorized"));
      socket.data = { userId: valid.user.id, name: valid.user.name, sessionId: valid.session.id };
      next();
    } catch (error) {
      log.error({ err: error }, "socket authentication failed");
      next(new Error("unavailable"));
    }
  });

  io.on("connection", (socket) => {
    socket.emit("welcome", { userId: socket.data.userId, name: socket.data.name });
    socket.on("ping", (ack) => {
      if (typeof ack === "function") ack({ ok: true, data: { serverTime: Date.now() } });
    });
  });
  return io;
}
