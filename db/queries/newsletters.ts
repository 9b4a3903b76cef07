// Newsletters and their delivery outbox. Starting a send writes one delivery row per recipient
// (unique per newsletter) in the same transaction that moves the newsletter to "sending", so the
// audience is fixed before anything goes out and a second start finds nothing to start. A sender
// claims rows with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL), marks each one sent before it
// lets the mail server have the message's end (server/mail/newsletterSender.ts), and puts a
// failed one back with a later attempt time or marks it failed with the server's reply.
import { sql, type ExpressionBuilder } from "kysely";
import type { DB, Dialect } from "../connect";
import type { Database, DeliveryStatus } from "../schema";
import { isoIn, nowIso } from "../time";
import { newId } from "../../shared/ids";
import { consentState } from "../../shared/network/consent";
import { contactFilterSchema, type ContactFilter } from "../../shared/network/contactSearch";
import { renderMarkdown } from "../../shared/markdown";
import { consentsOf, contactsMatching, recordConsent } from "./contacts";

/** A copy that may go out now: a test copy, or one of a newsletter that is sending (not paused). */
const goingOut = (eb: ExpressionBuilder<Database, "newsletter_deliveries">) =>
  eb.or([eb("newsletter_deliveries.test", "=", 1), eb.exists(eb.selectFrom("newsletters").select("newsletters.id").whereRef("newsletters.id", "=", "newsletter_deliveries.newsletter_id").where("newsletters.status", "=", "sending"))]);

export interface NewsletterDraft {
  subject: string;
  bodyMarkdown: string;
  audience: ContactFilter;
}

export async function createNewsletter(db: DB, draft: NewsletterDraft, by: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("newsletters")
    .values({ id, subject: draft.subject, body_markdown: draft.bodyMarkdown, body_html: null, audience: JSON.stringify(draft.audience), status: "draft", scheduled_for: null, created_by: by, created_at: now, updated_at: now, started_at: null, finished_at: null })
    .execute();
  return id;
}

