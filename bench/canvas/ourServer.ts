// Our platform as a benchmark server process, reporting event-loop delay, documents in memory and
// a garbage collection on request over IPC.
import { monitorEventLoopDelay } from "node:perf_hooks";
import v8 from "node:v8";
import { loadConfig } from "../../server/config";
import { createLogger } from "../../server/logger";
import { startServer } from "../../server/start";

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const yjsOptions = JSON.parse(process.argv[2] ?? "{}");
// "normal" only to measure what the platform's synchronous = FULL costs.
const databaseSynchronous = process.argv[3] === "normal" ? "normal" : "full";
const config = loadConfig({ ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "false", LOG_LEVEL: "error" });
const server = await startServer({ config, log: createLogger("error"), yjsOptions, databaseSynchronous });
process.send?.({ type: "ready", port: server.port });
process.on("message", (message: { type: string }) => {
  if (message.type === "stats") {
    process.send?.({ type: "stats", eventLoopP99Ms: loop.percentile(99) / 1e6, documents: server.yjs.loadedDocuments });
    loop.reset();
  } else if (message.type === "gc") {
    // A compacting collection, as V8's memory reducer makes in a quiet process: freed pages go
    // back rather than staying reserved, so RSS reads as what is alive.
    v8.setFlagsFromString("--compact-on-every-full-gc");
    (globalThis as { gc?: () => void }).gc?.();
    (globalThis as { gc?: () => void }).gc?.();
    setTimeout(() => process.send?.({ type: "gc", heapUsedKb: process.memoryUsage().heapUsed / 1024 }), 200);
  }
});
