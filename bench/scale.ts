// `npm run bench:scale`: the live-room and canvas fan-out over 1, 2 and 3 nodes on PostgreSQL,
// with Redis for more than one (and once with Redis on one node, to separate Redis's cost from
// crossing nodes); then, on two nodes, kill -9 of one while clients write: how long its clients'
// cursors linger on the other node, and whether anything any survivor saw is missing from the
// database. Node processes are pinned to core 0 and the load generator to core 1 (taskset), so the
// generator keeps a core of its own. Every configuration runs `runs` times (default 5), in an order
// that alternates; the file holds medians with min and max, replaced whole, stamped with the commit.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { sql } from "kysely";
import * as Y from "yjs";
import { migrateToLatest, openDatabase, type DB } from "../db/connect";
import { addMember, createCommunity } from "../db/queries/communities";
import { createCanvas } from "../db/queries/canvases";
import { createSeries, occurrencesInWindow } from "../db/queries/meetings";
import { createUser } from "../db/queries/users";
import { createSession } from "../server/auth/sessions";
import { issueCanvasToken } from "../server/yjs/tokens";
import { loadDocument } from "../server/yjs/storage";
import { defaultAgenda } from "../shared/agenda";
import { randomString } from "../shared/ids";
import { defaultTimezone, recurrencePresets, utcToLocal } from "../shared/recurrence";
import { freePort, waitFor } from "./lib/processes";
import { printTable, Runs, stamp, writeResults } from "./lib/stats";
import type { ScaleTask } from "./scale/load";

const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const runs = Number(process.argv[2] ?? 5);
const schema = `bench_scale_${randomString(8)}`;
const pinned = (core: number, args: string[]) => spawn("taskset", ["-c", String(core), process.execPath, "--import", "tsx", ...args], { stdio: ["ignore", "inherit", "inherit", "ipc"] });

interface Prepared {
  meeting: { seriesId: string; key: string };
  sessions: string[];
}

async function prepare(db: DB): Promise<Prepared> {
  await migrateToLatest(db, schema);
  const admin = await createUser(db, { email: "bench-admin@bench.example", name: "Bench Admin", passwordHash: "x", networkRole: "admin" });
  const community = await createCommunity(db, { name: "Bench Circle", description: "", visibility: "invite", createdBy: admin.id });
  const series = await createSeries(db, {
    communityId: community.id,
    title: "Bench circle",
    description: "",
    startLocal: utcToLocal(new Date(Date.now() - 5 * 60_000), defaultTimezone),
    timezone: defaultTimezone,
    durationMinutes: 600,
    rrule: recurrencePresets.once.rrule,
    videoUrl: null,
    agenda: defaultAgenda,
    createdBy: admin.id,
  });
  const [now] = await occurrencesInWindow(db, [series], new Date(Date.now() - 3600_000), new Date(Date.now() + 3600_000));
  const sessions: string[] = [];
  for (let i = 0; i < 60; i++) {
    const user = await createUser(db, { email: `p${i}@bench.example`, name: `Participant ${i}`, passwordHash: "x" });
    await addMember(db, community.id, user.id, i === 0 ? "facilitator" : "member");
    sessions.push((await createSession(db, user.id, "bench")).token);
  }
  return { meeting: { seriesId: now.seriesId, key: now.key }, sessions };
}

/** A fresh canvas with a token for each of the first 30 participants. */
async function canvasFor(db: DB): Promise<{ canvasId: string; canvasTokens: string[] }> {
  const community = await db.selectFrom("communities").select(["id", "created_by"]).executeTakeFirstOrThrow();
  const canvas = await createCanvas(db, { communityId: community.id, title: `Bench map ${randomString(4)}`, createdBy: community.created_by });
  const users = await db.selectFrom("users").select("id").where("email", "like", "p%@bench.example").orderBy("created_at").limit(30).execute();
  return { canvasId: canvas.id, canvasTokens: await Promise.all(users.map((u) => issueCanvasToken(db, u.id, canvas.id))) };
}

async function startNodes(count: number, withRedis: boolean): Promise<{ procs: ChildProcess[]; urls: string[] }> {
  const prefix = `bench-${randomString(6)}:`;
  const procs: ChildProcess[] = [];
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const proc = spawn("taskset", ["-c", "0", process.execPath, "--import", "tsx", "bench/scale/node.ts"], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, ...(withRedis ? { REDIS_URL: redisUrl, REDIS_PREFIX: prefix } : {}) },
    });
    await waitFor(proc, "ready");
    procs.push(proc);
    urls.push(`http://127.0.0.1:${port}`);
  }
  return { procs, urls };
}

async function stopNodes(procs: ChildProcess[]): Promise<void> {
  await Promise.all(
    procs.map(async (proc) => {
      if (proc.exitCode !== null || proc.signalCode) return;
      const exited = new Promise((resolve) => proc.once("exit", resolve));
      proc.kill("SIGTERM");
      await exited;
    }),
  );
}

