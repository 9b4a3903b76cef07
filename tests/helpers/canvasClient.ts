// Canvas participants for tests: stock y-websocket providers, and raw sockets for misbehaving.
import { WebSocket } from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import type { DB } from "../../db/connect";
import { createCanvas } from "../../db/queries/canvases";
import { loadDocument } from "../../server/yjs/storage";
import { issueCanvasToken } from "../../server/yjs/tokens";
import { encodeSyncStep1 } from "../../server/yjs/protocol";

export async function userId(db: DB, email: string): Promise<string> {
  return (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

export async function newCanvas(db: DB, slug: string, createdByEmail: string, title = "Why do new teachers leave?"): Promise<string> {
  const community = await db.selectFrom("communities").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  return (await createCanvas(db, { communityId: community.id, title, createdBy: await userId(db, createdByEmail) })).id;
}

/** The document as the database holds it: the snapshot, then every update after it. */
export async function storedDocument(db: DB, canvasId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const { snapshot, updates } = await loadDocument(db, canvasId);
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const u of updates) Y.applyUpdate(doc, u.update);
  return doc;
}

export interface CanvasPeer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: number[];
  synced: Promise<void>;
  destroy(): void;
}

export async function joinCanvas(db: DB, port: number, canvasId: string, email: string): Promise<CanvasPeer> {
  const token = await issueCanvasToken(db, await userId(db, email), canvasId);
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/yjs`, canvasId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    maxBackoffTime: 300,
    // Peers in one process would otherwise sync through a shared BroadcastChannel, around the server.
    disableBc: true,
  });
  const closes: number[] = [];
  provider.on("connection-close", (event: { code: number } | null) => {
    if (event) closes.push(event.code);
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.once("sync", (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    closes,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * A barrier on one peer's connection: it asks the server what it is missing (sync step 1) and
 * waits for the answer. The server handles a connection's messages in order, and sends in order,
 * so once the answer is back, everything this peer sent before was handled, and everything the
 * server sent this peer before has arrived. Used to check that something never happened, without
 * waiting on a clock.
 */
export async function roundTrip(peer: CanvasPeer): Promise<void> {
  const ws = peer.provider.ws as unknown as WebSocket;
  await new Promise<void>((resolve) => {
    const answered = (data: ArrayBuffer | Buffer) => {
      // messageSync (0), then syncStep2 (1): both single bytes. (The provider asks for ArrayBuffers.)
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
      if (bytes[0] === 0 && bytes[1] === 1) {
        ws.off("message", answered);
        resolve();
      }
    };
    ws.on("message", answered);
    ws.send(encodeSyncStep1(Y.encodeStateVector(peer.doc)));
  });
}

/** A raw connection that does whatever a test tells it. */
export async function rawCanvasSocket(db: DB, port: number, canvasId: string, email: string): Promise<{ ws: WebSocket; closed: Promise<number>; received: Buffer[] }> {
  const token = await issueCanvasToken(db, await userId(db, email), canvasId);
  const ws = new WebSocket(`ws://127.0.0.1:${port}/yjs/${canvasId}?token=${token}`);
  const received: Buffer[] = [];
  ws.on("message", (data: Buffer) => received.push(data));
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return { ws, closed, received };
}
