// The benchmark's load generator, in its own process: participants on real Socket.io
// connections. Each message carries its send time; receivers record how long it took to arrive.
import { io as connect, type Socket } from "socket.io-client";
import { percentile } from "../lib/stats";

interface Task {
  mode: "platform" | "bare";
  url: string;
  rooms: { seriesId: string; key: string; tokens: { userId: string; token: string }[] }[];
  chats: number;
  hands: number;
  reactionBurst: boolean;
}

const task = JSON.parse(process.argv[2]) as Task;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Client {
  socket: Socket;
  userId: string;
}

const chatLatency: number[] = [];
const handLatency: number[] = [];
let reactionMessages = 0;
let reactionCount = 0;
const handSentAt = new Map<string, number>();
const seenHands = new Set<string>();

function emit(socket: Socket, event: string, payload: unknown): Promise<{ ok: boolean; error?: string }> {
  return socket.timeout(30_000).emitWithAck(event, payload);
}

async function connectClient(userId: string, token: string): Promise<Client> {
  const socket = connect(task.url, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie: `csl_session=${token}` } });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const onChat = (message: { text: string }) => {
    const sentAt = Number(message.text.split(" ")[0]);
    if (sentAt) chatLatency.push(Date.now() - sentAt);
  };
  const onState = (state: { hands: { queue: string[] } }) => {
    const now = Date.now();
    for (const id of state.hands.queue) {
      const key = `${userId}/${id}`;
      const sentAt = handSentAt.get(id);
      if (sentAt && !seenHands.has(key)) {
        seenHands.add(key);
        handLatency.push(now - sentAt);
      }
    }
  };
  const onReactions = (frame: { counts?: Record<string, number> }) => {
    reactionMessages += 1;
    reactionCount += Object.values(frame.counts ?? { one: 1 }).reduce((a, b) => a + b, 0);
  };
  if (task.mode === "platform") {
    socket.on("chat:message", onChat);
    socket.on("room:state", onState);
    socket.on("reactions", onReactions);
  } else {
    socket.on("chat", onChat);
    socket.on("state", onState);
    socket.on("reaction", onReactions);
  }
  return { socket, userId };
}

const cpuStart = process.cpuUsage();
const wallStart = Date.now();
const clients: Client[] = [];
const joinStart = Date.now();
for (const [r, room] of task.rooms.entries()) {
  for (let i = 0; i < room.tokens.length; i += 25) {
    const batch = await Promise.all(room.tokens.slice(i, i + 25).map((t) => connectClient(t.userId, t.token)));
    await Promise.all(
      batch.map(async (c) => {
        const reply = await (task.mode === "platform" ? emit(c.socket, "room:join", { seriesId: room.seriesId, key: room.key }) : emit(c.socket, "join", `room-${r}`));
        if (!reply.ok) throw new Error(`join refused: ${reply.error}`);
      }),
    );
    clients.push(...batch);
  }
}
const joinAllMs = Date.now() - joinStart;
process.send?.({ type: "joined" });
await sleep(500);

// Chat: senders spread over the rooms, one message every 50 ms.
for (let i = 0; i < task.chats; i++) {
  const sender = clients[(i * 7) % clients.length];
  const text = `${Date.now()} message ${i}`;
  void (task.mode === "platform" ? emit(sender.socket, "chat:send", { text }) : emit(sender.socket, "chat", text));
  await sleep(50);
}
await sleep(1000);

// Hand raises: different people, one every 100 ms, each broadcast as the room's new state.
for (let i = 0; i < task.hands; i++) {
  const raiser = clients[(i * 11 + 3) % clients.length];
  handSentAt.set(raiser.userId, Date.now());
  void (task.mode === "platform" ? emit(raiser.socket, "hand:raise", {}) : emit(raiser.socket, "hand", raiser.userId));
  await sleep(100);
}
await sleep(1000);

// Reaction burst: everyone reacts within two seconds.
let burstMessages = 0;
let burstReactions = 0;
if (task.reactionBurst) {
  const before = reactionMessages;
  const beforeCount = reactionCount;
  await Promise.all(
    clients.map(async (c, i) => {
      await sleep((i / clients.length) * 2000);
      await (task.mode === "platform" ? emit(c.socket, "reaction:send", { reaction: "appreciate" }) : emit(c.socket, "react", "appreciate"));
    }),
  );
  await sleep(1500);
  burstMessages = reactionMessages - before;
  burstReactions = reactionCount - beforeCount;
}

const cpu = process.cpuUsage(cpuStart);
const wallMs = Date.now() - wallStart;
process.send?.({
  type: "result",
  result: {
    clients: clients.length,
    joinAllMs,
    chatSamples: chatLatency.length,
    chatP50: percentile(chatLatency, 50),
    chatP95: percentile(chatLatency, 95),
    chatP99: percentile(chatLatency, 99),
    handSamples: handLatency.length,
    handP50: percentile(handLatency, 50),
    handP99: percentile(handLatency, 99),
    burstMessages,
    burstReactions,
    generatorCpuPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
  },
});
for (const c of clients) c.socket.close();
await sleep(200);
process.exit(0);
