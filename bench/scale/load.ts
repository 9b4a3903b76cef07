// The load generator of `npm run bench:scale`, in its own process (pinned to its own core):
// live-room clients and canvas clients spread round-robin over the nodes, connected to each node
// directly. Every chat message and canvas update carries its send time and its sender's node, so
// each receiver records its latency as same-node or cross-node.
import { io as connect, type Socket } from "socket.io-client";
import { WebsocketProvider } from "y-websocket";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { percentile } from "../lib/stats";

export interface ScaleTask {
  phase: "fanout" | "kill";
  nodes: string[];
  meeting: { seriesId: string; key: string };
  sessions: string[];
  canvasId: string;
  canvasTokens: string[];
}

const task = JSON.parse(process.argv[2]) as ScaleTask;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nodeOf = (i: number) => i % task.nodes.length;

interface Samples {
  same: number[];
  cross: number[];
}
const chat: Samples = { same: [], cross: [] };
const canvas: Samples = { same: [], cross: [] };
const all = (s: Samples) => [...s.same, ...s.cross];

async function roomClient(i: number): Promise<Socket> {
  const socket = connect(task.nodes[nodeOf(i)], { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie: `csl_session=${task.sessions[i]}` } });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  socket.on("chat:message", (message: { text: string }) => {
    const [sentAt, from] = message.text.split(" ").map(Number);
    (from === nodeOf(i) ? chat.same : chat.cross).push(Date.now() - sentAt);
  });
  const reply = (await socket.timeout(30_000).emitWithAck("room:join", task.meeting)) as { ok: boolean; error?: string };
  if (!reply.ok) throw new Error(`join refused: ${reply.error}`);
  return socket;
}

interface CanvasClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  node: number;
  seen: Set<string>;
}

function canvasClient(i: number, record: boolean): Promise<CanvasClient> {
  const doc = new Y.Doc();
  const node = nodeOf(i);
  const provider = new WebsocketProvider(`${task.nodes[node].replace("http", "ws")}/yjs`, task.canvasId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: task.canvasTokens[i] },
    disableBc: true,
    maxBackoffTime: 500,
  });
  const client: CanvasClient = { doc, provider, node, seen: new Set() };
  doc.getMap<string>("bench").observe((event) => {
    const now = Date.now();
    for (const key of event.keysChanged) {
      client.seen.add(key);
      if (!record || event.transaction.local) continue;
      const [sentAt, from] = (doc.getMap<string>("bench").get(key) ?? "").split("|").map(Number);
      if (sentAt) (from === node ? canvas.same : canvas.cross).push(now - sentAt);
    }
  });
  return new Promise((resolve) => provider.once("sync", () => resolve(client)));
}

function write(client: CanvasClient, key: string) {
  client.doc.getMap<string>("bench").set(key, `${Date.now()}|${client.node}`);
}

const p99 = (values: number[]) => percentile(values, 99);

if (task.phase === "fanout") {
  // Rooms: 60 people in one room; a chat message every 50 ms from senders on every node.
  const people = await Promise.all(task.sessions.slice(0, 60).map((_, i) => roomClient(i)));
  await sleep(500);
  for (let n = 0; n < 80; n++) {
    const i = (n * 7) % people.length;
    void people[i].timeout(10_000).emitWithAck("chat:send", { text: `${Date.now()} ${nodeOf(i)} message ${n}` }).catch(() => {});
    await sleep(50);
  }
  await sleep(1500);
  for (const p of people) p.close();

  // Canvases: 30 clients on one canvas; 10 of them write 4 updates a second each for 5 seconds.
  const clients = await Promise.all(task.canvasTokens.slice(0, 30).map((_, i) => canvasClient(i, true)));
  await sleep(500);
  await Promise.all(
    clients.slice(0, 10).map(async (client, w) => {
      // Writers spread over the quarter second, as people's edits are (not all in the same instant).
      await sleep(w * 25);
      for (let n = 0; n < 20; n++) {
        write(client, `w${w}-${n}`);
        await sleep(250);
      }
    }),
  );
  await sleep(1500);
  for (const c of clients) c.provider.destroy();
  process.send?.({
    type: "result",
    result: {
      room_p99: p99(all(chat)),
      room_same_p99: p99(chat.same),
      room_cross_p99: p99(chat.cross),
      room_samples: all(chat).length,
      canvas_p99: p99(all(canvas)),
      canvas_same_p99: p99(canvas.same),
      canvas_cross_p99: p99(canvas.cross),
      canvas_samples: all(canvas).length,
    },
  });
} else {
  // Two nodes: an observer on node 0 watches a cursor on node 1; writers on both nodes write
  // while node 1 is killed. The survivor's clients must end holding everything any of them saw.
  const clients = await Promise.all(task.canvasTokens.slice(0, 12).map((_, i) => canvasClient(i, false)));
  const observer = clients[0];
  const cursor = clients[1];
  cursor.provider.awareness.setLocalStateField("cursor", { x: 10, y: 10 });
  const cursorVisible = () => [...observer.provider.awareness.getStates()].some(([id, s]) => id === cursor.doc.clientID && s.cursor);
  while (!cursorVisible()) await sleep(10);
  let writing = true;
  const writers = clients.slice(2).map(async (client, w) => {
    for (let n = 0; writing; n++) {
      write(client, `k${w}-${n}`);
      await sleep(40);
    }
  });
  await sleep(1500);
  process.send?.({ type: "kill-now" });
  const killedAt = await new Promise<number>((resolve) => process.once("message", (m: { killedAt: number }) => resolve(m.killedAt)));
  while (cursorVisible()) await sleep(5);
  const ghostClearedMs = Date.now() - killedAt;
  await sleep(1500);
  writing = false;
  await Promise.all(writers);
  await sleep(2000);
  const survivors = clients.filter((c) => c.node === 0);
  const seen = [...new Set(survivors.flatMap((c) => [...c.seen]))];
  for (const c of clients) c.provider.destroy();
  process.send?.({ type: "result", result: { ghostClearedMs, seen } });
}
await sleep(200);
process.exit(0);