async function generate(task: ScaleTask, onMessage?: (message: { type: string }, load: ChildProcess) => void): Promise<Record<string, unknown>> {
  const load = pinned(1, ["bench/scale/load.ts", JSON.stringify(task)]);
  if (onMessage) load.on("message", (m: { type: string }) => onMessage(m, load));
  const { result } = await waitFor<{ result: Record<string, unknown> }>(load, "result");
  return result;
}

async function fanout(db: DB, prepared: Prepared, count: number, withRedis: boolean) {
  const { procs, urls } = await startNodes(count, withRedis);
  try {
    return (await generate({ phase: "fanout", nodes: urls, ...prepared, ...(await canvasFor(db)) })) as Record<string, number>;
  } finally {
    await stopNodes(procs);
  }
}

async function killOne(db: DB, prepared: Prepared) {
  const { procs, urls } = await startNodes(2, true);
  const canvas = await canvasFor(db);
  try {
    const result = (await generate({ phase: "kill", nodes: urls, ...prepared, ...canvas }, (message, load) => {
      if (message.type !== "kill-now") return;
      procs[1].kill("SIGKILL");
      load.send({ killedAt: Date.now() });
    })) as { ghostClearedMs: number; seen: string[] };
    const stored = await loadDocument(db, canvas.canvasId);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const { update } of stored.updates) Y.applyUpdate(doc, update);
    const keys = new Set(doc.getMap("bench").keys());
    return { ghostClearedS: result.ghostClearedMs / 1000, lost: result.seen.filter((k) => !keys.has(k)).length, seen: result.seen.length };
  } finally {
    await stopNodes(procs);
  }
}

const admin = openDatabase(databaseUrl).db;
await sql`create schema ${sql.id(schema)}`.execute(admin);
const db = openDatabase(databaseUrl, { schema }).db;
try {
  const prepared = await prepare(db);
  const configurations = [
    { name: "1node", count: 1, redis: false },
    { name: "1node_redis", count: 1, redis: true },
    { name: "2nodes", count: 2, redis: true },
    { name: "3nodes", count: 3, redis: true },
  ];
  const all = new Runs();
  for (let round = 0; round < runs; round++) {
    const figures: Record<string, number> = {};
    // The order alternates between rounds, so no configuration always runs on a warmer machine.
    for (const config of round % 2 === 0 ? configurations : [...configurations].reverse()) {
      const r = await fanout(db, prepared, config.count, config.redis);
      figures[`room_fanout_p99_ms_${config.name}`] = r.room_p99;
      figures[`canvas_fanout_p99_ms_${config.name}`] = r.canvas_p99;
      if (config.count > 1) {
        figures[`room_same_node_p99_ms_${config.name}`] = r.room_same_p99;
        figures[`room_cross_node_p99_ms_${config.name}`] = r.room_cross_p99;
        figures[`canvas_same_node_p99_ms_${config.name}`] = r.canvas_same_p99;
        figures[`canvas_cross_node_p99_ms_${config.name}`] = r.canvas_cross_p99;
      }
      figures[`room_samples_${config.name}`] = r.room_samples;
      figures[`canvas_samples_${config.name}`] = r.canvas_samples;
    }
    // What crossing a node adds, on two nodes: cross-node receivers' p99 over same-node receivers' p99.
    figures.cross_node_extra_room_p99_ms = figures.room_cross_node_p99_ms_2nodes - figures.room_same_node_p99_ms_2nodes;
    figures.cross_node_extra_canvas_p99_ms = figures.canvas_cross_node_p99_ms_2nodes - figures.canvas_same_node_p99_ms_2nodes;
    figures.cross_node_extra_p99_ms = Math.max(figures.cross_node_extra_room_p99_ms, figures.cross_node_extra_canvas_p99_ms);
    const killed = await killOne(db, prepared);
    figures.ghost_cursor_cleared_s = killed.ghostClearedS;
    figures.node_kill_lost_updates = killed.lost;
    figures.node_kill_updates_seen = killed.seen;
    all.add(figures);
    console.log(`round ${round + 1} of ${runs} done`);
  }
  const summary = {
    ...stamp(runs),
    machine: "one machine, 2 cores: nodes pinned to core 0, the load generator to core 1; PostgreSQL and Redis unpinned",
    workload: "rooms: 60 people in one room, 80 chat messages 50 ms apart; canvases: 30 clients on one map, 10 writing 4 updates a second for 5 s",
    ...all.summary(),
  };
  const file = writeResults("scale", summary);
  printTable(`Several nodes (PostgreSQL, Redis; loopback, 2 cores); medians of ${runs} runs, with min and max`, summary);
  console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
} finally {
  await db.destroy();
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin);
  await admin.destroy();
}
