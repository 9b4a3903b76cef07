// Outgoing email. Every message is recorded in the outbox before any attempt to send it;
// with SMTP_URL set it is sent through nodemailer (and retried by `retryUnsent`), without it
// the message stays in the outbox for an admin to read. A sender claims a message (a lease in
// the row) before sending it, so an immediate send, the retry job and other nodes never send
// the same message twice. Links that carry a secret (reset, invitation) are removed from the
// stored body once the message is sent or the secret has expired, and never written to the log.
import nodemailer, { type Transporter } from "nodemailer";
import { sql } from "kysely";
import type { DB } from "../../db/connect";
import { isoIn, nowIso } from "../../db/time";
import { newId } from "../../shared/ids";
import type { Logger } from "../logger";

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  kind: "password-reset" | "invitation" | "notification" | "newsletter-confirmation" | "event-registration" | "training" | "cohort" | "survey";
  /** When the secret links in the text stop working. */
  secretExpiresAt?: string;
  /** An iCalendar file sent with it (an event registration's), as `event.ics`. */
  calendar?: string;
}

export interface Mailer {
  /** Records the message and starts sending it; never throws for a delivery failure. */
  send(message: OutgoingMessage): Promise<string>;
  /**
   * Records a message inside the caller's transaction, so that it exists exactly when the work
   * that claimed it does; `release` starts sending once that transaction has committed (the retry
   * job sends it otherwise).
   */
  record(trx: DB, message: OutgoingMessage): Promise<string>;
  release(ids: string[]): void;
  /** Sends what is still unsent (young enough and not tried too often), and removes expired links. */
  retryUnsent(): Promise<void>;
  /** Waits for the sends under way. */
  settle(): Promise<void>;
  close(): void;
}

const maxAttempts = 5;
const retryWindowMs = 24 * 60 * 60 * 1000;
/** How long a sender holds a claimed message: longer than any SMTP exchange takes. */
const claimMs = 2 * 60 * 1000;

/** A link's secret path segment (our tokens: 32 characters of [a-z2-9]). */
const secretInLink = /(https?:\/\/\S*?\/)[a-z2-9]{32}\b/g;
export const withoutSecrets = (text: string) => text.replace(secretInLink, "$1[link removed: sent or expired]");

export function createMailer({ db, smtpUrl, from, log }: { db: DB; smtpUrl?: string; from: string; log: Logger }): Mailer {
  const transport: Transporter | null = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  const pending = new Set<Promise<void>>();

  /** Takes the message for this sender, or undefined when it is sent or another sender holds it. */
  async function claim(id: string) {
    const now = nowIso();
    const taken = await db
      .updateTable("outbox")
      .set({ claimed_until: isoIn(claimMs), attempts: sql<number>`attempts + 1` })
      .where("id", "=", id)
      .where("sent_at", "is", null)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]))
      .executeTakeFirst();
    if (!Number(taken.numUpdatedRows)) return undefined;
    return db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async function deliver(id: string): Promise<void> {
    if (!transport) return;
    const message = await claim(id);
    if (!message) return;
    try {
      // A stable Message-ID lets a receiving server recognise a resend after a crash mid-send.
      await transport.sendMail({
        from,
        to: message.to_address,
        subject: message.subject,
        text: message.body_text,
        messageId: `<${id}@csl-commons>`,
        attachments: message.calendar ? [{ filename: "event.ics", content: message.calendar, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }] : undefined,
      });
      await db.updateTable("outbox").set({ sent_at: nowIso(), claimed_until: null, last_error: null, body_text: withoutSecrets(message.body_text) }).where("id", "=", id).execute();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.warn({ outboxId: id, err: reason }, "email not sent; will retry");
      await db.updateTable("outbox").set({ claimed_until: null, last_error: reason.slice(0, 500) }).where("id", "=", id).execute();
    }
  }

  function track(work: Promise<void>) {
    const guarded = work.catch((error) => log.error({ err: error }, "outbox delivery failed"));
    pending.add(guarded);
    void guarded.finally(() => pending.delete(guarded));
  }

  async function insert(into: DB, message: OutgoingMessage): Promise<string> {
    const id = newId();
    await into
      .insertInto("outbox")
      .values({
        id,
        to_address: message.to,
        subject: message.subject,
        body_text: message.text,
        kind: message.kind,
        created_at: nowIso(),
        sent_at: null,
        last_error: null,
        claimed_until: null,
        secret_expires_at: message.secretExpiresAt ?? null,
        calendar: message.calendar ?? null,
      })
      .execute();
    return id;
  }

  return {
    async send(message) {
      const id = await insert(db, message);
      if (transport) track(deliver(id));
      else log.info({ outboxId: id, to: message.to, subject: message.subject, kind: message.kind }, "email kept in outbox (no SMTP_URL); an admin reads it at /admin/outbox");
      return id;
    },
    record: insert,
    release(ids) {
      if (transport) for (const id of ids) track(deliver(id));
    },
    async retryUnsent() {
      const expired = await db.selectFrom("outbox").select(["id", "body_text"]).where("secret_expires_at", "<", nowIso()).execute();
      for (const message of expired) {
        await db.updateTable("outbox").set({ body_text: withoutSecrets(message.body_text), secret_expires_at: null }).where("id", "=", message.id).execute();
      }
      if (!transport) return;
      const due = await db
        .selectFrom("outbox")
        .select("id")
        .where("sent_at", "is", null)
        .where("attempts", "<", maxAttempts)
        .where("created_at", ">", new Date(Date.now() - retryWindowMs).toISOString())
        .orderBy("created_at")
        .limit(50)
        .execute();
      for (const { id } of due) await deliver(id);
    },
    async settle() {
      await Promise.all(pending);
    },
    close() {
      transport?.close();
    },
  };
}