/** Changes a newsletter not yet started (a draft or a scheduled one); false when it has started. */
export async function updateNewsletter(db: DB, id: string, draft: NewsletterDraft): Promise<boolean> {
  const updated = await db
    .updateTable("newsletters")
    .set({ subject: draft.subject, body_markdown: draft.bodyMarkdown, audience: JSON.stringify(draft.audience), updated_at: nowIso() })
    .where("id", "=", id)
    .where("status", "in", ["draft", "scheduled"])
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export const getNewsletter = (db: DB, id: string | undefined) => (id ? db.selectFrom("newsletters").selectAll().where("id", "=", id).executeTakeFirst() : Promise.resolve(undefined));

export const audienceOf = (audience: string): ContactFilter => contactFilterSchema.parse(JSON.parse(audience));

/** The contacts a filter chooses who may be sent a newsletter now (live consent), by name. */
export async function liveAudience(db: DB, filter: ContactFilter, now = new Date()) {
  const people = await contactsMatching(db, filter).select(["contacts.id", "contacts.name", "contacts.email"]).orderBy("contacts.id").execute();
  const ledgers = await consentsOf(db, people.map((p) => p.id));
  return people.filter((p) => consentState(ledgers.get(p.id) ?? [], now).live);
}

/** How many a filter chooses, and how many of them may be sent to now. */
export async function audienceCount(db: DB, filter: ContactFilter): Promise<{ chosen: number; consenting: number }> {
  const chosen = Number((await contactsMatching(db, filter).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return { chosen, consenting: (await liveAudience(db, filter)).length };
}

export async function scheduleNewsletter(db: DB, id: string, at: string | null): Promise<boolean> {
  const updated = await db
    .updateTable("newsletters")
    .set({ status: at ? "scheduled" : "draft", scheduled_for: at, updated_at: nowIso() })
    .where("id", "=", id)
    .where("status", "in", ["draft", "scheduled"])
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/**
 * Starts a send: in one transaction the newsletter is claimed (draft or scheduled → sending; a
 * second start finds nothing), its HTML frozen, and a queued delivery written for every person the
 * audience chooses who has live consent at this moment. Returns how many, or null when it had started.
 */
export async function startSending(db: DB, id: string): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const newsletter = await trx.selectFrom("newsletters").selectAll().where("id", "=", id).executeTakeFirst();
    if (!newsletter) return null;
    const claimed = await trx
      .updateTable("newsletters")
      .set({ status: "sending", started_at: now, updated_at: now, body_html: renderMarkdown(newsletter.body_markdown) })
      .where("id", "=", id)
      .where("status", "in", ["draft", "scheduled"])
      .executeTakeFirst();
    if (!Number(claimed.numUpdatedRows)) return null;
    const people = await liveAudience(trx, audienceOf(newsletter.audience));
    for (let i = 0; i < people.length; i += 500) {
      await trx
        .insertInto("newsletter_deliveries")
        .values(
          people.slice(i, i + 500).map((p) => ({ id: newId(), newsletter_id: id, recipient_key: p.id, contact_id: p.id, email: p.email, name: p.name, test: 0, status: "queued" as const, next_attempt_at: now, claimed_by: null, claimed_until: null, sent_at: null, last_reply: null, unsubscribed_at: null })),
        )
        .onConflict((oc) => oc.columns(["newsletter_id", "recipient_key"]).doNothing())
        .execute();
    }
    await trx.updateTable("newsletters").set({ recipients: people.length }).where("id", "=", id).execute();
    return people.length;
  });
}

/** Starts every scheduled newsletter whose time has come (each once, however many nodes try). */
export async function startDueNewsletters(db: DB): Promise<string[]> {
  const due = await db.selectFrom("newsletters").select("id").where("status", "=", "scheduled").where("scheduled_for", "<=", nowIso()).execute();
  const started: string[] = [];
  for (const { id } of due) if ((await startSending(db, id)) !== null) started.push(id);
  return started;
}

/** A copy of a newsletter (draft or not) to one person, outside its audience and its report. */
export async function queueTestCopy(db: DB, newsletterId: string, to: { email: string; name: string }): Promise<string> {
  const id = newId();
  await db
    .insertInto("newsletter_deliveries")
    .values({ id, newsletter_id: newsletterId, recipient_key: `test:${id}`, contact_id: null, email: to.email, name: to.name, test: 1, status: "queued", next_attempt_at: nowIso(), claimed_by: null, claimed_until: null, sent_at: null, last_reply: null, unsubscribed_at: null })
    .execute();
  return id;
}

export async function setPaused(db: DB, id: string, paused: boolean): Promise<boolean> {
  const updated = await db
    .updateTable("newsletters")
    .set({ status: paused ? "paused" : "sending", updated_at: nowIso() })
    .where("id", "=", id)
    .where("status", "=", paused ? "sending" : "paused")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** Puts the failed copies of a newsletter back in the queue, with their attempts counted afresh. */
export async function retryFailed(db: DB, id: string): Promise<number> {
  const updated = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("newsletter_deliveries")
      .set({ status: "queued", attempts: 0, next_attempt_at: nowIso(), claimed_by: null, claimed_until: null })
      .where("newsletter_id", "=", id)
      .where("status", "=", "failed")
      .where("test", "=", 0)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows)) await trx.updateTable("newsletters").set({ status: "sending", finished_at: null }).where("id", "=", id).where("status", "=", "sent").execute();
    return Number(result.numUpdatedRows);
  });
  return updated;
}

export interface ClaimedDelivery {
  id: string;
  newsletter_id: string;
  email: string;
  name: string;
  test: number;
  attempts: number;
}

/**
 * Takes up to `limit` due copies for one sender for `leaseMs`: queued, due, not held by another
 * sender (or held past its lease: a sender that died), of a newsletter that is sending (or a test copy).
 */
