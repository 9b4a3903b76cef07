// `npm run bench:canvas`: live canvases under load against our endpoint, the y-websocket 2.1
// reference server and Hocuspocus 3, each server and the load generator in its own process.
// A) 250 clients, 25 document updates/s from 10% of them, cursors off; B) plus one cursor move per
// client per second; C) ten per second; D) a join storm of 250 onto a large document with 100,000
// updates of history; E) 10,000 connect/disconnect cycles, some failing authentication; and
// loop-analysis time on random diagrams.
import { fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { migrateToLatest, openDatabase } from "../db/connect";
import { createCanvas, storeCanvasToken } from "../db/queries/canvases";
import { addMember, createCommunity } from "../db/queries/communities";
import { createUser } from "../db/queries/users";
import { newSecretToken } from "../server/auth/tokens";
import { findLoops, type LoopLink } from "../shared/cld/loops";
import { addLink, addVariable, updateVariable } from "../shared/cld/model";
import { freePort, waitFor } from "./lib/processes";
import { cpuMs, percentile, printTable, round1, rssKb, Runs, stamp, writeResults } from "./lib/stats";
import type { LoadTask } from "./canvas/load";

const tsx = ["--import", "tsx"];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csl-canvas-bench-"));
const clients = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let prepared = 0;

async function prepare(historyUpdates: number) {
  const file = path.join(dir, `canvas-${++prepared}-${historyUpdates}.sqlite`);
  const { db } = openDatabase(file);
  await migrateToLatest(db);
  const admin = await createUser(db, { email: "bench@bench.example", name: "Bench", passwordHash: "x", networkRole: "admin" });
  const community = await createCommunity(db, { name: "Bench", description: "", visibility: "invite", createdBy: admin.id });
  const canvas = await createCanvas(db, { communityId: community.id, title: "Bench map", createdBy: admin.id });
  const tokens: string[] = [];
  for (let i = 0; i < clients; i++) {
    const user = await createUser(db, { email: `c${i}@bench.example`, name: `Client ${i}`, passwordHash: "x" });
    await addMember(db, community.id, user.id, "member");
    const { token, hash } = await newSecretToken();
    await storeCanvasToken(db, { userId: user.id, canvasId: canvas.id, tokenHash: hash, lifetimeMs: 3600_000 });
    tokens.push(token);
  }
  if (historyUpdates > 0) {
    // 2,000 variables, 5,000 links, then small moves up to the history size, one update each.
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    const ids: string[] = [];
    for (let i = 0; i < 2000; i++) ids.push(addVariable(doc, { label: `Variable ${i}`, x: (i % 50) * 120, y: Math.floor(i / 50) * 80 }));
    for (let i = 0; i < 5000; i++) addLink(doc, { from: ids[(i * 7) % 2000], to: ids[(i * 13 + 1) % 2000], polarity: i % 3 === 0 ? "-" : "+" });
    for (let i = updates.length; i < historyUpdates; i++) updateVariable(doc, ids[i % 2000], { x: i % 6000, y: (i * 3) % 4000 });
    const now = new Date().toISOString();
    for (let i = 0; i < updates.length; i += 2000) {
      await db
        .insertInto("canvas_updates")
        .values(updates.slice(i, i + 2000).map((u, j) => ({ canvas_id: canvas.id, seq: i + j + 1, data: Buffer.from(u).toString("base64"), bytes: u.byteLength, created_at: now })))
        .execute();
    }
  }
  await db.destroy();
  return { file, canvasId: canvas.id, tokens };
}


type Kind = "ours" | "ywebsocket" | "hocuspocus";
interface Running {
  proc: ChildProcess;
  urls: string[];
  prefix: string | null;
}

async function startServerProcess(kind: Kind, data: Awaited<ReturnType<typeof prepare>>, yjsOptions: object = {}, synchronous: "full" | "normal" = "full"): Promise<Running> {
  if (kind === "ours") {
    const proc = fork("bench/canvas/ourServer.ts", [JSON.stringify(yjsOptions), synchronous], { execArgv: [...tsx, "--expose-gc"], env: { ...process.env, DATABASE_URL: data.file }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const { port } = await waitFor<{ port: number }>(proc, "ready");
    return { proc, prefix: null, urls: data.tokens.map((t) => `ws://127.0.0.1:${port}/yjs/${data.canvasId}?token=${t}`) };
  }
  // A port the system just gave out (a random one once collided with a server still closing).
  const port = await freePort();
  if (kind === "hocuspocus") {
    const proc = fork("bench/canvas/hocuspocusServer.ts", [String(port)], { execArgv: tsx, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    await waitFor(proc, "ready");
    return { proc, prefix: "bench", urls: data.tokens.map(() => `ws://127.0.0.1:${port}`) };
  }
  const proc = spawn(process.execPath, ["node_modules/y-websocket/bin/server.cjs"], { env: { ...process.env, HOST: "127.0.0.1", PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/probe`);
      ws.once("open", () => (ws.close(), resolve(true)));
      ws.once("error", () => resolve(false));
    });
    if (open) break;
    await sleep(100);
  }
  return { proc, prefix: null, urls: data.tokens.map(() => `ws://127.0.0.1:${port}/bench`) };
}

async function stop(proc: ChildProcess) {
  proc.kill("SIGKILL");
  await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once("exit", r)));
}

interface WorkloadResult {
  updateP50: number;
  updateP95: number;
  updateP99: number;
  cursorP50: number;
  cursorP99: number;
  messagesPerSecond: number;
  receivedMbPerSecond: number;
  generatorCpuPct: number;
  serverCpuPct: number;
  serverRssMb: number;
  eventLoopP99Ms: number | null;
}

async function workload(kind: Kind, data: Awaited<ReturnType<typeof prepare>>, cursorHz: number, people = clients, synchronous: "full" | "normal" = "full"): Promise<WorkloadResult> {
  const server = await startServerProcess(kind, data, {}, synchronous);
  // A tenth of the clients write, one update a second each; up to 25 apply every update as browsers do.
  const task: LoadTask = { urls: server.urls.slice(0, people), docPrefix: server.prefix, fullClients: Math.min(25, people), writers: Math.round(people / 10), writesPerSecond: 1, cursorHz, seconds: 10, warmupSeconds: 3 };
  const load = fork("bench/canvas/load.ts", [JSON.stringify(task)], { execArgv: tsx, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await waitFor(load, "measuring");
  const cpuStart = cpuMs(server.proc.pid!);
  const wallStart = Date.now();
  if (kind === "ours") {
    server.proc.send({ type: "stats" });
    await waitFor(server.proc, "stats");
  }
  await waitFor(load, "measured");
  const serverCpuPct = ((cpuMs(server.proc.pid!) - cpuStart) / (Date.now() - wallStart)) * 100;
  const serverRssMb = rssKb(server.proc.pid!) / 1024;
  let eventLoopP99Ms: number | null = null;
  if (kind === "ours") {
    server.proc.send({ type: "stats" });
    eventLoopP99Ms = (await waitFor<{ eventLoopP99Ms: number }>(server.proc, "stats")).eventLoopP99Ms;
  }
  const { result } = await waitFor<{ result: Omit<WorkloadResult, "serverCpuPct" | "serverRssMb" | "eventLoopP99Ms"> }>(load, "result");
  await stop(server.proc);
  return { ...result, serverCpuPct, serverRssMb, eventLoopP99Ms };
}

async function joinStorm(data: Awaited<ReturnType<typeof prepare>>): Promise<{ allSyncedS: number; firstSyncedS: number; synced: number; serverCpuS: number; generatorCpuPct: number; fullClientSyncedS: number }> {
  const server = await startServerProcess("ours", data);
  // One full client that applies the whole document, in its own process as a browser would be, and
  // 249 listeners that only receive it, all joining at once.
  const joiners = (urls: string[], fullClients: number) => {
    const task: LoadTask = { urls, docPrefix: null, fullClients, writers: 0, writesPerSecond: 1, cursorHz: 0, seconds: 0, warmupSeconds: 0, joinOnly: true };
    return fork("bench/canvas/load.ts", [JSON.stringify(task)], { execArgv: tsx, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  };
  const processes = [joiners(server.urls.slice(0, 1), 1), joiners(server.urls.slice(1), 0)];
  await Promise.all(processes.map((p) => waitFor(p, "ready")));
  const cpuBefore = cpuMs(server.proc.pid!);
  const results = processes.map((p) => waitFor<{ result: { allSyncedMs: number; firstSyncedMs: number; synced: number; generatorCpuPct: number } }>(p, "result"));
  for (const p of processes) p.send({ type: "go" });
  const [full, listeners] = await Promise.all(results);
  const serverCpuS = (cpuMs(server.proc.pid!) - cpuBefore) / 1000;
  await stop(server.proc);
  return {
    allSyncedS: Math.max(full.result.allSyncedMs, listeners.result.allSyncedMs) / 1000,
    firstSyncedS: Math.min(full.result.firstSyncedMs, listeners.result.firstSyncedMs) / 1000,
    fullClientSyncedS: full.result.allSyncedMs / 1000,
    synced: full.result.synced + listeners.result.synced,
    serverCpuS,
    generatorCpuPct: listeners.result.generatorCpuPct,
  };
}

async function churn(): Promise<{ rssGrowthPct: number; heapGrowthPct: number; documentsAfter: number; cycles: number }> {
  const data = await prepare(0);
  const server = await startServerProcess("ours", data, { unloadAfterMs: 500 });
  const port = new URL(server.urls[0]).port;
  const cycle = (url: string) =>
    new Promise<void>((resolve) => {
      const ws = new WebSocket(url);
      ws.once("open", () => ws.close());
      ws.once("close", () => resolve());
      ws.once("error", () => resolve());
      ws.once("unexpected-response", () => resolve());
    });
  const failing = `ws://127.0.0.1:${port}/yjs/${data.canvasId}?token=${"x".repeat(32)}`;
  const cycles = async (count: number) => {
    for (let i = 0; i < count; i += 50) {
      // Fifty at a time; one in ten fails authentication.
      await Promise.all(Array.from({ length: 50 }, (_, j) => cycle((i + j) % 10 === 0 ? failing : server.urls[(i + j) % clients])));
    }
  };
  // Warm up with the same pattern, then measure from a settled baseline.
  // Right after a burst V8 keeps its grown heap reserve (RSS up 5-10% with the used heap flat) and
  // gives it back once the process has been quiet for a while (its memory reducer). Each side is
  // measured the same way: 20 s quiet, a full collection, the median of five readings.
  const settled = async () => {
    await sleep(20_000);
    server.proc.send({ type: "gc" });
    const heap = (await waitFor<{ heapUsedKb: number }>(server.proc, "gc")).heapUsedKb;
    const rss: number[] = [];
    for (let k = 0; k < 5; k++, await sleep(400)) rss.push(rssKb(server.proc.pid!));
    return { heap, rss: percentile(rss, 50) };
  };
  await cycles(1000);
  const { heap: heapBefore, rss: before } = await settled();
  const count = 10_000;
  await cycles(count);
  const { heap: heapAfter, rss: after } = await settled();
  server.proc.send({ type: "stats" });
  const { documents } = await waitFor<{ documents: number }>(server.proc, "stats");
  await stop(server.proc);
  return { rssGrowthPct: ((after - before) / before) * 100, heapGrowthPct: ((heapAfter - heapBefore) / heapBefore) * 100, documentsAfter: documents, cycles: count };
}

function loopTimes(variables: number, linkCount: number): number {
  let seed = variables * 7919 + linkCount;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const ids = Array.from({ length: variables }, (_, i) => `v${String(i).padStart(4, "0")}`);
  const links: LoopLink[] = Array.from({ length: linkCount }, (_, i) => ({ id: `l${i}`, from: ids[Math.floor(random() * variables)], to: ids[Math.floor(random() * variables)], polarity: random() < 0.4 ? "-" : "+" }));
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    findLoops(ids, links);
    times.push(performance.now() - start);
  }
  return percentile(times, 50);
}

// Every configuration runs `runs` times; each round runs the three servers in a rotated order, so
// that none always goes first or last. The file holds each figure's median with its min and max,
// is replaced whole, and is stamped with the commit. `npm run bench:canvas -- 1` makes a quick look
// with one run (not for the record).
const runs = Number(process.argv[2] ?? 5);
const ms = (n: number) => (Number.isFinite(n) ? n : Number.NaN);
const kinds = ["ours", "ywebsocket", "hocuspocus"] as const;
const all = new Runs();
const sideBySide: string[] = [];
const workloadData = await prepare(0);
const stormData = await prepare(100_000);
for (let round = 0; round < runs; round++) {
  const order = [...kinds.slice(round % 3), ...kinds.slice(0, round % 3)];
  const results = {} as Record<Kind, Record<"A" | "B" | "C" | "D50", WorkloadResult | null>>;
  // What synchronous = FULL costs: workload A on our server with SQLite's NORMAL, before or after
  // the round's FULL runs by turns.
  let normalA: WorkloadResult | null = round % 2 === 0 ? await workload("ours", workloadData, 0, clients, "normal") : null;
  for (const kind of order) {
    results[kind] = {
      A: await workload(kind, workloadData, 0),
      B: await workload(kind, workloadData, 1),
      C: await workload(kind, workloadData, 10),
      // 50 people at 10 Hz: where fixed 50 ms frames once made our cursors slower than y-websocket's.
      D50: kind === "hocuspocus" ? null : await workload(kind, workloadData, 10, 50),
    };
  }
  normalA ??= await workload("ours", workloadData, 0, clients, "normal");
  const r = results;
  all.add({
    fanout_p99_ms_cursors_off_sync_normal: ms(normalA.updateP99),
    server_cpu_pct_cursors_off_sync_normal: normalA.serverCpuPct,
    fanout_p99_ms: ms(r.ours.B!.updateP99),
    ywebsocket_p99_ms: ms(r.ywebsocket.B!.updateP99),
    hocuspocus_p99_ms: ms(r.hocuspocus.B!.updateP99),
    fanout_p99_ms_cursors_off: ms(r.ours.A!.updateP99),
    ywebsocket_p99_ms_cursors_off: ms(r.ywebsocket.A!.updateP99),
    hocuspocus_p99_ms_cursors_off: ms(r.hocuspocus.A!.updateP99),
    fanout_p99_ms_10hz: ms(r.ours.C!.updateP99),
    ywebsocket_p99_ms_10hz: ms(r.ywebsocket.C!.updateP99),
    hocuspocus_p99_ms_10hz: ms(r.hocuspocus.C!.updateP99),
    cursor_p99_ms: ms(r.ours.B!.cursorP99),
    ywebsocket_cursor_p99_ms: ms(r.ywebsocket.B!.cursorP99),
    hocuspocus_cursor_p99_ms: ms(r.hocuspocus.B!.cursorP99),
    cursor_p99_ms_10hz: ms(r.ours.C!.cursorP99),
    ywebsocket_cursor_p99_ms_10hz: ms(r.ywebsocket.C!.cursorP99),
    hocuspocus_cursor_p99_ms_10hz: ms(r.hocuspocus.C!.cursorP99),
    cursor_p99_ms_50x10hz: ms(r.ours.D50!.cursorP99),
    ywebsocket_cursor_p99_ms_50x10hz: ms(r.ywebsocket.D50!.cursorP99),
    fanout_p99_ms_50x10hz: ms(r.ours.D50!.updateP99),
    ywebsocket_p99_ms_50x10hz: ms(r.ywebsocket.D50!.updateP99),
    server_cpu_pct_cursors_off: r.ours.A!.serverCpuPct,
    ywebsocket_cpu_pct_cursors_off: r.ywebsocket.A!.serverCpuPct,
    server_cpu_pct_10hz: r.ours.C!.serverCpuPct,
    ywebsocket_cpu_pct_10hz: r.ywebsocket.C!.serverCpuPct,
    hocuspocus_cpu_pct_10hz: r.hocuspocus.C!.serverCpuPct,
    server_rss_mb_10hz: r.ours.C!.serverRssMb,
    event_loop_lag_p99_ms_10hz: r.ours.C!.eventLoopP99Ms ?? Number.NaN,
    received_mb_per_s_10hz: r.ours.C!.receivedMbPerSecond,
    ywebsocket_received_mb_per_s_10hz: r.ywebsocket.C!.receivedMbPerSecond,
    generator_cpu_pct_max: Math.max(...kinds.flatMap((k) => Object.values(r[k]).filter((w): w is WorkloadResult => w !== null).map((w) => w.generatorCpuPct))),
  });
  for (const w of ["A", "B", "C", "D50"] as const) {
    sideBySide.push(`  round ${round + 1} ${w}: ${kinds.filter((k) => r[k][w]).map((k) => `${k} ${Math.round(r[k][w]!.updateP99)} / ${Math.round(r[k][w]!.cursorP99)} / ${round1(r[k][w]!.serverCpuPct)}`).join(" | ")}`);
  }
  sideBySide.push(`  round ${round + 1} A with synchronous = NORMAL: ours ${Math.round(normalA.updateP99)} / - / ${round1(normalA.serverCpuPct)}`);
  const storm = await joinStorm(stormData);
  const churned = await churn();
  all.add({
    join_storm_all_synced_s: storm.allSyncedS,
    join_storm_first_synced_s: storm.firstSyncedS,
    join_storm_full_client_synced_s: storm.fullClientSyncedS,
    join_storm_server_cpu_s: storm.serverCpuS,
    join_storm_generator_cpu_pct: storm.generatorCpuPct,
    join_storm_synced_clients: storm.synced,
    churn_cycles: churned.cycles,
    churn_rss_growth_pct: churned.rssGrowthPct,
    churn_heap_growth_pct: churned.heapGrowthPct,
    churn_documents_resident_after: churned.documentsAfter,
    loops_60x150_ms: loopTimes(60, 150),
    loops_200x500_ms: loopTimes(200, 500),
    loops_1000x2500_ms: loopTimes(1000, 2500),
  });
}
const figures = { ...stamp(runs), clients, ...all.summary() };
const file = writeResults("canvas", figures);
printTable(`Canvases: ${clients} clients, 25 updates/s (loopback, 2 cores); medians of ${runs} runs, with min and max`, figures);
console.log("\nSide by side, each round (update p99 ms / cursor p99 ms / server CPU %):");
for (const line of sideBySide) console.log(line);
console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
fs.rmSync(dir, { recursive: true, force: true });
