// `npm run bench:rooms`: 250 participants in one live room, and a typical week of 20 rooms of
// 15, against our platform and against a bare Socket.io server broadcasting the same messages.
// The server and the load generator each run in their own process on loopback.
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateToLatest, openDatabase } from "../db/connect";
import { addMember, createCommunity } from "../db/queries/communities";
import { createSeries, occurrencesInWindow } from "../db/queries/meetings";
import { createUser } from "../db/queries/users";
import { createSession } from "../server/auth/sessions";
import { defaultAgenda } from "../shared/agenda";
import { defaultTimezone, recurrencePresets, utcToLocal } from "../shared/recurrence";
import { waitFor } from "./lib/processes";
import { cpuMs, printTable, rssKb, Runs, stamp, writeResults } from "./lib/stats";

type Mode = "platform" | "bare";
interface RoomTask {
  seriesId: string;
  key: string;
  tokens: { userId: string; token: string }[];
}
interface LoadResult {
  clients: number;
  joinAllMs: number;
  chatSamples: number;
  chatP50: number;
  chatP95: number;
  chatP99: number;
  handSamples: number;
  handP50: number;
  handP99: number;
  burstMessages: number;
  burstReactions: number;
  generatorCpuPct: number;
}

const tsx = ["--import", "tsx"];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csl-bench-"));

async function prepare(participants: number, rooms: number): Promise<{ file: string; rooms: RoomTask[] }> {
  const file = path.join(dir, `rooms-${participants}-${rooms}.sqlite`);
  const { db } = openDatabase(file);
  await migrateToLatest(db);
  const admin = await createUser(db, { email: "bench-admin@bench.example", name: "Bench Admin", passwordHash: "x", networkRole: "admin" });
  const community = await createCommunity(db, { name: "Bench Circle", description: "", visibility: "invite", createdBy: admin.id });
  // One meeting per room, each started five minutes ago: rooms are open only around their meeting.
  const tasks: RoomTask[] = [];
  for (let r = 0; r < rooms; r++) {
    const series = await createSeries(db, {
      communityId: community.id,
      title: `Bench circle ${r + 1}`,
      description: "",
      startLocal: utcToLocal(new Date(Date.now() - 5 * 60_000), defaultTimezone),
      timezone: defaultTimezone,
      durationMinutes: 240,
      rrule: recurrencePresets.once.rrule,
      videoUrl: null,
      agenda: defaultAgenda,
      createdBy: admin.id,
    });
    const [now] = await occurrencesInWindow(db, [series], new Date(Date.now() - 3600_000), new Date(Date.now() + 3600_000));
    tasks.push({ seriesId: now.seriesId, key: now.key, tokens: [] });
  }
  for (let i = 0; i < participants; i++) {
    const user = await createUser(db, { email: `p${i}@bench.example`, name: `Participant ${i}`, passwordHash: "x" });
    await addMember(db, community.id, user.id, i % 50 === 0 ? "facilitator" : "member");
    const { token } = await createSession(db, user.id, "bench");
    tasks[i % rooms].tokens.push({ userId: user.id, token });
  }
  await db.destroy();
  return { file, rooms: tasks };
}


