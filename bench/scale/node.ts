// One node of `npm run bench:scale`, in its own process: the platform on PostgreSQL, with Redis
// (multi-node mode) when REDIS_URL is set. Says "ready" with its port over IPC.
import { loadConfig } from "../../server/config";
import { createLogger } from "../../server/logger";
import { startServer } from "../../server/start";

const config = loadConfig({ ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", SEED_DEMO: "false", LOG_LEVEL: "error" });
const server = await startServer({ config, log: createLogger("error"), databaseSchema: config.DATABASE_SCHEMA });
process.send?.({ type: "ready", port: server.port });
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
