// Two node processes behind a real nginx (deploy/nginx.conf), on one PostgreSQL database and a
// Redis of the test's own, under load from live-room and canvas clients that reconnect through
// nginx by themselves, as browsers do:
// - Redis restarts: the nodes reconnect, catch up from the database and converge;
// - kill -9 of the node that owns the room: its clients reconnect to the other node, which takes
//   the room over; nothing any client received or had acknowledged is lost.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { sql } from "kysely";
import { io as connect, type Socket } from "socket.io-client";
import { WebsocketProvider } from "y-websocket";
import WebSocket from "ws";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/connect";
import { issueCanvasToken } from "../../server/yjs/tokens";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "../../shared/events";
import { randomString } from "../../shared/ids";
import { newCanvas, storedDocument, userId } from "../helpers/canvasClient";
import { freePort, nginxBinary, startNginx, type RunningNginx } from "../helpers/nginx";
import { startServerProcess, type ServerProcess } from "../helpers/process";
import { meetingNow, type MeetingRef } from "../helpers/roomClient";
import { Visitor } from "../helpers/server";
import { until } from "../helpers/wait";

const url = process.env.TEST_DATABASE_URL;
const redisBinary = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].find((p) => fs.existsSync(p));
const provincial = "provincial-community-of-practice";
const people = [
  "daniel.okafor@csl-commons.example",
  "member@csl-commons.example",
  "lena.fischer@csl-commons.example",
  "grace.chen@csl-commons.example",
  "marcus.lee@csl-commons.example",
  "owen.macdonald@csl-commons.example",
  "fatima.haddad@csl-commons.example",
  "noah.bergstrom@csl-commons.example",
  "hana.sato@csl-commons.example",
  "aiyana.george@csl-commons.example",
];

/** A live-room client as the browser keeps one: it rejoins on every (re)connection. */
class RoomClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly received = new Set<string>();
  readonly acknowledged = new Set<string>();
  joins = 0;
  constructor(base: string, cookie: string, meeting: MeetingRef) {
    this.socket = connect(base, { transports: ["websocket"], extraHeaders: { cookie }, reconnectionDelay: 100, reconnectionDelayMax: 400, forceNew: true });
    this.socket.on("chat:message", (m) => this.received.add(m.id));
    // As the browser's room does (app/room/useRoom.ts): a join that gets no answer, or a failure
    // on the server's side, is asked again; a refusal is not.
    const join = () =>
      this.socket.timeout(8000).emit("room:join", meeting, (error: Error | null, reply: Ack<unknown>) => {
        if (!error && reply.ok) this.joins++;
        else if ((error || (!reply.ok && reply.retry)) && this.socket.connected) setTimeout(join, 250);
      });
    this.socket.on("connect", join);
  }
  async chat(text: string): Promise<void> {
    const reply = (await (this.socket.timeout(5000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Ack<{ id: string }>> }).emitWithAck("chat:send", { text }).catch(() => null)) as Ack<{ id: string }> | null;
    if (reply?.ok) this.acknowledged.add(reply.data.id);
  }
  close() {
    this.socket.disconnect();
  }
}

interface CanvasClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  written: string[];
}

