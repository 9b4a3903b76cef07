// The benchmark's server process: our platform, or a bare Socket.io server doing the same
// broadcasts with no logic of ours. Reports its event-loop delay over IPC when asked.
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Server } from "socket.io";

const mode = process.argv[2] as "platform" | "bare";
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

async function start(): Promise<number> {
  if (mode === "platform") {
    const { loadConfig } = await import("../../server/config");
    const { createLogger } = await import("../../server/logger");
    const { startServer } = await import("../../server/start");
    const config = loadConfig({ ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "false", LOG_LEVEL: "error" });
    const server = await startServer({ config, log: createLogger("error") });
    return server.port;
  }
  const httpServer = http.createServer();
  const io = new Server(httpServer, { serveClient: false });
  const hands = new Map<string, string[]>();
  io.on("connection", (socket) => {
    socket.on("join", (room: string, ack: (r: unknown) => void) => {
      void socket.join(room);
      socket.data.room = room;
      ack({ ok: true });
    });
    socket.on("chat", (text: string, ack: (r: unknown) => void) => {
      io.to(socket.data.room).emit("chat", { text });
      ack({ ok: true });
    });
    socket.on("hand", (userId: string, ack: (r: unknown) => void) => {
      const queue = [...(hands.get(socket.data.room) ?? []), userId];
      hands.set(socket.data.room, queue);
      io.to(socket.data.room).emit("state", { hands: { queue } });
      ack({ ok: true });
    });
    socket.on("react", (_r: string, ack: (r: unknown) => void) => {
      io.to(socket.data.room).emit("reaction", {});
      ack({ ok: true });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  return (httpServer.address() as { port: number }).port;
}

const port = await start();
process.send?.({ type: "ready", port });
process.on("message", (message: { type: string }) => {
  if (message.type === "stats") {
    process.send?.({ type: "stats", eventLoopP99Ms: loop.percentile(99) / 1e6, eventLoopMaxMs: loop.max / 1e6 });
    loop.reset();
  }
});