export async function claimDeliveries(db: DB, dialect: Dialect, sender: string, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const now = nowIso();
  let due = db
    .selectFrom("newsletter_deliveries")
    .select("newsletter_deliveries.id")
    .where("newsletter_deliveries.status", "=", "queued")
    .where("newsletter_deliveries.next_attempt_at", "<=", now)
    .where((eb) => eb.or([eb("newsletter_deliveries.claimed_until", "is", null), eb("newsletter_deliveries.claimed_until", "<", now)]))
    .where(goingOut)
    .orderBy("newsletter_deliveries.next_attempt_at")
    .limit(limit);
  if (dialect === "postgres") due = due.forUpdate().skipLocked();
  return db
    .updateTable("newsletter_deliveries")
    .set({ claimed_by: sender, claimed_until: isoIn(leaseMs) })
    .where("id", "in", due)
    .where("status", "=", "queued")
    .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]))
    .returning(["id", "newsletter_id", "email", "name", "test", "attempts"])
    .execute();
}

/**
 * Marks a claimed copy sent: only while this sender holds it, it is still queued (an unsubscribe
 * withdraws it) and its newsletter is still sending (a pause stops it). No row changed: the
 * message must not be finished. (The sender runs this statement itself, compiled, to commit it
 * right after the message's end: server/mail/newsletterSender.ts.)
 */
export function markSentQuery(db: DB, deliveryId: string, sender: string) {
  return db
    .updateTable("newsletter_deliveries")
    .set({ status: "sent", sent_at: nowIso(), last_reply: null })
    .where("id", "=", deliveryId)
    .where("claimed_by", "=", sender)
    .where("status", "=", "queued")
    .where(goingOut);
}

export async function markSent(db: DB, deliveryId: string, sender: string): Promise<boolean> {
  return Number((await markSentQuery(db, deliveryId, sender).executeTakeFirst()).numUpdatedRows) > 0;
}

/**
 * A copy this sender could not deliver: back in the queue for a later attempt (`retryAt`), or
 * failed for good (`retryAt` null), with the mail server's reply. Also undoes a mark made just
 * before a message whose end the server did not accept.
 */
export async function markUndelivered(db: DB, deliveryId: string, sender: string, reply: string, retryAt: string | null): Promise<void> {
  await db
    .updateTable("newsletter_deliveries")
    .set({
      status: retryAt ? "queued" : "failed",
      attempts: sql<number>`attempts + 1`,
      next_attempt_at: retryAt ?? nowIso(),
      sent_at: null,
      last_reply: reply.slice(0, 500),
      claimed_by: null,
      claimed_until: null,
    })
    .where("id", "=", deliveryId)
    .where("claimed_by", "=", sender)
    .where("status", "in", ["queued", "sent"])
    .execute();
}

/** When the next queued copy falls due (a retry's wait, or another sender's lease running out), or null when none is queued. */
export async function nextAttemptAt(db: DB): Promise<string | null> {
  const row = await db
    .selectFrom("newsletter_deliveries")
    .select((eb) => eb.fn.min(eb.case().when("claimed_until", ">", eb.ref("next_attempt_at")).then(eb.ref("claimed_until")).else(eb.ref("next_attempt_at")).end()).as("at"))
    .where("status", "=", "queued")
    .where(goingOut)
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

/** Lets go of claimed copies this sender did not try (stopping, paused, or the server unreachable before them). */
export async function releaseClaims(db: DB, deliveryIds: string[], sender: string): Promise<void> {
  if (deliveryIds.length === 0) return;
  await db.updateTable("newsletter_deliveries").set({ claimed_by: null, claimed_until: null }).where("id", "in", deliveryIds).where("claimed_by", "=", sender).where("status", "=", "queued").execute();
}

/** Newsletters that are sending and have nothing left queued become sent (once). */
export async function finishSentNewsletters(db: DB): Promise<void> {
  await db
    .updateTable("newsletters")
    .set({ status: "sent", finished_at: nowIso() })
    .where("status", "=", "sending")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("newsletter_deliveries").select("newsletter_deliveries.id").whereRef("newsletter_deliveries.newsletter_id", "=", "newsletters.id").where("newsletter_deliveries.status", "=", "queued").where("newsletter_deliveries.test", "=", 0))))
    .execute();
}

