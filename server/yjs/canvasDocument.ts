// One canvas document in memory with the connections editing it. An update from a client is
// written to the log first; only then is it applied and sent to the others, so nobody ever
// receives an update that a crash could lose. Writes go in bounded chunks on one chain per
// document; compaction runs on the same chain, so it folds exactly what is applied and never a
// row still being written. Awareness (cursors, selections) is gathered into frames and sent at
// most every frame interval, one message per recipient.
import * as Y from "yjs";
import type { DB } from "../../db/connect";
import type { Logger } from "../logger";
import {
  closeCodes,
  encodeAwarenessEntry,
  encodeAwarenessFrame,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  readAwarenessEntries,
  type AwarenessEntry,
} from "./protocol";
import { CanvasHistory } from "./history";
import { appendInOrder, appendUpdates, compact, loadAfter, loadDocument, recordContributions, removeUpdate } from "./storage";
import { placesChanged } from "./protectedParts";

export interface Connection {
  id: number;
  userId: string;
  /** The signed-in person's name: the only name their presence may show. */
  name: string;
  canEdit: boolean;
  /** May edit while a facilitator has locked the canvas. */
  facilitates: boolean;
  canShowPresence: boolean;
  /** Awareness client ids this connection speaks for. */
  clientIds: Set<number>;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Told once that it may not edit. */
  toldReadOnly?: boolean;
  /** Told once, per lock, that editing is paused. */
  toldLocked?: boolean;
}

export interface DocumentLimits {
  /** Largest awareness state, as JSON characters. */
  awarenessStateChars: number;
  /** Most awareness client ids one connection may speak for (a tab has one; a reload, a new one). */
  awarenessClientsPerConnection: number;
  /** The longest awareness frames wait: what a crowd gets. */
  frameMs: number;
  /** Awareness messages per second the frames may cost a document (recipients times frames). */
  frameSendsPerSecond: number;
  compactAfterBytes: number;
  /** Most updates written in one statement (SQLite allows 32,766 parameters; a row takes 5). */
  rowsPerWrite: number;
  /** Most a canvas may hold, snapshot and log together, in bytes. */
  quotaBytes: number;
}

/**
 * With several nodes (decision 0017), what a document tells the others and asks of them: stored
 * updates go out on the canvas's stream, local presence on its channel, and one node at a time
 * compacts.
 */
export interface CanvasRelay {
  published(canvasId: string, rows: { seq: number; update: Uint8Array }[]): void;
  awareness(canvasId: string, entries: AwarenessEntry[]): void;
  /** Whether this node may compact the canvas now (no other node has, lately). */
  mayCompact(canvasId: string): Promise<boolean>;
}

/** A canvas at its storage quota. Recognised by name: the React Router build holds its own copy of this module. */
export class CanvasFull extends Error {
  override name = "CanvasFull";
  static is = (error: unknown): boolean => error instanceof Error && error.name === "CanvasFull";
}

interface AwarenessState {
  clock: number;
  json: string;
  bytes: Uint8Array;
  owner: number;
}

interface Pending {
  update: Uint8Array;
  from: Connection;
  /** It changes the map itself (variables, links): what counts someone as a contributor. */
  changesMap: boolean;
  /** Told whether the update was stored (only the server's own changes wait for it). */
  settle?: (error: Error | null) => void;
}

