// Training requests through the director's pipeline. Every stage change is recorded with who made
// it; a change is conditional on the stage it was read at, so two people moving one request at the
// same moment are both recorded in order and neither is lost. Quote versions are numbered per
// request under a lock on the request's row (PostgreSQL; SQLite runs one writer at a time), so two
// revisions at once become versions n and n+1. The emails a change causes are recorded in the same
// transaction (`afterWrite`) and sent after it commits.
import type { Transaction } from "kysely";
import type { DB, Dialect } from "../connect";
import type { Selectable } from "kysely";
import type { Database, TrainingQuoteTable, TrainingStage } from "../schema";
import type { TrainingAsk } from "../../shared/training/offerings";
import { quote } from "../../shared/training/quote";
import { newId } from "../../shared/ids";
import { nowIso } from "../time";

type Trx = Transaction<Database>;

async function lockedRequest(trx: Trx, dialect: Dialect, requestId: string) {
  let query = trx.selectFrom("training_requests").selectAll().where("id", "=", requestId);
  if (dialect === "postgres") query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Each request's latest quote version, by request id (requests never quoted are absent). */
export async function latestQuotes(db: DB, requestIds: string[]) {
  if (requestIds.length === 0) return new Map<string, QuoteRow>();
  const rows = await db
    .selectFrom("training_quotes as q")
    .selectAll("q")
    .where("q.request_id", "in", requestIds)
    .where(({ eb, selectFrom }) => eb("q.version", "=", selectFrom("training_quotes as l").select((x) => x.fn.max("l.version").as("v")).whereRef("l.request_id", "=", "q.request_id")))
    .execute();
  return new Map(rows.map((q) => [q.request_id, q]));
}

type QuoteRow = Selectable<TrainingQuoteTable>;

export const quoteVersions = (db: DB, requestId: string) => db.selectFrom("training_quotes").selectAll().where("request_id", "=", requestId).orderBy("version", "desc").execute();

/** A new version of the request's quote (the next number), from the ask as revised. */
export async function saveQuoteVersion(db: DB, dialect: Dialect, requestId: string, ask: TrainingAsk, note: string | null, userId: string | null, trx?: Trx): Promise<{ version: number; id: string } | null> {
  const run = async (t: Trx) => {
    const request = await lockedRequest(t, dialect, requestId);
    if (!request) return null;
    const last = await t.selectFrom("training_quotes").select((eb) => eb.fn.max("version").as("v")).where("request_id", "=", requestId).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const id = newId();
    await t
      .insertInto("training_quotes")
      .values({ id, request_id: requestId, version, hours: ask.hours, participants: ask.participants, facilitators: ask.facilitators, prep_hours: ask.prepHours, total_cents: quote(ask).totalCents, note, created_by: userId, created_at: nowIso() })
      .execute();
    return { version, id };
  };
  return trx ? run(trx) : db.transaction().execute(run);
}

export type Moved = { moved: true; from: TrainingStage } | { moved: false; reason: "missing" | "same" | "raced" };

/**
 * Moves a request to a stage and records who did it (with a note). `afterWrite` runs in the same
 * transaction, after the move, to record what the move causes (emails, events).
 */
export async function moveStage(db: DB, dialect: Dialect, requestId: string, to: TrainingStage, userId: string | null, note: string | null, afterWrite?: (trx: Trx) => Promise<void>): Promise<Moved> {
  return db.transaction().execute(async (trx) => {
    const request = await lockedRequest(trx, dialect, requestId);
    if (!request) return { moved: false, reason: "missing" } as const;
    if (request.stage === to) return { moved: false, reason: "same" } as const;
    const now = nowIso();
    const changed = await trx.updateTable("training_requests").set({ stage: to, updated_at: now }).where("id", "=", requestId).where("stage", "=", request.stage).executeTakeFirst();
    if (!Number(changed.numUpdatedRows)) return { moved: false, reason: "raced" } as const;
    await trx.insertInto("training_request_changes").values({ id: newId(), request_id: requestId, changed_by: userId, changed_at: now, from_stage: request.stage, to_stage: to, note }).execute();
    await afterWrite?.(trx);
    return { moved: true, from: request.stage } as const;
  });
}

export type QuoteVersion = Awaited<ReturnType<typeof quoteVersions>>[number];

/**
 * Sends a quote: a new version from `ask` when given (else the latest version, or version 1 from
 * the request itself), the request moved to "quoted" if it is not there, and the change recorded
 * with the version sent; `afterWrite` records the email in the same transaction.
 */
export async function sendQuote(
  db: DB,
  dialect: Dialect,
  requestId: string,
  userId: string | null,
  revision: { ask: TrainingAsk; note: string | null } | null,
  afterWrite: (trx: Trx, request: NonNullable<Awaited<ReturnType<typeof lockedRequest>>>, version: QuoteVersion) => Promise<void>,
): Promise<{ version: number } | null> {
  return db.transaction().execute(async (trx) => {
    const request = await lockedRequest(trx, dialect, requestId);
    if (!request) return null;
    const latest = await trx.selectFrom("training_quotes").selectAll().where("request_id", "=", requestId).orderBy("version", "desc").limit(1).executeTakeFirst();
    let version = latest;
    if (revision || !latest) {
      const ask = revision?.ask ?? { offering: request.offering, hours: request.hours, participants: request.participants, facilitators: request.facilitators, prepHours: request.prep_hours };
      const saved = await saveQuoteVersion(db, dialect, requestId, ask, revision?.note ?? null, userId, trx);
      version = await trx.selectFrom("training_quotes").selectAll().where("id", "=", saved!.id).executeTakeFirstOrThrow();
    }
    const now = nowIso();
    if (request.stage !== "quoted") await trx.updateTable("training_requests").set({ stage: "quoted", updated_at: now }).where("id", "=", requestId).execute();
    await trx.insertInto("training_request_changes").values({ id: newId(), request_id: requestId, changed_by: userId, changed_at: now, from_stage: request.stage, to_stage: "quoted", note: `Quote version ${version!.version} sent to ${request.contact_email}` }).execute();
    await afterWrite(trx, request, version!);
    return { version: version!.version };
  });
}
