// What operators and load balancers ask a node: /healthz (the process answers and reaches its
// database), /readyz (ready for traffic: the database answers and every migration has run; in
// multi-node mode Redis answers too), and /metrics in Prometheus's text format
// (prom-client), which is not for the public: with METRICS_TOKEN it needs that bearer token;
// without, it answers only requests made straight to the node from its own machine (not through
// a proxy, which would add X-Forwarded-For).
import { timingSafeEqual } from "node:crypto";
import type express from "express";
import { sql } from "kysely";
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { Services } from "../services";
import { migrations } from "../../db/migrations";
import { zoneDatabase } from "../../shared/timezones";

/** The node's live parts, counted at each scrape. */
export interface LiveParts {
  socketConnections(): number;
  roomsResident(): number;
  canvases(): { canvases: number; connections: number };
}

const loopback = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function mayReadMetrics(req: express.Request, token: string | undefined): boolean {
  if (token) {
    const given = Buffer.from(req.get("authorization") ?? "");
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  return loopback.has(req.socket.remoteAddress ?? "") && !req.get("x-forwarded-for") && !req.get("forwarded");
}

async function storeLatencySeconds(services: Services): Promise<number> {
  const started = process.hrtime.bigint();
  await sql`select 1`.execute(services.db);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function migrationsPending(services: Services): Promise<string[]> {
  const ran = await sql<{ name: string }>`select name from kysely_migration`.execute(services.db);
  const done = new Set(ran.rows.map((r) => r.name));
  return Object.keys(migrations).filter((name) => !done.has(name));
}

export function operationsRoutes(app: express.Express, services: Services, live: () => LiveParts | null): void {
  const { log, config } = services;

  app.get("/healthz", async (_req, res) => {
    try {
      await sql`select 1`.execute(services.db);
      res.json({ status: "ok", tzdata: zoneDatabase().version });
    } catch (error) {
      log.error({ err: error }, "health check failed");
      res.status(503).json({ status: "database unavailable" });
    }
  });

  app.get("/readyz", async (_req, res) => {
    try {
      const pending = await migrationsPending(services);
      if (pending.length > 0) {
        res.status(503).json({ status: "migrations pending", pending });
        return;
      }
      if (services.cluster && !(await services.cluster.reachable())) {
        res.status(503).json({ status: "redis unavailable" });
        return;
      }
      res.json({ status: "ready", database: services.dialect, redis: services.cluster ? "ok" : "not used", node: services.cluster?.nodeId ?? null });
    } catch (error) {
      log.error({ err: error }, "readiness check failed");
      res.status(503).json({ status: "database unavailable" });
    }
  });

  // One registry per node (tests run several nodes in one process).
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "csl_" });
  const gauge = (name: string, help: string, read: () => number | Promise<number>) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(await read());
      },
    });
  gauge("csl_socketio_connections", "Socket.io connections open to this node", () => live()?.socketConnections() ?? 0);
  gauge("csl_rooms_resident", "Live rooms held in this node's memory", () => live()?.roomsResident() ?? 0);
  gauge("csl_canvases_resident", "Canvases held in this node's memory", () => live()?.canvases().canvases ?? 0);
  gauge("csl_canvas_connections", "Canvas (Yjs) connections open to this node", () => live()?.canvases().connections ?? 0);
  gauge("csl_store_latency_seconds", "Time the database took to answer select 1 at this scrape", () => storeLatencySeconds(services));
  if (services.cluster) {
    const cluster = services.cluster;
    gauge("csl_redis_latency_seconds", "Time Redis took to answer PING at this scrape (multi-node mode); -1 when it did not answer", async () => {
      const started = process.hrtime.bigint();
      return (await cluster.reachable()) ? Number(process.hrtime.bigint() - started) / 1e9 : -1;
    });
  }
  gauge("csl_outbox_backlog", "Emails recorded and not yet sent", async () => Number((await services.db.selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).where("sent_at", "is", null).executeTakeFirstOrThrow()).n));
  gauge("csl_newsletter_backlog", "Newsletter copies queued and not yet sent", async () => Number((await services.db.selectFrom("newsletter_deliveries").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "queued").executeTakeFirstOrThrow()).n));

  app.get("/metrics", async (req, res) => {
    if (!mayReadMetrics(req, config.METRICS_TOKEN)) {
      res.status(403).type("text/plain").send("Metrics are for the operators: send the METRICS_TOKEN, or ask from the node's own machine.\n");
      return;
    }
    try {
      res.type(registry.contentType).send(await registry.metrics());
    } catch (error) {
      log.error({ err: error }, "metrics failed");
      res.status(503).type("text/plain").send("The metrics could not be read.\n");
    }
  });
}
