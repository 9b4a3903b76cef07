// The Yjs endpoint at /yjs/<canvas id>, speaking the y-websocket protocol so that a stock
// WebsocketProvider connects. Its seams, as in Hocuspocus: authenticate (at the upgrade, before
// any sync), load a document, store an update (CanvasDocument), broadcast, and unload a document a
// while after its last connection leaves.
import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, WebSocket } from "ws";
import { canvasAccessFor } from "../../db/queries/canvases";
import { canvasRoleMay, may } from "../../shared/permissions";
import { readSessionToken, validateSessionToken } from "../auth/sessions";
import { sha256Hex } from "../auth/tokens";
import type { Logger } from "../logger";
import type { Services } from "../services";
import { sessionEnded, type AccessChange } from "../accessEvents";
import { AwarenessMalformed, AwarenessTooLarge, CanvasDocument, type Connection, type DocumentLimits } from "./canvasDocument";
import { closeCodes, encodeAwarenessFrame, readClientMessage } from "./protocol";
import { fromThisSite } from "../http/origin";
import { CanvasHub } from "../cluster/canvasHub";

/** An awareness message with no states: harmless to every client, and proof the connection lives. */
const emptyAwareness = encodeAwarenessFrame([]);

export interface YjsOptions extends DocumentLimits {
  maxFrameBytes: number;
  maxBufferedBytes: number;
  /** Awareness messages a connection may send per second before they are ignored; 4x closes it. */
  awarenessPerSecond: number;
  unloadAfterMs: number;
  /**
   * A connection sent nothing this long gets an empty awareness message: the stock provider closes
   * a connection that hears nothing for 30 s, which a person alone on a canvas otherwise would.
   */
  keepAliveMs: number;
}

export const defaultYjsOptions: YjsOptions = {
  maxFrameBytes: 2 * 1024 * 1024,
  maxBufferedBytes: 8 * 1024 * 1024,
  awarenessStateChars: 8 * 1024,
  awarenessClientsPerConnection: 4,
  awarenessPerSecond: 60,
  frameMs: 50,
  frameSendsPerSecond: 8000,
  compactAfterBytes: 1024 * 1024,
  rowsPerWrite: 500,
  quotaBytes: 64 * 1024 * 1024,
  unloadAfterMs: 30_000,
  keepAliveMs: 10_000,
};

interface Admitted {
  userId: string;
  name: string;
  /** The session it was opened with; null for a token client. */
  sessionId: string | null;
  canvasId: string;
  communityId: string;
  role: "edit" | "comment" | "view";
  facilitates: boolean;
}

export const yjsPrefix = "/yjs/";

export class YjsEndpoint {
  /** Canvases held in memory, and the connections open to them (for /metrics). */
  get resident(): { canvases: number; connections: number } {
    return { canvases: this.documents.size, connections: this.live.size };
  }

  private readonly wss: WebSocketServer;
  private readonly documents = new Map<string, Promise<CanvasDocument>>();
  private readonly unloads = new Map<string, NodeJS.Timeout>();
  private readonly live = new Map<Connection, Admitted & { ws: WebSocket; sentAt: { last: number } }>();
  private readonly keepAlive: NodeJS.Timeout;
  private nextId = 1;
  private readonly log: Logger;
  /** Several nodes: the canvases' streams and presence across nodes. */
  private readonly hub: CanvasHub | null;

