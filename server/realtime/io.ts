// Socket.io for live rooms, attached to the platform's HTTP server. Every connection is
// authenticated from the session cookie before any event is handled.
import type http from "node:http";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "../../shared/events";
import { readSessionToken, validateSessionToken } from "../auth/sessions";
import type { RoomOutbox } from "../rooms/liveRoom";
import { facilitatorChannel, groupChannel, registerRoomHandlers, roomChannel, roomLimiters } from "../rooms/handlers";
import { defaultRoomOptions, RoomRegistry, type RoomRegistryOptions } from "../rooms/registry";
import type { Services } from "../services";
import { fromThisSite } from "../http/origin";

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface Realtime {
  io: IoServer;
  rooms: RoomRegistry;
  close(): Promise<void>;
}

export function attachSocketIo(httpServer: http.Server, services: Services, roomOptions: RoomRegistryOptions = defaultRoomOptions): Realtime {
  const log = services.log.child({ module: "socket" });
  const io: IoServer = new Server(httpServer, {
    path: "/socket.io/",
    serveClient: false,
    // Other upgrade paths (the Yjs endpoint, Vite in development) are not Socket.io's to close.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    // A recovered connection is authenticated again: its cookie may have ended meanwhile.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    // A page on another site cannot open a room connection with a member's cookie.
    allowRequest: (req, callback) => callback(null, fromThisSite(req, services.config.PUBLIC_URL)),
  });

  const out: RoomOutbox = {
    state: (room) => io.to(roomChannel(room.meta.meetingId)).emit("room:state", room.state),
    joined: (room, person) => io.to(roomChannel(room.meta.meetingId)).emit("presence:joined", person),
    left: (room, userId) => io.to(roomChannel(room.meta.meetingId)).emit("presence:left", { userId }),
    status: (room, userId, status) => io.to(roomChannel(room.meta.meetingId)).emit("presence:status", { userId, status }),
    reactions: (room, counts) => io.to(roomChannel(room.meta.meetingId)).emit("reactions", { counts }),
    groupsChanged: (room) => {
      // Move every connection into its breakout group's channel, or back to the whole room.
      const prefix = `${roomChannel(room.meta.meetingId)}:`;
      for (const person of room.people) {
        const group = room.groupFor(person.userId);
        for (const socketId of room.socketsOf(person.userId)) {
          const socket = io.sockets.sockets.get(socketId);
          if (!socket) continue;
          for (const channel of socket.rooms) if (channel.startsWith(prefix) && channel !== facilitatorChannel(room.meta.meetingId)) void socket.leave(channel);
          if (group && !socket.data.facilitator) void socket.join(groupChannel(room.meta.meetingId, group.id));
        }
      }
    },
  };
  const rooms = new RoomRegistry(services.db, out, services.log.child({ module: "rooms" }), roomOptions);

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

  const limiters = roomLimiters();
  io.on("connection", (socket) => {
    socket.emit("welcome", { userId: socket.data.userId, name: socket.data.name });
    registerRoomHandlers(socket, services, rooms, limiters, log);
  });

  return {
    io,
    rooms,
    async close() {
      // io.close() drops the connections without a "disconnect" packet, so clients treat a
      // restart like a network blip and reconnect by themselves; an explicit server-side
      // disconnect would tell them never to come back.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await rooms.closeAll();
    },
  };
}
