// Socket.io for live rooms, attached to the platform's HTTP server. Every connection is
// authenticated from the session cookie before any event is handled. With several nodes, the
// Redis Streams adapter carries broadcasts between them, and connections are WebSocket only, so
// that no load balancer needs to keep a client on one node (decision 0017).
import type http from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "../../shared/events";
import { readSessionToken, validateSessionToken } from "../auth/sessions";
import type { Cluster } from "../cluster/cluster";
import type { RoomOutbox } from "../rooms/liveRoom";
import { groupChannel, registerRoomHandlers, roomChannel, roomLimiters } from "../rooms/handlers";
import { RoomDirectory } from "../rooms/directory";
import { defaultRoomOptions, RoomRegistry, type RoomRegistryOptions } from "../rooms/registry";
import type { Services } from "../services";
import { fromThisSite } from "../http/origin";

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface Realtime {
  io: IoServer;
  rooms: RoomRegistry;
  close(): Promise<void>;
}

export async function attachSocketIo(httpServer: http.Server, services: Services, cluster: Cluster | null, roomOptions: RoomRegistryOptions = defaultRoomOptions): Promise<Realtime> {
  const log = services.log.child({ module: "socket" });
  const io: IoServer = new Server(httpServer, {
    ...(cluster
      ? {
          adapter: createAdapter(cluster.redis, { streamName: cluster.key("socket.io"), sessionKeyPrefix: cluster.key("sio:session:") }),
          transports: ["websocket" as const],
        }
      : {}),
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
      // Move every connection into its breakout group's channel, or back to the whole room; through
      // the adapter, a connection on another node moves too.
      const { meetingId } = room.meta;
      const groupChannels = [...room.groupIdsSeen].map((id) => groupChannel(meetingId, id));
      for (const person of room.people) {
        const group = room.groupFor(person.userId);
        for (const socketId of room.socketsOf(person.userId)) {
          if (groupChannels.length) io.in(socketId).socketsLeave(groupChannels);
          if (group && person.role !== "facilitator") io.in(socketId).socketsJoin(groupChannel(meetingId, group.id));
        }
      }
    },
  };
  const rooms = new RoomRegistry(services.db, out, services.log.child({ module: "rooms" }), roomOptions, cluster !== null);
  const directory = new RoomDirectory(rooms, services, io, cluster, services.log.child({ module: "rooms" }));
  await directory.start();

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

  const limiters = roomLimiters(cluster);
  io.on("connection", (socket) => {
    socket.emit("welcome", { userId: socket.data.userId, name: socket.data.name });
    registerRoomHandlers(socket, services, directory, limiters, log);
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
      await directory.close();
    },
  };
}
