// Outgoing email. Every message is recorded in the outbox before any attempt to send it;
// with SMTP_URL set it is sent through nodemailer (and retried by `retryUnsent`), without it
// the message is written to the log and stays in the outbox for an admin to read.
import nodemailer, { type Transporter } from "nodemailer";
import type { DB } from "../../db/connect";
import { nowIso } from "../../db/time";
import { newId } from "../../shared/ids";
import type { Logger } from "../logger";

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  kind: "password-reset" | "invitation" | "notification";
}

export interface Mailer {
  /** Records the message and starts sending it; never throws for a delivery failure. */
  send(message: OutgoingMessage): Promise<string>;
  /** Sends what is still unsent (young enough and not tried too often). */
  retryUnsent(): Promise<void>;
  close(): void;
}

const maxAttempts = 5;
const retryWindowMs = 24 * 60 * 60 * 1000;

export function createMailer({ db, smtpUrl, from, log }: { db: DB; smtpUrl?: string; from: string; log: Logger }): Mailer {
  const transport: Transporter | null = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  const pending = new Set<Promise<void>>();

  async function deliver(id: string): Promise<void> {
    const message = await db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
    if (!message || message.sent_at || !transport) return;
    try {
      await transport.sendMail({ from, to: message.to_address, subject: message.subject, text: message.body_text });
      await db.updateTable("outbox").set({ sent_at: nowIso(), attempts: message.attempts + 1, last_error: null }).where("id", "=", id).execute();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.warn({ outboxId: id, err: reason }, "email not sent; will retry");
      await db.updateTable("outbox").set({ attempts: message.attempts + 1, last_error: reason.slice(0, 500) }).where("id", "=", id).execute();
    }
  }

  function track(work: Promise<void>) {
    const guarded = work.catch((error) => log.error({ err: error }, "outbox delivery failed"));
    pending.add(guarded);
    void guarded.finally(() => pending.delete(guarded));
  }

  return {
    async send(message) {
      const id = newId();
      await db
        .insertInto("outbox")
        .values({ id, to_address: message.to, subject: message.subject, body_text: message.text, kind: message.kind, created_at: nowIso(), sent_at: null, last_error: null })
        .execute();
      if (transport) track(deliver(id));
      else log.info({ outboxId: id, to: message.to, subject: message.subject, kind: message.kind, text: message.text }, "email kept in outbox (no SMTP_URL)");
      return id;
    },
    async retryUnsent() {
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
    close() {
      transport?.close();
    },
  };
}
