// Canvas load generator, in its own process. Full clients keep a Yjs document and measure
// latency from timestamps inside updates and cursor states; lightweight listeners speak the same
// protocol but only count what arrives. With `docPrefix`, every message carries the document name
// first (Hocuspocus's framing); otherwise it is plain y-websocket.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { percentile } from "../lib/stats";

export interface LoadTask {
  urls: string[];
  docPrefix: string | null;
  fullClients: number;
  writers: number;
  writesPerSecond: number;
  cursorHz: number;
  seconds: number;
  warmupSeconds: number;
  /** Join storm: only connect, sync and report when everyone is synced. */
  joinOnly?: boolean;
}

const task = JSON.parse(process.argv[2]) as LoadTask;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const updateLatency: number[] = [];
const cursorLatency: number[] = [];
let received = 0;
let receivedBytes = 0;
let measuring = false;

function withPrefix(body: Uint8Array): Uint8Array {
  if (!task.docPrefix) return body;
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, task.docPrefix);
  encoding.writeUint8Array(encoder, body);
  return encoding.toUint8Array(encoder);
}

function message(write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return withPrefix(encoding.toUint8Array(encoder));
}

class Client {
  ws: WebSocket;
  doc: Y.Doc | null;
  clientId = Math.floor(Math.random() * 2 ** 30);
  clock = 0;
  synced = false;
  syncedAt = 0;

  constructor(url: string, readonly full: boolean) {
    this.doc = full ? new Y.Doc() : null;
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = "nodebuffer";
    this.ws.on("message", (data: Buffer) => this.receive(data));
    this.ws.on("error", () => {});
    if (this.doc) {
      this.doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin === "local") this.send(message((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, update))));
      });
      this.doc.getMap<number>("bench").observe((event) => {
        if (event.transaction.origin === "local" || !measuring) return;
        const now = Date.now();
        for (const key of event.keysChanged) if (key !== String(this.clientId)) updateLatency.push(now - event.target.get(key)!);
      });
    }
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once("open", () => {
        if (task.docPrefix) this.send(message((e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint(e, 0), encoding.writeVarString(e, ""))));
        const sv = this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0]);
        this.send(message((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 0), encoding.writeVarUint8Array(e, sv))));
        resolve();
      });
      this.ws.once("error", reject);
    });
  }

  send(data: Uint8Array) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  receive(data: Buffer) {
    if (measuring) {
      received++;
      receivedBytes += data.byteLength;
    }
    if (this.synced && !this.full) return;
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (task.docPrefix) decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const step = decoding.readVarUint(decoder);
      if (this.doc && (step === 1 || step === 2)) Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), "remote");
      // A full client is synced once it has applied the state; a listener once it has received it.
      if (step === 1 && !this.synced) {
        this.synced = true;
        this.syncedAt = Date.now();
      }
    } else if (type === 1 && this.full && measuring) {
      const body = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const count = decoding.readVarUint(body);
      const now = Date.now();
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(body);
        decoding.readVarUint(body);
        const json = decoding.readVarString(body);
        if (clientId === this.clientId || json === "null") continue;
        const t = (JSON.parse(json) as { t?: number }).t;
        if (t) cursorLatency.push(now - t);
      }
    }
  }

  write() {
    this.doc!.transact(() => this.doc!.getMap<number>("bench").set(String(this.clientId), Date.now()), "local");
  }

  moveCursor() {
    this.clock++;
    const state = JSON.stringify({ user: { name: `P${this.clientId % 1000}` }, cursor: { x: Math.round(Math.random() * 1000), y: Math.round(Math.random() * 800) }, t: Date.now() });
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, this.clientId);
    encoding.writeVarUint(inner, this.clock);
    encoding.writeVarString(inner, state);
    this.send(message((e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, encoding.toUint8Array(inner)))));
  }
}

// Join-storm processes start together when the parent says so, after their own start-up.
if (task.joinOnly) {
  process.send?.({ type: "ready" });
  await new Promise((resolve) => process.once("message", resolve));
}
const cpuStart = process.cpuUsage();
const started = Date.now();
const clients = task.urls.map((url, i) => new Client(url, i < task.fullClients));
await Promise.all(clients.map((c) => c.opened()));
if (task.joinOnly) {
  const deadline = Date.now() + 60_000;
  while (clients.some((c) => !c.synced) && Date.now() < deadline) await sleep(5);
  const synced = clients.filter((c) => c.synced);
  process.send?.({ type: "result", result: { allSyncedMs: Math.max(...synced.map((c) => c.syncedAt)) - started, firstSyncedMs: Math.min(...synced.map((c) => c.syncedAt)) - started, generatorCpuPct: (((process.cpuUsage(cpuStart).user + process.cpuUsage(cpuStart).system) / 1000) / (Date.now() - started)) * 100, synced: synced.length, clients: clients.length } });
  for (const c of clients) c.ws.terminate();
  await sleep(100);
  process.exit(0);
}
await sleep(1000);

const timers: NodeJS.Timeout[] = [];
const writers = clients.slice(0, task.writers);
writers.forEach((c, i) => {
  const every = 1000 / task.writesPerSecond;
  setTimeout(() => timers.push(setInterval(() => c.write(), every)), (i / writers.length) * every);
});
if (task.cursorHz > 0) {
  clients.forEach((c, i) => {
    const every = 1000 / task.cursorHz;
    setTimeout(() => timers.push(setInterval(() => c.moveCursor(), every)), (i / clients.length) * every);
  });
}
await sleep(task.warmupSeconds * 1000);
measuring = true;
process.send?.({ type: "measuring" });
const measureStart = Date.now();
const cpuMeasure = process.cpuUsage();
await sleep(task.seconds * 1000);
measuring = false;
const measureMs = Date.now() - measureStart;
const cpu = process.cpuUsage(cpuMeasure);
process.send?.({ type: "measured" });
for (const t of timers) clearInterval(t);
process.send?.({
  type: "result",
  result: {
    updateSamples: updateLatency.length,
    updateP50: percentile(updateLatency, 50),
    updateP95: percentile(updateLatency, 95),
    updateP99: percentile(updateLatency, 99),
    cursorSamples: cursorLatency.length,
    cursorP50: percentile(cursorLatency, 50),
    cursorP99: percentile(cursorLatency, 99),
    messagesPerSecond: (received / measureMs) * 1000,
    receivedMbPerSecond: (receivedBytes / measureMs / 1024 / 1024) * 1000,
    generatorCpuPct: ((cpu.user + cpu.system) / 1000 / measureMs) * 100,
  },
});
for (const c of clients) c.ws.terminate();
await sleep(100);
process.exit(0);