async function run(mode: Mode, file: string, rooms: RoomTask[], options: { chats: number; hands: number; reactionBurst: boolean }) {
  const server = fork("bench/rooms/server.ts", [mode], { execArgv: tsx, env: { ...process.env, DATABASE_URL: file }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const { port } = await waitFor<{ port: number }>(server, "ready");
  await new Promise((r) => setTimeout(r, 300));
  const rssBefore = rssKb(server.pid!);
  const load = fork("bench/rooms/load.ts", [JSON.stringify({ mode, url: `http://127.0.0.1:${port}`, rooms, ...options })], { execArgv: tsx, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await waitFor(load, "joined");
  const rssJoined = rssKb(server.pid!);
  const cpuStart = cpuMs(server.pid!);
  const wallStart = Date.now();
  server.send({ type: "stats" });
  await waitFor(server, "stats"); // resets the event-loop histogram: measure the session, not the joins
  const { result } = await waitFor<{ result: LoadResult }>(load, "result");
  const serverCpuPct = ((cpuMs(server.pid!) - cpuStart) / (Date.now() - wallStart)) * 100;
  server.send({ type: "stats" });
  const loop = await waitFor<{ eventLoopP99Ms: number; eventLoopMaxMs: number }>(server, "stats");
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  const clients = rooms.reduce((n, r) => n + r.tokens.length, 0);
  return { ...result, serverCpuPct, rssPerParticipantKb: (rssJoined - rssBefore) / clients, rssJoinedMb: rssJoined / 1024, eventLoopP99Ms: loop.eventLoopP99Ms, eventLoopMaxMs: loop.eventLoopMaxMs };
}

// Every configuration runs `runs` times, ours and bare Socket.io alternating (which goes first
// alternates too); the file holds medians with min and max, replaced whole, stamped with the commit.
const runs = Number(process.argv[2] ?? 5);
const big = await prepare(250, 1);
const week = await prepare(300, 20);
const busy = { chats: 60, hands: 30, reactionBurst: true };
const quiet = { chats: 100, hands: 40, reactionBurst: false };
const all = new Runs();
for (let round = 0; round < runs; round++) {
  const pair = async (file: string, rooms: RoomTask[], options: typeof busy) => {
    if (round % 2 === 0) return { ours: await run("platform", file, rooms, options), bare: await run("bare", file, rooms, options) };
    const bare = await run("bare", file, rooms, options);
    return { ours: await run("platform", file, rooms, options), bare };
  };
  const { ours, bare } = await pair(big.file, big.rooms, busy);
  const { ours: oursWeek, bare: bareWeek } = await pair(week.file, week.rooms, quiet);
  all.add({
    participants: ours.clients,
    join_all_250_ms: ours.joinAllMs,
    fanout_p50_ms: ours.chatP50,
    fanout_p95_ms: ours.chatP95,
    fanout_p99_ms: ours.chatP99,
    fanout_samples: ours.chatSamples,
    hand_fanout_p50_ms: ours.handP50,
    hand_fanout_p99_ms: ours.handP99,
    bare_socketio_p50_ms: bare.chatP50,
    bare_socketio_p95_ms: bare.chatP95,
    bare_socketio_p99_ms: bare.chatP99,
    bare_socketio_hand_p99_ms: bare.handP99,
    overhead_ratio_p99: ours.chatP99 / Math.max(1, bare.chatP99),
    server_cpu_pct: ours.serverCpuPct,
    bare_server_cpu_pct: bare.serverCpuPct,
    rss_per_participant_kb: ours.rssPerParticipantKb,
    bare_rss_per_participant_kb: bare.rssPerParticipantKb,
    server_rss_mb: ours.rssJoinedMb,
    event_loop_lag_p99_ms: ours.eventLoopP99Ms,
    event_loop_lag_max_ms: ours.eventLoopMaxMs,
    reaction_burst_reactions: ours.burstReactions,
    reaction_burst_messages_received: ours.burstMessages,
    bare_reaction_burst_messages_received: bare.burstMessages,
    week_20x15_fanout_p99_ms: oursWeek.chatP99,
    week_20x15_hand_p99_ms: oursWeek.handP99,
    week_20x15_bare_p99_ms: bareWeek.chatP99,
    week_20x15_server_cpu_pct: oursWeek.serverCpuPct,
    week_20x15_bare_server_cpu_pct: bareWeek.serverCpuPct,
    generator_cpu_pct: Math.max(ours.generatorCpuPct, bare.generatorCpuPct, oursWeek.generatorCpuPct, bareWeek.generatorCpuPct),
  });
}
const figures = {
  ...stamp(runs),
  // Like with like: chat and hands go through both servers the same way (one message per event). Reactions do not:
  // ours gathers them into 250 ms frames (one message per frame, however many reacted), the bare server relays each
  // as it comes, as a server without framing would; so the reaction figures compare messages received, not latency.
  comparison: "chat and hands alike on both; reactions framed by ours, one message each on bare Socket.io",
  ...all.summary(),
};
const file = writeResults("rooms", figures);
printTable(`Live rooms: 250 participants in one room, and 20 rooms of 15 (loopback, 2 cores); medians of ${runs} runs, with min and max`, figures);
console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
fs.rmSync(dir, { recursive: true, force: true });
