// Canvases across nodes (decision 0017). A stored update goes out on the canvas's Redis stream;
// every node holding the canvas reads the stream and applies what other nodes stored, sending it to
// its own clients. The stream is a fast path, never the record: a node that sees a gap in the
// numbers, or lost Redis for a while, takes what it missed from the database log. Presence
// (cursors) crosses on the canvas's channel in the same frames; every node with canvases open beats
// twice a second, and the cursors of a node that falls silent for 1.5 s are cleared. One node at a
// time compacts a canvas (a lease held for a while, so the others skip the log they also hold).
import type { Redis } from "ioredis";
import type { AwarenessEntry } from "../yjs/protocol";
import type { CanvasDocument, CanvasRelay } from "../yjs/canvasDocument";
import type { Logger } from "../logger";
import type { Cluster } from "./cluster";
import { Leases } from "./leases";

export interface HubTimings {
  beatMs: number;
  silentAfterMs: number;
  /** Most entries a canvas's stream keeps (Redis trims it; the database keeps everything). */
  streamLength: number;
  compactionLeaseMs: number;
}

export const defaultHubTimings: HubTimings = { beatMs: 500, silentAfterMs: 1500, streamLength: 2000, compactionLeaseMs: 30_000 };

interface Followed {
  lastId: string;
  document: CanvasDocument;
  stopListening: Promise<() => Promise<void>>;
}

type PresenceMessage = { entries: AwarenessEntry[] } | { query: true };