  constructor(
    private readonly services: Services,
    readonly options: YjsOptions = defaultYjsOptions,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, perMessageDeflate: false });
    this.keepAlive = setInterval(() => {
      const quietSince = Date.now() - options.keepAliveMs;
      for (const [connection, { sentAt }] of this.live) if (sentAt.last <= quietSince) connection.send(emptyAwareness);
    }, Math.max(50, options.keepAliveMs / 2));
    this.keepAlive.unref();
    this.log = services.log.child({ module: "yjs" });
    this.hub = services.cluster ? new CanvasHub(services.cluster, this.log, (canvasId, lockedBy) => void this.applyLock(canvasId, lockedBy)) : null;
  }

  async start(): Promise<void> {
    await this.hub?.start();
  }

  /** Who is asking, and what may they do on this canvas? Null: refuse the upgrade. */
  private async authenticate(req: http.IncomingMessage): Promise<Admitted | { refuse: 401 | 403 | 404 }> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const canvasId = decodeURIComponent(url.pathname.slice(yjsPrefix.length));
    if (!/^[a-z2-9]{16}$/.test(canvasId)) return { refuse: 404 };
    // A page on another site cannot open a canvas with a member's cookie.
    if (!fromThisSite(req, this.services.config.PUBLIC_URL)) return { refuse: 403 };
    const { db } = this.services;
    let userId: string | null = null;
    let sessionId: string | null = null;
    const cookieToken = readSessionToken(req.headers.cookie);
    const session = cookieToken ? await validateSessionToken(db, cookieToken) : null;
    if (session) [userId, sessionId] = [session.user.id, session.session.id];
    const queryToken = url.searchParams.get("token");
    if (!userId && queryToken && /^[a-z2-9]{32}$/.test(queryToken)) {
      const row = await db.selectFrom("canvas_tokens").select(["user_id", "canvas_id", "expires_at"]).where("token_hash", "=", await sha256Hex(queryToken)).executeTakeFirst();
      if (row && row.canvas_id === canvasId && Date.parse(row.expires_at) > Date.now()) userId = row.user_id;
    }
    if (!userId) return { refuse: 401 };
    const role = await this.roleOf(userId, canvasId);
    if (!role) return { refuse: 403 };
    return { userId, name: role.name, sessionId, canvasId, communityId: role.communityId, role: role.role, facilitates: role.facilitates };
  }

  private async roleOf(userId: string, canvasId: string) {
    const { db } = this.services;
    const user = await db.selectFrom("users").select(["network_role", "name"]).where("id", "=", userId).executeTakeFirst();
    if (!user) return null;
    const actor = { id: userId, networkRole: user.network_role };
    const access = await canvasAccessFor(db, actor, canvasId);
    return access?.role ? { role: access.role, name: user.name, communityId: access.community.id, facilitates: may(actor, "community.facilitate", access.scope) } : null;
  }

  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    this.authenticate(req).then(
      (result) => {
        if ("refuse" in result) {
          const text = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" }[result.refuse];
          socket.end(`HTTP/1.1 ${result.refuse} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
          return;
        }
        this.wss.handleUpgrade(req, socket, head, (ws) => this.connect(ws, result));
      },
      (error) => {
        this.log.error({ err: error }, "canvas authentication failed");
        socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      },
    );
  }

  private document(canvasId: string): Promise<CanvasDocument> {
    const unload = this.unloads.get(canvasId);
    if (unload) clearTimeout(unload);
    this.unloads.delete(canvasId);
    let loading = this.documents.get(canvasId);
    if (!loading) {
      const { hub } = this;
      loading = hub
        ? (async () => {
            // The stream's position first: whatever is stored after the load is read from it.
            const position = await hub.position(canvasId);
            const document = await CanvasDocument.load(canvasId, this.services.db, this.log, this.options, hub);
            await hub.follow(canvasId, position, document);
            return document;
          })()
        : CanvasDocument.load(canvasId, this.services.db, this.log, this.options);
      this.documents.set(canvasId, loading);
      // A failed load leaves nothing behind: the next connection tries afresh.
      loading.catch(() => this.documents.delete(canvasId));
    }
    return loading;
  }

  private connect(ws: WebSocket, admitted: Admitted): void {
    const maxBuffered = this.options.maxBufferedBytes;
    const sentAt = { last: Date.now() };
    const connection: Connection = {
      id: this.nextId++,
      userId: admitted.userId,
      name: admitted.name,
      canEdit: canvasRoleMay.changeDocument(admitted.role),
      facilitates: admitted.facilitates,
      canShowPresence: canvasRoleMay.showPresence(admitted.role),
      clientIds: new Set(),
      send(message) {
        if (ws.readyState !== WebSocket.OPEN) return;
        // A client that cannot keep up is dropped rather than allowed to grow our memory.
        if (ws.bufferedAmount > maxBuffered) return ws.close(closeCodes.tooSlow, "Too slow to keep up with this canvas");
        sentAt.last = Date.now();
        ws.send(message);
      },
      close(code, reason) {
        ws.close(code, reason);
      },
    };
    this.live.set(connection, { ...admitted, ws, sentAt });
    let awarenessWindow = Date.now();
    let awarenessCount = 0;
    const early: Buffer[] = [];
    let document: CanvasDocument | null = null;

    const handle = (data: Buffer) => {
      if (!document) return void early.push(data);
      try {
        const message = readClientMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        switch (message.kind) {
          case "sync-step-1":
            document.answerSyncStep1(connection, message.stateVector);
            break;
          case "update":
            document.receiveUpdate(connection, message.update);
            break;
          case "awareness": {
            const now = Date.now();
            if (now - awarenessWindow >= 1000) {
              awarenessWindow = now;
              awarenessCount = 0;
            }
            awarenessCount++;
            if (awarenessCount > this.options.awarenessPerSecond * 4) return ws.close(closeCodes.awarenessFlood, "Too many presence updates");
            if (awarenessCount > this.options.awarenessPerSecond) return;
            document.receiveAwareness(connection, message.body);
            break;
          }
          case "query-awareness":
            document.answerAwarenessQuery(connection);
            break;
          case "auth":
            break;
        }
      } catch (error) {
        if (error instanceof AwarenessTooLarge) return ws.close(closeCodes.awarenessTooLarge, "Presence state too large");
        if (error instanceof AwarenessMalformed) return ws.close(closeCodes.malformed, "Presence state not understood");
        this.log.warn({ err: error, canvasId: admitted.canvasId, userId: admitted.userId }, "malformed canvas message; connection closed");
        ws.close(closeCodes.malformed, "Malformed message");
      }
    };
    ws.on("message", (data: Buffer) => handle(data));
    ws.on("error", () => ws.terminate());
    ws.on("close", () => {
      this.live.delete(connection);
      if (document) {
        document.leave(connection);
        if (document.connections.size === 0) this.scheduleUnload(admitted.canvasId);
      }
    });
    this.document(admitted.canvasId).then(
      (loaded) => {
        if (ws.readyState !== WebSocket.OPEN) {
          if (loaded.connections.size === 0) this.scheduleUnload(admitted.canvasId);
          return;
        }
        document = loaded;
        loaded.join(connection);
        for (const data of early.splice(0)) handle(data);
      },
      (error) => {
        this.log.error({ err: error, canvasId: admitted.canvasId }, "canvas could not be loaded");
        ws.close(closeCodes.loadFailed, "The canvas could not be loaded. Please try again.");
      },
    );
  }

  private scheduleUnload(canvasId: string): void {
    if (this.unloads.has(canvasId)) return;
    const timer = setTimeout(() => {
      this.unloads.delete(canvasId);
      void this.unload(canvasId);
    }, this.options.unloadAfterMs);
    timer.unref();
    this.unloads.set(canvasId, timer);
  }

  private async unload(canvasId: string): Promise<void> {
    const loading = this.documents.get(canvasId);
    if (!loading) return;
    const document = await loading.catch(() => null);
    if (document && document.connections.size > 0) return;
    this.documents.delete(canvasId);
    this.hub?.unfollow(canvasId);
    await document?.close();
  }

  /** Re-checks the open connections an access change concerns; those with no access left are closed. */
  async accessChanged(change: AccessChange): Promise<void> {
    if (change.kind === "signed-out") {
      for (const admitted of this.live.values()) {
        // Signing out everywhere ends token clients too (their tokens are deleted with the sessions).
        if (sessionEnded(change, admitted.userId, admitted.sessionId)) admitted.ws.close(closeCodes.revoked, "You signed out.");
      }
      return;
    }
    for (const [connection, admitted] of this.live) {
      if (change.userId && admitted.userId !== change.userId) continue;
      if (change.communityId && admitted.communityId !== change.communityId) continue;
      if (change.canvasId && admitted.canvasId !== change.canvasId) continue;
      const role = await this.roleOf(admitted.userId, admitted.canvasId);
      if (!role) admitted.ws.close(closeCodes.revoked, "Your access to this canvas has ended.");
      else {
        const refused = connection.toldReadOnly && !connection.canEdit;
        connection.canEdit = canvasRoleMay.changeDocument(role.role);
        connection.facilitates = role.facilitates;
        connection.canShowPresence = canvasRoleMay.showPresence(role.role);
        connection.toldReadOnly = false;
        // Someone who may now edit is asked for the changes refused before (see setLock).
        if (refused && connection.canEdit) void this.documents.get(admitted.canvasId)?.then((d) => d.askForMissing(connection), () => {});
      }
    }
  }

  /** Uses a document, loading it if no one has it open, and lets it go again if no one does. */
  private async withDocument<T>(canvasId: string, work: (document: CanvasDocument) => T | Promise<T>): Promise<T> {
    const document = await this.document(canvasId);
    try {
      return await work(document);
    } finally {
      if (document.connections.size === 0) this.scheduleUnload(canvasId);
    }
  }

  /** Makes a change to a canvas on someone's behalf. */
  applyServerChange(canvasId: string, change: (doc: import("yjs").Doc) => void): Promise<void> {
    return this.withDocument(canvasId, (document) => document.serverChange(change));
  }

  /** The whole document as one update. */
  state(canvasId: string): Promise<Uint8Array> {
    return this.withDocument(canvasId, (document) => document.state());
  }

  /** Follows a lock set or lifted in the database: the document enforces it from now on, on every node. */
  async lockChanged(canvasId: string, lockedBy: string | null): Promise<void> {
    await this.applyLock(canvasId, lockedBy);
    await this.hub?.lockChanged(canvasId, lockedBy);
  }

  private async applyLock(canvasId: string, lockedBy: string | null): Promise<void> {
    const loading = this.documents.get(canvasId);
    const document = loading ? await loading.catch(() => null) : null;
    document?.setLock(lockedBy);
  }

  /** Compactions this node has done of a canvas it holds (tests: three nodes compact a canvas once). */
  async compactions(canvasId: string): Promise<number> {
    const document = await this.documents.get(canvasId)?.catch(() => null);
    return document?.compactions ?? 0;
  }

  /** Documents in memory, for tests and benchmarks. */
  get loadedDocuments(): number {
    return this.documents.size;
  }

  /** Waits until every update received so far is stored. */
  async settled(canvasId: string): Promise<void> {
    const document = await this.documents.get(canvasId);
    await document?.idle;
  }

  async close(): Promise<void> {
    clearInterval(this.keepAlive);
    await this.hub?.close();
    for (const { ws } of this.live.values()) ws.close(closeCodes.goingAway, "The server is restarting");
    for (const timer of this.unloads.values()) clearTimeout(timer);
    this.unloads.clear();
    const documents = await Promise.allSettled(this.documents.values());
    this.documents.clear();
    await Promise.all(documents.map((d) => (d.status === "fulfilled" ? d.value.close() : undefined)));
    this.wss.close();
  }
}
