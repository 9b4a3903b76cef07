// The outbox against a real SMTP server on loopback and a real database: each message is sent
// once however many senders race for it, and live links never sit in the log or stay stored.
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer, withoutSecrets } from "../../server/mail/outbox";
import { dialects, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { startSmtp, type ReceivedMail } from "../helpers/smtp";

const resetLink = "https://commons.example/reset-password/abcdefghjkmnpqrstuvwxyz234567892";

describe.each(dialects)("the outbox on %s", (dialect) => {
  let database: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let smtpUrl: string;
  let received: ReceivedMail[];
  const log = pino({ level: "silent" });

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    // A slow mail server, so that senders overlap.
    smtp = await startSmtp({ delayMs: 150 });
    smtpUrl = smtp.url;
    received = smtp.received;
  });
  afterAll(async () => {
    await smtp?.close();
    await database?.close();
  });

  it("sends a message once while the immediate send, the retry job and a second node all reach for it", async () => {
    const node = createMailer({ db: database.db, smtpUrl, from: "CSL Commons <no-reply@commons.example>", log });
    const other = createMailer({ db: database.db, smtpUrl, from: "CSL Commons <no-reply@commons.example>", log });
    const before = received.length;
    const id = await node.send({ to: "ann@example.org", subject: "Reset", kind: "password-reset", text: `${resetLink}\n`, secretExpiresAt: new Date(Date.now() + 3600_000).toISOString() });
    await Promise.all([node.retryUnsent(), other.retryUnsent(), other.retryUnsent()]);
    await Promise.all([node.settle(), other.settle()]);
    expect(received.length - before).toBe(1);
    expect(received.at(-1)!.body).toContain(resetLink);
    expect(received.at(-1)!.body).toContain(`Message-ID: <${id}@csl-commons>`);
    const row = await database.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.sent_at).not.toBeNull();
    expect(row.attempts).toBe(1);
    // Sent: the stored copy no longer opens anything.
    expect(row.body_text).not.toContain("abcdefghjkmnpqrstuvwxyz234567892");
    expect(row.body_text).toContain("https://commons.example/reset-password/[link removed");
    node.close();
    other.close();
  });

  it("a failed attempt releases the message for the next try and counts it", async () => {
    const broken = createMailer({ db: database.db, smtpUrl: "smtp://127.0.0.1:9", from: "x <x@example.org>", log });
    const id = await broken.send({ to: "bo@example.org", subject: "Hi", kind: "notification", text: "Hello" });
    await broken.settle();
    const row = await database.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ sent_at: null, claimed_until: null, attempts: 1 });
    expect(row.last_error).toBeTruthy();
    broken.close();
  });

  it("without SMTP the log never holds a live link, and the stored link goes once it expires", async () => {
    let logged = "";
    const capture = new Writable({ write: (chunk, _enc, done) => ((logged += String(chunk)), done()) });
    const quiet = createMailer({ db: database.db, from: "x <x@example.org>", log: pino({ level: "info" }, capture) });
    const id = await quiet.send({ to: "cy@example.org", subject: "Join us", kind: "invitation", text: `Accept: ${resetLink}\n`, secretExpiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(logged).toContain(id);
    expect(logged).not.toContain("abcdefghjkmnpqrstuvwxyz234567892");
    // An admin can still read it while it works; once expired, the retry job removes it.
    const kept = await database.db.selectFrom("outbox").select("body_text").where("id", "=", id).executeTakeFirstOrThrow();
    expect(kept.body_text).toContain(resetLink);
    await quiet.retryUnsent();
    const after = await database.db.selectFrom("outbox").select(["body_text", "secret_expires_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(after.body_text).toBe(withoutSecrets(`Accept: ${resetLink}\n`));
    expect(after.body_text).not.toContain("abcdefghjkmnpqrstuvwxyz234567892");
  });
});