export class CanvasHub implements CanvasRelay {
  private readonly reader: Redis;
  private readonly followed = new Map<string, Followed>();
  /** Other nodes, each with the negative number its clients' presence is owned by here. */
  private readonly remoteOwners = new Map<string, number>();
  private readonly heardAt = new Map<string, number>();
  private readonly compactions: Leases;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unlisten: (() => Promise<void>)[] = [];
  private closed = false;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly cluster: Cluster,
    private readonly log: Logger,
    private readonly onLock: (canvasId: string, lockedBy: string | null) => void,
    private readonly timings: HubTimings = defaultHubTimings,
  ) {
    // Blocking reads need a connection of their own.
    this.reader = cluster.redis.duplicate({ maxRetriesPerRequest: null });
    this.reader.on("error", (error: Error) => log.warn({ err: error.message }, "canvas stream reader"));
    this.compactions = new Leases(cluster, "compaction", timings.compactionLeaseMs);
  }

  async start(): Promise<void> {
    this.unlisten.push(
      await this.cluster.listen("canvas-beat", (_body, from) => this.heard(from)),
      await this.cluster.listen("canvas-lock", (body, from) => {
        if (from === this.cluster.nodeId) return;
        const { canvasId, lockedBy } = body as { canvasId: string; lockedBy: string | null };
        this.onLock(canvasId, lockedBy);
      }),
    );
    const stopReconnect = this.cluster.onReconnect(() => this.catchUpAll());
    this.unlisten.push(async () => void stopReconnect());
    this.timers.push(
      setInterval(() => {
        if (this.followed.size) void this.cluster.publish("canvas-beat", {}).catch(() => {});
      }, this.timings.beatMs),
      setInterval(() => this.sweepSilent(), this.timings.beatMs / 2),
    );
    for (const timer of this.timers) timer.unref();
    this.reading = this.readLoop();
  }

  private streamKey = (canvasId: string) => this.cluster.key(`canvas:${canvasId}`);

  /** Where the canvas's stream is now: read from here after loading from the database, nothing is missed. */
  async position(canvasId: string): Promise<string> {
    const last = (await this.cluster.redis.xrevrange(this.streamKey(canvasId), "+", "-", "COUNT", 1)) as [string, string[]][];
    return last[0]?.[0] ?? "0-0";
  }

  async follow(canvasId: string, fromId: string, document: CanvasDocument): Promise<void> {
    const stopListening = this.cluster.listen(`presence:${canvasId}`, (body, from) => this.presence(canvasId, body as PresenceMessage, from));
    this.followed.set(canvasId, { lastId: fromId, document, stopListening });
    await stopListening;
    // Whoever has the canvas open says who is there.
    await this.cluster.publish(`presence:${canvasId}`, { query: true } satisfies PresenceMessage);
  }

  unfollow(canvasId: string): void {
    const followed = this.followed.get(canvasId);
    if (!followed) return;
    this.followed.delete(canvasId);
    void followed.stopListening.then((stop) => stop());
  }

  published(canvasId: string, rows: { seq: number; update: Uint8Array }[]): void {
    if (rows.length === 0) return;
    const fields: (string | Buffer)[] = ["node", this.cluster.nodeId, "first", String(rows[0].seq)];
    for (const [i, row] of rows.entries()) fields.push(`u${i}`, Buffer.from(row.update.buffer, row.update.byteOffset, row.update.byteLength));
    // Stored already: a stream that Redis cannot take now is caught up from the database by the others.
    this.cluster.redis.xadd(this.streamKey(canvasId), "MAXLEN", "~", String(this.timings.streamLength), "*", ...fields).catch((error: Error) => this.log.warn({ err: error.message, canvasId }, "a canvas update was not published; other nodes catch up from the database"));
  }

  awareness(canvasId: string, entries: AwarenessEntry[]): void {
    void this.cluster.publish(`presence:${canvasId}`, { entries } satisfies PresenceMessage).catch(() => {});
  }

  async mayCompact(canvasId: string): Promise<boolean> {
    const holder = await this.compactions.holder(canvasId);
    return holder.self && holder.taken;
  }

  /** A facilitator's lock, set through a page on this node, reaches the canvas on every node. */
  async lockChanged(canvasId: string, lockedBy: string | null): Promise<void> {
    await this.cluster.publish("canvas-lock", { canvasId, lockedBy });
  }

  private ownerFor(nodeId: string): number {
    let owner = this.remoteOwners.get(nodeId);
    if (owner === undefined) {
      owner = -(this.remoteOwners.size + 1);
      this.remoteOwners.set(nodeId, owner);
    }
    return owner;
  }

  private heard(nodeId: string): void {
    if (nodeId !== this.cluster.nodeId) this.heardAt.set(nodeId, Date.now());
  }

  private presence(canvasId: string, message: PresenceMessage, from: string): void {
    if (from === this.cluster.nodeId) return;
    this.heard(from);
    const followed = this.followed.get(canvasId);
    if (!followed) return;
    if ("query" in message) {
      const entries = followed.document.localAwareness();
      if (entries.length) this.awareness(canvasId, entries);
      return;
    }
    followed.document.receiveRemoteAwareness(this.ownerFor(from), message.entries);
  }

  /** A node silent for too long has gone (killed, cut off): its clients' cursors are cleared. */
  private sweepSilent(): void {
    const now = Date.now();
    for (const [nodeId, at] of this.heardAt) {
      if (now - at <= this.timings.silentAfterMs) continue;
      this.heardAt.delete(nodeId);
      const owner = this.remoteOwners.get(nodeId);
      if (owner === undefined) continue;
      this.log.warn({ nodeId }, "a node fell silent; its clients' cursors are cleared");
      for (const { document } of this.followed.values()) document.dropRemoteOwner(owner);
    }
  }

  private catchUpAll(): void {
    for (const { document } of this.followed.values()) document.scheduleCatchUp(0);
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      const canvasIds = [...this.followed.keys()];
      if (canvasIds.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      let result: [Buffer, [Buffer, Buffer[]][]][] | null;
      try {
        result = (await this.reader.xreadBuffer(
          "COUNT",
          500,
          "BLOCK",
          100,
          "STREAMS",
          ...canvasIds.map((id) => this.streamKey(id)),
          ...canvasIds.map((id) => this.followed.get(id)!.lastId),
        )) as [Buffer, [Buffer, Buffer[]][]][] | null;
      } catch (error) {
        if (this.closed) return;
        this.log.warn({ err: (error as Error).message }, "reading canvas streams failed; retrying");
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      for (const [key, entries] of result ?? []) {
        const canvasId = key.toString().slice(this.cluster.key("canvas:").length);
        const followed = this.followed.get(canvasId);
        if (!followed) continue;
        for (const [id, raw] of entries) {
          followed.lastId = id.toString();
          const fields = new Map<string, Buffer>();
          for (let i = 0; i + 1 < raw.length; i += 2) fields.set(raw[i].toString(), raw[i + 1]);
          const node = fields.get("node")?.toString();
          if (!node || node === this.cluster.nodeId) continue;
          this.heard(node);
          const first = Number(fields.get("first")?.toString());
          const rows: { seq: number; update: Uint8Array }[] = [];
          for (let i = 0; fields.has(`u${i}`); i++) rows.push({ seq: first + i, update: new Uint8Array(fields.get(`u${i}`)!) });
          if (Number.isInteger(first) && first > 0) followed.document.applyRemote(rows);
        }
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const stop of this.unlisten) await stop();
    for (const canvasId of [...this.followed.keys()]) this.unfollow(canvasId);
    this.reader.disconnect();
    await this.reading.catch(() => {});
  }
}