export type DeliveryCounts = Record<DeliveryStatus, number> & { unsubscribed: number; unsubscribedSince: number };

/**
 * A newsletter's report: copies by status; how many unsubscribed through its own link; and how many
 * of its recipients have unsubscribed (by any way) since it started.
 */
export async function deliveryCounts(db: DB, newsletterId: string): Promise<DeliveryCounts> {
  const rows = await db
    .selectFrom("newsletter_deliveries")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.count<number>("unsubscribed_at").as("unsubscribed")])
    .where("newsletter_id", "=", newsletterId)
    .where("test", "=", 0)
    .groupBy("status")
    .execute();
  const counts: DeliveryCounts = { queued: 0, sent: 0, failed: 0, withdrawn: 0, unsubscribed: 0, unsubscribedSince: 0 };
  for (const r of rows) {
    counts[r.status] = Number(r.n);
    counts.unsubscribed += Number(r.unsubscribed);
  }
  const since = await db
    .selectFrom("newsletter_deliveries")
    .innerJoin("newsletters", "newsletters.id", "newsletter_deliveries.newsletter_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("newsletter_deliveries.newsletter_id", "=", newsletterId)
    .where("newsletter_deliveries.test", "=", 0)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("consents")
          .select("consents.id")
          .whereRef("consents.contact_id", "=", "newsletter_deliveries.contact_id")
          .where("consents.kind", "=", "unsubscribe")
          .whereRef("consents.at", ">=", "newsletters.started_at"),
      ),
    )
    .executeTakeFirstOrThrow();
  counts.unsubscribedSince = Number(since.n);
  return counts;
}

export function failedDeliveries(db: DB, newsletterId: string, limit = 200) {
  return db.selectFrom("newsletter_deliveries").select(["email", "name", "last_reply", "attempts"]).where("newsletter_id", "=", newsletterId).where("status", "=", "failed").where("test", "=", 0).orderBy("email").limit(limit).execute();
}

export function listNewsletters(db: DB) {
  return db.selectFrom("newsletters").select(["id", "subject", "status", "scheduled_for", "started_at", "finished_at", "recipients", "updated_at"]).orderBy("created_at", "desc").execute();
}

/** What the public archive lists: newsletters that have gone out, newest first. */
export function sentNewsletters(db: DB) {
  return db.selectFrom("newsletters").select(["id", "subject", "started_at"]).where("status", "in", ["sending", "paused", "sent"]).orderBy("started_at", "desc").execute();
}

export type UnsubscribeOutcome = "unsubscribed" | "used" | "test" | "unknown";

/**
 * The one-click unsubscribe of a copy's recipient: claimed once on the copy (a second use is
 * refused), recorded in the ledger with the newsletter named, which also withdraws their copies
 * not yet sent; all in one transaction.
 */
export async function unsubscribeThrough(db: DB, deliveryId: string, web: { ip: string | null; userAgent: string | null }): Promise<UnsubscribeOutcome> {
  return db.transaction().execute(async (trx) => {
    const copy = await trx
      .selectFrom("newsletter_deliveries")
      .innerJoin("newsletters", "newsletters.id", "newsletter_deliveries.newsletter_id")
      .select(["newsletter_deliveries.contact_id", "newsletter_deliveries.test", "newsletter_deliveries.unsubscribed_at", "newsletters.subject"])
      .where("newsletter_deliveries.id", "=", deliveryId)
      .executeTakeFirst();
    if (!copy) return "unknown";
    if (copy.test || !copy.contact_id) return "test";
    const now = nowIso();
    const claimed = await trx.updateTable("newsletter_deliveries").set({ unsubscribed_at: now }).where("id", "=", deliveryId).where("unsubscribed_at", "is", null).executeTakeFirst();
    if (!Number(claimed.numUpdatedRows)) return "used";
    await recordConsent(trx, { contactId: copy.contact_id, kind: "unsubscribe", method: "unsubscribe-link", source: `Unsubscribe link in the newsletter “${copy.subject}”`, at: now, ip: web.ip, userAgent: web.userAgent });
    return "unsubscribed";
  });
}