export class CanvasDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly connections = new Set<Connection>();
  private seq = 0;
  /** Every update numbered up to this one is in `doc`. */
  private appliedSeq = 0;
  /** Several nodes: numbers above appliedSeq already in `doc` (the gap before them is being fetched). */
  private readonly aheadSeqs = new Set<number>();
  private catchUpTimer: NodeJS.Timeout | null = null;
  private catchingUp: Promise<void> = Promise.resolve();
  private logBytes = 0;
  private snapshotBytes = 0;
  private pending: Pending[] = [];
  private writing: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private cachedState: Uint8Array | null = null;
  private compactionQueued = false;
  /** Compactions this document has done (tests: three nodes compact a canvas once). */
  compactions = 0;
  private readonly awareness = new Map<number, AwarenessState>();
  private readonly changed = new Set<number>();
  private frameTimer: NodeJS.Timeout | null = null;
  private lastFrameAt = 0;
  /** Settles once everything received so far is stored and sent. */
  idle: Promise<void> = Promise.resolve();
  /** The facilitator who has frozen editing for everyone else, or null. */
  private lockedBy: string | null = null;
  /** Who added, changed and removed what (kept apart from the log; decision 0020). */
  private history: CanvasHistory | null = null;

  private constructor(
    readonly canvasId: string,
    private readonly db: DB,
    private readonly log: Logger,
    private readonly limits: DocumentLimits,
    private readonly relay: CanvasRelay | null,
  ) {
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      this.cachedState = null;
      const message = encodeUpdate(update);
      for (const connection of this.connections) if (connection !== origin) connection.send(message);
    });
  }

  /** Loads the stored document: the snapshot, then every update after it. */
  static async load(canvasId: string, db: DB, log: Logger, limits: DocumentLimits, relay: CanvasRelay | null = null): Promise<CanvasDocument> {
    const document = new CanvasDocument(canvasId, db, log, limits, relay);
    const stored = await loadDocument(db, canvasId);
    if (stored.snapshot) Y.applyUpdate(document.doc, stored.snapshot, "load");
    // One transaction for the whole log: much faster than an update at a time (0.4 s instead of
    // 0.8 s for 100,000 updates, and merging them first is slower still). A damaged update is
    // skipped and logged; the rest load.
    document.doc.transact(() => {
      for (const { seq, update } of stored.updates) {
        try {
          Y.applyUpdate(document.doc, update, "load");
        } catch (error) {
          log.error({ err: error, canvasId, seq }, "a stored canvas update could not be applied; skipped");
        }
      }
    }, "load");
    document.seq = document.appliedSeq = stored.lastSeq;
    document.lockedBy = stored.lockedBy;
    document.logBytes = stored.logBytes;
    document.snapshotBytes = stored.snapshot?.byteLength ?? 0;
    document.history = new CanvasHistory(canvasId, document.doc);
    await document.history.start(db).catch((error: unknown) => log.warn({ err: error, canvasId }, "canvas history not started"));
    // A long log is folded into a snapshot soon, but not while a crowd is joining.
    if (document.logBytes > limits.compactAfterBytes) setTimeout(() => document.queueCompaction(), 5000).unref();
    return document;
  }

  /** The whole document as one update, kept until the next change so joiners share it. */
  state(): Uint8Array {
    this.cachedState ??= Y.encodeStateAsUpdate(this.doc);
    return this.cachedState;
  }

  join(connection: Connection): void {
    this.connections.add(connection);
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = [...this.awareness.values()].filter((s) => s.json !== "null").map((s) => s.bytes);
    if (states.length) connection.send(encodeAwarenessFrame(states));
  }

  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    for (const clientId of connection.clientIds) {
      const state = this.awareness.get(clientId);
      if (!state || state.owner !== connection.id) continue;
      const clock = state.clock + 1;
      this.awareness.set(clientId, { clock, json: "null", bytes: encodeAwarenessEntry({ clientId, clock, json: "null" }), owner: connection.id });
      this.changed.add(clientId);
    }
    this.scheduleFrame();
  }

  answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    const state = this.state();
    connection.send(encodeSyncStep2(stateVector.byteLength <= 1 ? state : Y.diffUpdate(state, stateVector)));
  }

  /**
   * Freezes or unfreezes editing for everyone who does not facilitate. An edit refused while
   * locked stays in its sender's document, and their later edits build on it, so on unlocking each
   * client is asked again what it holds (sync step 1): its answer brings what was refused, and
   * everyone converges rather than later edits waiting forever on a missing one.
   */
  setLock(lockedBy: string | null): void {
    this.lockedBy = lockedBy;
    for (const connection of this.connections) {
      if (lockedBy === null && connection.toldLocked) this.askForMissing(connection);
      connection.toldLocked = false;
    }
  }

  /** Asks a client for whatever it holds that the server does not. */
  askForMissing(connection: Connection): void {
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
  }

  /** Bytes the canvas holds: its snapshot and its log. */
  get storedBytes(): number {
    return this.snapshotBytes + this.logBytes;
  }

  /** Takes an update from a client: refused for read-only connections, while locked and when full; otherwise stored then shared. */
  receiveUpdate(connection: Connection, update: Uint8Array, settle?: Pending["settle"]): void {
    if (!connection.canEdit) {
      if (!connection.toldReadOnly) connection.send(encodePermissionDenied("You can view this canvas but not change it."));
      connection.toldReadOnly = true;
      return;
    }
    if (this.lockedBy && !connection.facilitates) {
      if (!connection.toldLocked) connection.send(encodePermissionDenied("A facilitator has paused editing of this map."));
      connection.toldLocked = true;
      return;
    }
    Y.decodeUpdate(update); // throws on a malformed update, before anything is stored
    // Comments are written by the server alone (through the comment form); the lock banner and
    // presentation by facilitators. A client that writes them otherwise is not ours: closed.
    let changesMap = false;
    if (connection !== serverConnection) {
      const places = placesChanged(this.doc, update);
      // Loop labels and presence are written by whoever has the map open; only the map counts.
      changesMap = places.some((p) => p.part === "variables" || p.part === "links");
      const forbidden = places.some((p) => p.part === "comments" || (p.part === "meta" && p.key !== "version" && !connection.facilitates));
      if (forbidden) {
        connection.close(closeCodes.revoked, "That change is not one you may make.");
        return;
      }
    }
    const queued = this.pending.reduce((n, p) => n + p.update.byteLength, 0);
    if (this.storedBytes + queued + update.byteLength > this.limits.quotaBytes) {
      connection.send(encodePermissionDenied("This map has reached its storage limit. Save a version and start a new map from it to keep going."));
      settle?.(new CanvasFull("This map has reached its storage limit."));
      return;
    }
    this.pending.push({ update, from: connection, settle, changesMap });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.idle = this.writing = this.writing.then(() => this.flush());
      });
    }
  }

  /** Stores what is pending in chunks; each stored chunk is applied and shared, a failed one closes only its own senders. */
  private async flush(): Promise<void> {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const contributions = new Map<string, number>();
    for (let start = 0; start < batch.length; start += this.limits.rowsPerWrite) {
      const chunk = batch.slice(start, start + this.limits.rowsPerWrite);
      let rows: { seq: number; update: Uint8Array }[];
      try {
        if (this.relay) {
          // Several nodes write this canvas: the database numbers the updates, in commit order.
          const first = await appendInOrder(this.db, this.canvasId, chunk.map((b) => b.update));
          rows = chunk.map((b, i) => ({ seq: first + i, update: b.update }));
        } else {
          rows = chunk.map((b) => ({ seq: ++this.seq, update: b.update }));
          await appendUpdates(this.db, this.canvasId, rows);
        }
      } catch (error) {
        this.log.error({ err: error, canvasId: this.canvasId, updates: chunk.length }, "canvas updates not stored; their senders are disconnected");
        for (const b of chunk) {
          b.from.close(1011, "Your last change could not be saved. Reconnecting will resend it.");
          b.settle?.(error instanceof Error ? error : new Error(String(error)));
        }
        continue;
      }
      for (const [i, b] of chunk.entries()) {
        try {
          Y.applyUpdate(this.doc, b.update, b.from);
          this.logBytes += b.update.byteLength;
          if (b.changesMap) contributions.set(b.from.userId, (contributions.get(b.from.userId) ?? 0) + 1);
          b.settle?.(null);
        } catch (error) {
          this.log.warn({ err: error, canvasId: this.canvasId }, "a canvas update could not be applied; removed");
          await removeUpdate(this.db, this.canvasId, rows[i].seq).catch(() => {});
          b.from.close(4400, "That change could not be read.");
          b.settle?.(error instanceof Error ? error : new Error(String(error)));
        }
        this.markApplied(rows[i].seq);
      }
      this.relay?.published(this.canvasId, rows);
    }
    await this.history?.write(this.db).catch((error: unknown) => this.log.warn({ err: error, canvasId: this.canvasId }, "canvas history not recorded"));
    if (contributions.size) {
      recordContributions(this.db, this.canvasId, contributions).catch((error: unknown) => this.log.warn({ err: error, canvasId: this.canvasId }, "canvas contributions not recorded"));
    }
    if (this.logBytes > this.limits.compactAfterBytes) this.queueCompaction();
  }

  /** Queues one compaction on the write chain (never two at once, never beside a write). */
  private queueCompaction(): void {
    if (this.compactionQueued) return;
    this.compactionQueued = true;
    this.idle = this.writing = this.writing.then(() => this.compact());
  }

  /** Folds the log into the snapshot, up to the last update applied; later ones have higher numbers and stay. */
  private async compact(): Promise<void> {
    this.compactionQueued = false;
    // With several nodes, every node holds the whole log, and one of them folds it: with no gap
    // below what it holds (another node's update still on its way), or it would fold too little.
    if (this.relay) {
      if (this.aheadSeqs.size) await (this.catchingUp = this.catchingUp.then(() => this.catchUp())).catch(() => {});
      if (this.aheadSeqs.size || !(await this.relay.mayCompact(this.canvasId).catch(() => false))) {
        this.logBytes = 0;
        return;
      }
    }
    const upto = this.appliedSeq;
    const state = Y.encodeStateAsUpdate(this.doc);
    try {
      await compact(this.db, this.canvasId, state, upto);
      this.logBytes = 0;
      this.snapshotBytes = state.byteLength;
      this.compactions++;
    } catch (error) {
      this.log.error({ err: error, canvasId: this.canvasId }, "canvas compaction failed; the log is kept");
    }
  }

  /**
   * Takes an awareness update. Stale and echoed entries are dropped before any JSON is read; the
   * rest must be a JSON object (or null, for a client that has gone), at most a few per
   * connection, and their `user` is the signed-in person: the name and facilitator flag a client
   * claims are replaced, so nobody shows up as someone else. Anything else closes the connection
   * rather than reaching other clients, whose stock providers would throw on it.
   */
  receiveAwareness(connection: Connection, body: Uint8Array): void {
    if (!connection.canShowPresence) {
      if (!connection.toldReadOnly) connection.send(encodePermissionDenied("You can view this canvas but not change it."));
      connection.toldReadOnly = true;
      return;
    }
    // The whole message is checked before any of it is taken: a bad entry leaves nothing behind.
    const accepted: AwarenessEntry[] = [];
    const speaksFor = new Set(connection.clientIds);
    for (const entry of readAwarenessEntries(body)) {
      if (entry.json.length > this.limits.awarenessStateChars) throw new AwarenessTooLarge();
      const current = this.awareness.get(entry.clientId);
      // A client id another live connection speaks for: an echo from a stock provider. A client id
      // whose connection has gone ("null") may be taken up again by a reconnecting client.
      if (current && current.owner !== connection.id && current.json !== "null") continue;
      if (current && current.owner === connection.id && entry.clock <= current.clock && !(entry.clock === current.clock && entry.json === "null")) continue;
      speaksFor.add(entry.clientId);
      if (speaksFor.size > this.limits.awarenessClientsPerConnection) throw new AwarenessTooLarge();
      accepted.push({ ...entry, json: boundPresence(entry.json, connection) });
    }
    for (const entry of accepted) {
      connection.clientIds.add(entry.clientId);
      this.awareness.set(entry.clientId, { clock: entry.clock, json: entry.json, bytes: encodeAwarenessEntry(entry), owner: connection.id });
      this.changed.add(entry.clientId);
    }
    this.scheduleFrame();
  }

  answerAwarenessQuery(connection: Connection): void {
    connection.send(encodeAwarenessFrame([...this.awareness.values()].filter((s) => s.json !== "null").map((s) => s.bytes)));
  }

  /**
   * Adaptive frames: a change after a quiet spell goes out at once (on the next turn, so what
   * arrives together goes together); under load frames follow each other no faster than the
   * document's budget of sends allows: every 4 ms for a few people, 6 ms for 50, 31 ms for 250.
   */
  private scheduleFrame(): void {
    if (this.frameTimer || this.changed.size === 0) return;
    const interval = Math.min(this.limits.frameMs, Math.max(4, (this.connections.size * 1000) / this.limits.frameSendsPerSecond));
    const wait = Math.max(0, this.lastFrameAt + interval - Date.now());
    this.frameTimer = setTimeout(() => this.sendFrame(), wait);
  }

  /** One message per recipient with every state that changed, except the recipient's own. */
  private sendFrame(): void {
    this.frameTimer = null;
    this.lastFrameAt = Date.now();
    const ids = [...this.changed];
    this.changed.clear();
    const states = ids.map((id) => ({ id, state: this.awareness.get(id)! })).filter((s) => s.state);
    const everything = encodeAwarenessFrame(states.map((s) => s.state.bytes));
    for (const connection of this.connections) {
      const own = states.some((s) => s.state.owner === connection.id);
      if (!own) connection.send(everything);
      else {
        const others = states.filter((s) => s.state.owner !== connection.id).map((s) => s.state.bytes);
        if (others.length) connection.send(encodeAwarenessFrame(others));
      }
    }
    for (const { id, state } of states) if (state.json === "null") this.awareness.delete(id);
    // Local presence goes to the other nodes' clients too (remote owners are negative).
    const local = states.filter((s) => s.state.owner > 0);
    if (this.relay && local.length) this.relay.awareness(this.canvasId, local.map((s) => ({ clientId: s.id, clock: s.state.clock, json: s.state.json })));
  }

  /** Presence from another node's clients (already bound to who they are there), sent on in frames here. */
  receiveRemoteAwareness(owner: number, entries: AwarenessEntry[]): void {
    for (const entry of entries) {
      const current = this.awareness.get(entry.clientId);
      if (current && current.owner > 0 && current.json !== "null") continue; // a connection here speaks for it
      if (current && current.owner === owner && entry.clock < current.clock) continue;
      this.awareness.set(entry.clientId, { clock: entry.clock, json: entry.json, bytes: encodeAwarenessEntry(entry), owner });
      this.changed.add(entry.clientId);
    }
    this.scheduleFrame();
  }

  /** Another node has gone: its clients' cursors disappear. */
  dropRemoteOwner(owner: number): void {
    for (const [clientId, state] of this.awareness) {
      if (state.owner !== owner || state.json === "null") continue;
      const clock = state.clock + 1;
      this.awareness.set(clientId, { clock, json: "null", bytes: encodeAwarenessEntry({ clientId, clock, json: "null" }), owner });
      this.changed.add(clientId);
    }
    this.scheduleFrame();
  }

  /** This node's clients' presence, for a node that has just opened the canvas. */
  localAwareness(): AwarenessEntry[] {
    return [...this.awareness].filter(([, s]) => s.owner > 0 && s.json !== "null").map(([clientId, s]) => ({ clientId, clock: s.clock, json: s.json }));
  }

  /** Several nodes: an update is in `doc`; once every number below it is too, appliedSeq moves up. */
  private markApplied(seq: number): void {
    if (seq <= this.appliedSeq) return;
    this.aheadSeqs.add(seq);
    while (this.aheadSeqs.delete(this.appliedSeq + 1)) this.appliedSeq++;
    // A gap: its update is on its way on the stream, or was missed; the database has it either way.
    if (this.aheadSeqs.size) this.scheduleCatchUp(100);
  }

  /** Updates another node stored, from the canvas's stream: applied (and sent to this node's clients) unless already held. */
  applyRemote(rows: { seq: number; update: Uint8Array }[]): void {
    for (const { seq, update } of rows) {
      if (seq <= this.appliedSeq || this.aheadSeqs.has(seq)) continue;
      try {
        Y.applyUpdate(this.doc, update, "remote");
        this.logBytes += update.byteLength;
      } catch (error) {
        this.log.warn({ err: error, canvasId: this.canvasId, seq }, "an update from another node could not be applied");
      }
      this.markApplied(seq);
    }
    if (this.logBytes > this.limits.compactAfterBytes) this.queueCompaction();
  }

  scheduleCatchUp(delayMs: number): void {
    if (this.catchUpTimer) return;
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = null;
      this.catchingUp = this.catchingUp.then(() => this.catchUp()).catch((error: unknown) => {
        this.log.warn({ err: error, canvasId: this.canvasId }, "catching up from the database failed; trying again");
        this.scheduleCatchUp(1000);
      });
    }, delayMs);
  }

  /** Takes from the database everything stored after appliedSeq (a missed stream message, a Redis restart). */
  private async catchUp(): Promise<void> {
    const { snapshot, updates } = await loadAfter(this.db, this.canvasId, this.appliedSeq);
    this.doc.transact(() => {
      if (snapshot) Y.applyUpdate(this.doc, snapshot.data, "remote");
      for (const { seq, update } of updates) {
        if (this.aheadSeqs.has(seq)) continue;
        try {
          Y.applyUpdate(this.doc, update, "remote");
        } catch (error) {
          this.log.warn({ err: error, canvasId: this.canvasId, seq }, "a stored update could not be applied; skipped");
        }
      }
    }, "remote");
    // Numbers follow commits, so nothing below the highest stored number is still to come.
    const top = Math.max(snapshot?.upto ?? 0, updates.at(-1)?.seq ?? 0);
    if (top > this.appliedSeq) this.appliedSeq = top;
    for (const seq of this.aheadSeqs) if (seq <= this.appliedSeq) this.aheadSeqs.delete(seq);
    while (this.aheadSeqs.delete(this.appliedSeq + 1)) this.appliedSeq++;
    if (this.aheadSeqs.size) this.scheduleCatchUp(500);
  }

  /**
   * A change the server makes on someone's behalf: made on a copy, then taken in like any client's
   * update (stored, applied, broadcast to everyone). Resolves once it is stored; rejects when it
   * could not be, so the caller never reports as saved what was not.
   */
  async serverChange(change: (doc: Y.Doc) => void): Promise<void> {
    // Built on everything received before it was asked for: a comment on a variable someone just
    // added finds the variable, even while that variable's update is still being stored.
    if (this.pending.length) await (this.idle = this.writing = this.writing.then(() => this.flush()));
    else await this.writing;
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, this.state());
    const updates: Uint8Array[] = [];
    scratch.on("update", (update: Uint8Array) => updates.push(update));
    change(scratch);
    scratch.destroy();
    if (updates.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.receiveUpdate(serverConnection, updates.length === 1 ? updates[0] : Y.mergeUpdates(updates), (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Stores what is pending and stops timers. */
  async close(): Promise<void> {
    if (this.frameTimer) clearTimeout(this.frameTimer);
    this.frameTimer = null;
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    this.catchUpTimer = null;
    this.idle = this.writing = this.writing.then(() => this.flush());
    await this.writing;
    await this.catchingUp;
    this.doc.destroy();
  }
}

export class AwarenessTooLarge extends Error {}
export class AwarenessMalformed extends Error {}

/** The presence state a client sent, with `user` bound to who it really is; throws when it is not a JSON object or null. */
function boundPresence(json: string, connection: Connection): string {
  if (json === "null") return json;
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch {
    throw new AwarenessMalformed();
  }
  if (state === null) return "null";
  if (typeof state !== "object" || Array.isArray(state)) throw new AwarenessMalformed();
  const claimed = (state as { user?: unknown }).user;
  const color = claimed && typeof claimed === "object" && typeof (claimed as { color?: unknown }).color === "string" ? (claimed as { color: string }).color.slice(0, 32) : undefined;
  return JSON.stringify({ ...state, user: { name: connection.name, facilitator: connection.facilitates, editor: connection.canEdit, ...(color ? { color } : {}) } });
}

/** The server itself, as the origin of changes it makes on someone's behalf. */
const serverConnection: Connection = {
  id: 0,
  userId: "server",
  name: "CSL Commons",
  canEdit: true,
  facilitates: true,
  canShowPresence: false,
  clientIds: new Set(),
  send() {},
  close() {},
};