describe.skipIf(!url || !nginxBinary || !redisBinary)("nodes that fail behind nginx", () => {
  const schema = `failover_${randomString(8)}`;
  let db: DB;
  let redis: ChildProcess | null = null;
  let redisPort = 0;
  const nodes: { process: ServerProcess; port: number; nodeId: string }[] = [];
  let nginx: RunningNginx;
  let meeting: MeetingRef;
  let canvasId: string;
  const rooms: RoomClient[] = [];
  const canvases: CanvasClient[] = [];
  let load: { stop: () => Promise<void> } | null = null;

  async function startRedis(): Promise<void> {
    redis = spawn(redisBinary!, ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await until(async () => {
      const probe = new (await import("ioredis")).Redis(redisPort, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on("error", () => {});
      const ok = await probe.connect().then(() => probe.ping().then((r) => r === "PONG"), () => false);
      probe.disconnect();
      return ok;
    }, "Redis to answer");
  }

  async function stopRedis(): Promise<void> {
    const stopped = new Promise((resolve) => redis!.once("exit", resolve));
    redis!.kill("SIGKILL");
    await stopped;
  }

  beforeAll(async () => {
    db = openDatabase(url!, { schema }).db;
    await sql`create schema ${sql.id(schema)}`.execute(db);
    redisPort = await freePort();
    await startRedis();
    const ports = [await freePort(), await freePort()];
    const nginxPort = await freePort();
    const env = (port: number) => ({
      PORT: String(port),
      DATABASE_URL: url!,
      DATABASE_SCHEMA: schema,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      PUBLIC_URL: `http://127.0.0.1:${nginxPort}`,
    });
    // Both start at once, as a deployment's nodes do: one migrates and seeds, the other waits.
    const started = await Promise.all(ports.map((port) => startServerProcess(url!, port, env(port))));
    for (const [i, process] of started.entries()) {
      const ready = (await (await fetch(`${process.url}/readyz`)).json()) as { node: string };
      nodes.push({ process, port: ports[i], nodeId: ready.node });
    }
    nginx = await startNginx(ports, nginxPort);
    meeting = await meetingNow({ services: { db } }, provincial);
    canvasId = await newCanvas(db, provincial, people[0]);

    // 20 room clients and 20 canvas clients, all through nginx (which spreads them over the nodes).
    const cookies = await Promise.all(
      people.map(async (email) => {
        const browser = new Visitor(nginx.base);
        await browser.signIn(email);
        return browser.cookieHeader;
      }),
    );
    for (let i = 0; i < 20; i++) rooms.push(new RoomClient(nginx.base, cookies[i % people.length], meeting));
    for (let i = 0; i < 20; i++) {
      const doc = new Y.Doc();
      const token = await issueCanvasToken(db, await userId(db, people[i % people.length]), canvasId);
      const provider = new WebsocketProvider(`ws://127.0.0.1:${nginx.port}/yjs`, canvasId, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        params: { token },
        maxBackoffTime: 300,
        disableBc: true,
      });
      canvases.push({ doc, provider, written: [] });
    }
    await until(() => rooms.every((r) => r.joins > 0) && canvases.every((c) => c.provider.synced), "every client to join through nginx", 20_000);
  }, 90_000);

  afterAll(async () => {
    await load?.stop();
    for (const r of rooms) r.close();
    for (const c of canvases) c.provider.destroy();
    nginx?.stop();
    for (const { process } of nodes) process.proc.kill("SIGKILL");
    redis?.kill("SIGKILL");
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
    await db.destroy();
  });

  /** Every room client chats now and then (within its person's allowance); every canvas client adds variables. */
  function startLoad(tag: string) {
    let running = true;
    let n = 0;
    const loops = [
      ...rooms.map(async (room, i) => {
        while (running) {
          await new Promise((resolve) => setTimeout(resolve, 2500 + (i % 5) * 300));
          if (running && room.socket.connected) await room.chat(`${tag} ${i} ${n++}`);
        }
      }),
      ...canvases.map(async (canvas, i) => {
        while (running) {
          await new Promise((resolve) => setTimeout(resolve, 150 + (i % 7) * 20));
          const key = `${tag}-${i}-${canvas.written.length}`;
          canvas.doc.transact(() => canvas.doc.getMap("variables").set(key, new Y.Map(Object.entries({ label: key, x: i, y: canvas.written.length }))));
          canvas.written.push(key);
        }
      }),
    ];
    return {
      async stop() {
        running = false;
        await Promise.all(loops);
      },
    };
  }

  /** Every canvas client holds every variable any client wrote, and so does the database. */
  async function canvasesConverged() {
    const everything = canvases.flatMap((c) => c.written);
    await until(() => canvases.every((c) => c.provider.synced && c.doc.getMap("variables").size === everything.length), `every canvas client to hold all ${everything.length} variables`, 30_000);
    await until(async () => (await storedDocument(db, canvasId)).getMap("variables").size === everything.length, "the database to hold every variable", 15_000);
  }

  /** Every chat message acknowledged to its sender, or received by anyone, is stored. */
  async function chatKept() {
    const stored = new Set((await db.selectFrom("chat_messages").select("id").execute()).map((r) => r.id));
    const acknowledged = rooms.flatMap((r) => [...r.acknowledged]);
    const received = rooms.flatMap((r) => [...r.received]);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(received.filter((id) => !stored.has(id))).toEqual([]);
    return { acknowledged: acknowledged.length };
  }

  it("converges after Redis restarts under load", async () => {
    load = startLoad("redis");
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await stopRedis();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await startRedis();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await load.stop();
    load = null;
    await canvasesConverged();
    await chatKept();
    // The room still has one writer: a hand raised now is seen by a client on the other node.
    await until(() => rooms.every((r) => r.socket.connected), "every room client to be connected");
    const raiser = rooms[1];
    const reply = (await (raiser.socket.timeout(8000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Ack<undefined>> }).emitWithAck("hand:raise", {})) as Ack<undefined>;
    expect(reply).toEqual({ ok: true });
  }, 90_000);

  it("loses nothing when the room's owner is killed with 40 clients at work", async () => {
    const acknowledgedBefore = rooms.reduce((n, r) => n + r.acknowledged.size, 0);
    load = startLoad("kill");
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const owner = await ownerOfRoom();
    const victim = nodes.find((n) => n.nodeId === owner) ?? nodes[0];
    const joinsBefore = rooms.map((r) => r.joins);
    victim.process.proc.kill("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 6000));
    await load.stop();
    load = null;
    // The killed node's clients came back through nginx to the other node and rejoined.
    await until(() => rooms.every((r) => r.socket.connected), "every room client to reconnect", 20_000);
    expect(rooms.filter((r, i) => r.joins > joinsBefore[i]).length).toBeGreaterThan(0);
    await canvasesConverged();
    const { acknowledged } = await chatKept();
    expect(acknowledged).toBeGreaterThan(acknowledgedBefore);
  }, 90_000);

  async function ownerOfRoom(): Promise<string | null> {
    const { Redis } = await import("ioredis");
    const client = new Redis(redisPort, "127.0.0.1");
    const meetingId = (await db.selectFrom("meetings").select("id").where("series_id", "=", meeting.seriesId).executeTakeFirstOrThrow()).id;
    const owner = await client.get(`csl:lease:room:${meetingId}`);
    client.disconnect();
    return owner;
  }
});
