// Where canvas documents live: a snapshot plus an append-only log of updates after it.
import { sql } from "kysely";
import type { DB } from "../../db/connect";

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: { seq: number; update: Uint8Array }[];
  /** The highest sequence number held, in the snapshot or the log. */
  lastSeq: number;
  logBytes: number;
  lockedBy: string | null;
}

export async function loadDocument(db: DB, canvasId: string): Promise<StoredDocument> {
  const canvas = await db.selectFrom("canvases").select("locked_by").where("id", "=", canvasId).executeTakeFirst();
  const snapshot = await db.selectFrom("canvas_snapshots").select(["data", "seq_upto"]).where("canvas_id", "=", canvasId).executeTakeFirst();
  const after = snapshot?.seq_upto ?? 0;
  const rows = await db.selectFrom("canvas_updates").select(["seq", "data", "bytes"]).where("canvas_id", "=", canvasId).where("seq", ">", after).orderBy("seq").execute();
  return {
    snapshot: snapshot ? fromBase64(snapshot.data) : null,
    updates: rows.map((r) => ({ seq: Number(r.seq), update: fromBase64(r.data) })),
    lastSeq: rows.length ? Number(rows[rows.length - 1].seq) : after,
    logBytes: rows.reduce((n, r) => n + Number(r.bytes), 0),
    lockedBy: canvas?.locked_by ?? null,
  };
}

/** Appends updates in one statement: the group commit of one tick. */
export async function appendUpdates(db: DB, canvasId: string, updates: { seq: number; update: Uint8Array }[]): Promise<void> {
  if (updates.length === 0) return;
  const now = new Date().toISOString();
  await db
    .insertInto("canvas_updates")
    .values(updates.map((u) => ({ canvas_id: canvasId, seq: u.seq, data: toBase64(u.update), bytes: u.update.byteLength, created_at: now })))
    .execute();
}

/**
 * Several nodes (decision 0017): appends updates under the canvas row's lock, numbering them after
 * every update any node has stored, so that numbers follow the order of commits. Returns the first
 * number given.
 */
export async function appendInOrder(db: DB, canvasId: string, updates: Uint8Array[]): Promise<number> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    await sql`select id from canvases where id = ${canvasId} for update`.execute(trx);
    const last = await trx.selectFrom("canvas_updates").select((eb) => eb.fn.max("seq").as("seq")).where("canvas_id", "=", canvasId).executeTakeFirst();
    const snapshot = await trx.selectFrom("canvas_snapshots").select("seq_upto").where("canvas_id", "=", canvasId).executeTakeFirst();
    const first = Math.max(Number(last?.seq ?? 0), Number(snapshot?.seq_upto ?? 0)) + 1;
    await trx
      .insertInto("canvas_updates")
      .values(updates.map((update, i) => ({ canvas_id: canvasId, seq: first + i, data: toBase64(update), bytes: update.byteLength, created_at: now })))
      .execute();
    return first;
  });
}

/** What another node stored after `afterSeq`: the snapshot too when it has folded updates past it. */
export async function loadAfter(db: DB, canvasId: string, afterSeq: number): Promise<{ snapshot: { data: Uint8Array; upto: number } | null; updates: { seq: number; update: Uint8Array }[] }> {
  const snapshotRow = await db.selectFrom("canvas_snapshots").select(["data", "seq_upto"]).where("canvas_id", "=", canvasId).where("seq_upto", ">", afterSeq).executeTakeFirst();
  const from = Math.max(afterSeq, Number(snapshotRow?.seq_upto ?? 0));
  const rows = await db.selectFrom("canvas_updates").select(["seq", "data"]).where("canvas_id", "=", canvasId).where("seq", ">", from).orderBy("seq").execute();
  return {
    snapshot: snapshotRow ? { data: fromBase64(snapshotRow.data), upto: Number(snapshotRow.seq_upto) } : null,
    updates: rows.map((r) => ({ seq: Number(r.seq), update: fromBase64(r.data) })),
  };
}

export async function removeUpdate(db: DB, canvasId: string, seq: number): Promise<void> {
  await db.deleteFrom("canvas_updates").where("canvas_id", "=", canvasId).where("seq", "=", seq).execute();
}

/** Replaces the snapshot with one holding every update up to `upto`, and drops those updates. */
export async function compact(db: DB, canvasId: string, state: Uint8Array, upto: number): Promise<void> {
  const data = toBase64(state);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("canvas_snapshots")
      .values({ canvas_id: canvasId, data, seq_upto: upto, updated_at: now })
      // Never replaced by an older one (several nodes: a slow compaction finishing late).
      .onConflict((oc) => oc.column("canvas_id").doUpdateSet({ data, seq_upto: upto, updated_at: now }).where("canvas_snapshots.seq_upto", "<", upto))
      .execute();
    await trx.deleteFrom("canvas_updates").where("canvas_id", "=", canvasId).where("seq", "<=", upto).execute();
  });
}

/** Counts stored updates per person, for the canvas's list of contributors. */
export async function recordContributions(db: DB, canvasId: string, counts: ReadonlyMap<string, number>): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto("canvas_contributors")
    .values([...counts].map(([userId, changes]) => ({ canvas_id: canvasId, user_id: userId, changes, last_at: now })))
    .onConflict((oc) => oc.columns(["canvas_id", "user_id"]).doUpdateSet({ changes: sql`canvas_contributors.changes + excluded.changes`, last_at: now }))
    .execute();
}
