// Sends newsletters from their delivery outbox (db/queries/newsletters.ts) over SMTP, through a few
// connections at a set pace. Exactly one copy per recipient, across crashes, restarts and several
// senders, rests on three things:
// - a copy is claimed (a lease) before it is tried, so no two senders try it at once, and a sender
//   that dies lets it go when the lease runs out;
// - the copy is marked sent in the database after the mail server has said yes to the envelope and
//   has the whole message, but before the message's end (the line with the single dot) is
//   written: a sender killed before the mark leaves an unfinished message, which the server throws
//   away, and the copy is tried again; one killed after it has the dot in the kernel's socket
//   buffer, which the kernel still delivers. The only gap left is between the mark's commit and
//   that one write (microseconds, nothing awaited between them but the write); SMTP offers no way
//   to close it, and a copy lost there is counted as sent. The stable Message-ID lets a receiving
//   server recognise the copy sent again after the rarer case of a reply lost on a dropped line;
// - the mark only succeeds while the copy is still queued and its newsletter still sending: an
//   unsubscribe or a pause that lands mid-send stops the message before its end.
// A transient failure (4xx, a dropped or refused connection) puts the copy back with a backoff
// that doubles; after the last attempt, or on a permanent refusal (5xx), it is failed with the
// server's reply.
import { Readable } from "node:stream";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import MailComposer from "nodemailer/lib/mail-composer";
import type { Services } from "../services";
import { isoIn } from "../../db/time";
import { newId } from "../../shared/ids";
import { newsletterEmail, renderNewsletterBody } from "../../shared/network/newsletterContent";
import { claimDeliveries, finishSentNewsletters, getNewsletter, markSent, markUndelivered, nextAttemptAt, releaseClaims, startDueNewsletters, type ClaimedDelivery } from "../../db/queries/newsletters";
import { unsubscribeKey, unsubscribeToken } from "./unsubscribeTokens";

export interface NewsletterSenderOptions {
  /** Messages per second for this sender (all its connections together). */
  ratePerSecond: number;
  /** SMTP connections used at once. */
  connections: number;
  /** The first retry's wait; each later one waits twice as long (capped at an hour). */
  retryBaseMs: number;
  /** Attempts before a copy is failed. */
  maxAttempts: number;
  /**
   * How long a claim holds. A sender still at work on a copy whose lease ran out cannot send it
   * twice (its mark fails and the message is abandoned before its end), so this only needs to be
   * long enough to waste little work: a batch at the set pace, with room to spare.
   */
  leaseMs: number;
  /** Copies a connection claims at a time. */
  batch: number;
  /** How often an idle sender looks for work. */
  pollMs: number;
}

export const defaultSenderOptions: NewsletterSenderOptions = { ratePerSecond: 10, connections: 2, retryBaseMs: 60_000, maxAttempts: 6, leaseMs: 60_000, batch: 20, pollMs: 2_000 };

interface SmtpTarget {
  options: SMTPConnection.Options;
  auth?: { user: string; pass: string };
}

function smtpTarget(url: string): SmtpTarget {
  const parsed = new URL(url);
  const secure = parsed.protocol === "smtps:";
  return {
    options: { host: parsed.hostname, port: Number(parsed.port) || (secure ? 465 : 587), secure, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
  };
}

type SmtpError = Error & { responseCode?: number; response?: string; code?: string };

/** What went wrong, in the mail server's words when it said anything. */
const replyOf = (error: SmtpError) => (error.response ?? error.message).slice(0, 500);
const permanent = (error: SmtpError) => typeof error.responseCode === "number" && error.responseCode >= 500;

export class NewsletterSender {
  private readonly id = `sender-${newId()}`;
  private readonly target: SmtpTarget;
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private nextSlot = 0;
  private readonly lanes: Promise<void>[] = [];
  private readonly subjects = new Map<string, { subject: string; bodyHtml: string; bodyMarkdown: string }>();

  constructor(
    private readonly services: Pick<Services, "db" | "dialect" | "log" | "origin" | "config">,
    smtpUrl: string,
    private readonly options: NewsletterSenderOptions = defaultSenderOptions,
  ) {
    this.target = smtpTarget(smtpUrl);
  }

  /** MAIL_FROM's bare address ("CSL Commons <news@…>" → "news@…"), for the envelope and the footer. */
  private get envelopeSender(): string {
    const from = this.services.config.MAIL_FROM;
    return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
  }

  start(): void {
    for (let i = 0; i < this.options.connections; i++) this.lanes.push(this.lane(i));
  }

  /** Looks for work now (a send started, a test copy queued) rather than at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await Promise.all(this.lanes);
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const previous = this.wakeUp;
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        previous?.();
        done();
      };
    });
  }

  /** Waits for this sender's next slot at its pace. */
  private async pace(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.options.ratePerSecond;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }

  private async lane(index: number): Promise<void> {
    const { db, dialect, log } = this.services;
    let connection: SMTPConnection | null = null;
    while (!this.stopped) {
      let claimed: ClaimedDelivery[] = [];
      try {
        if (index === 0) await startDueNewsletters(db);
        claimed = await claimDeliveries(db, dialect, this.id, this.options.batch, this.options.leaseMs);
        if (claimed.length === 0) {
          // Nothing left for this connection: a newsletter whose last copies went is sent.
          await finishSentNewsletters(db);
          connection = closed(connection);
          // Until the next retry falls due, or the next look for new work.
          const due = await nextAttemptAt(db);
          await this.idle(due ? Math.min(Math.max(Date.parse(due) - Date.now(), 10), this.options.pollMs) : this.options.pollMs);
          continue;
        }
        const pending = [...claimed];
        while (pending.length && !this.stopped) {
          if (!connection) {
            try {
              connection = await this.connect();
            } catch (error) {
              // The server is down or refuses us: each copy of the batch counts an attempt and
              // waits its backoff (so a long outage ends in failures with the reason), and this
              // connection pauses before trying the next ones.
              for (const copy of pending.splice(0)) await this.undelivered(copy, error as SmtpError);
              await this.idle(Math.min(this.options.retryBaseMs, this.options.pollMs));
              break;
            }
          }
          const copy = pending.shift()!;
          await this.pace();
          const kept = await this.deliver(connection, copy);
          if (!kept) connection = closed(connection);
        }
        await releaseClaims(db, pending.map((c) => c.id), this.id);
      } catch (error) {
        log.error({ err: error }, "newsletter sending failed; trying again shortly");
        connection = closed(connection);
        await releaseClaims(db, claimed.map((c) => c.id), this.id).catch(() => undefined);
        await this.idle(this.options.pollMs);
      }
    }
    closed(connection);
  }

  private connect(): Promise<SMTPConnection> {
    return new Promise((resolve, reject) => {
      const connection = new SMTPConnection(this.target.options);
      connection.once("error", reject);
      connection.connect((error) => {
        if (error) return reject(error);
        if (!this.target.auth) return resolve(connection);
        connection.login(this.target.auth, (loginError) => (loginError ? reject(loginError) : resolve(connection)));
      });
    }).then((connection) => {
      // Errors after connecting reach the send callbacks; keep the emitter from throwing.
      (connection as SMTPConnection).on("error", () => undefined);
      return connection as SMTPConnection;
    });
  }

  /** Sends one copy; false when the connection can no longer be used. */
  private async deliver(connection: SMTPConnection, copy: ClaimedDelivery): Promise<boolean> {
    const { db } = this.services;
    const senderId = this.id;
    const message = await this.compose(copy);
    let stopped = false;
    const error = await new Promise<SmtpError | null>((resolve) => {
      let asked = false;
      const body = new Readable({
        read() {
          // The server has accepted the envelope and asked for the data (354).
          if (asked) return;
          asked = true;
          this.push(message);
          markSent(db, copy.id, senderId).then(
            (ok) => {
              if (ok) return void this.push(null); // the message's end: only now may the server keep it
              stopped = true; // withdrawn (an unsubscribe) or its newsletter paused: never end it
              this.destroy(new Error("stopped before its end"));
            },
            (markError: Error) => this.destroy(markError),
          );
        },
      });
      connection.send({ from: this.envelopeSender, to: [copy.email] }, body, (sendError) => resolve((sendError as SmtpError | null) ?? null));
    });
    if (!error) return true;
    if (stopped) await releaseClaims(db, [copy.id], senderId);
    // Refused before its end, or its end not acknowledged: not delivered (a mark made is undone).
    else await this.undelivered(copy, error);
    // An unfinished message must never end, and a refusal leaves the session mid-transaction:
    // the connection is dropped (the server discards what it had) and a new one opened.
    return false;
  }

  private async undelivered(copy: ClaimedDelivery, error: SmtpError): Promise<void> {
    const attempt = copy.attempts + 1;
    const retry = !permanent(error) && attempt < this.options.maxAttempts;
    const wait = Math.min(this.options.retryBaseMs * 2 ** (attempt - 1), 60 * 60_000);
    this.services.log.warn({ delivery: copy.id, attempt, reply: replyOf(error), retry }, "newsletter copy not delivered");
    await markUndelivered(this.services.db, copy.id, this.id, replyOf(error), retry ? isoIn(wait) : null);
  }

  private async compose(copy: ClaimedDelivery): Promise<Buffer> {
    let content = this.subjects.get(copy.newsletter_id);
    if (!content) {
      const newsletter = await getNewsletter(this.services.db, copy.newsletter_id);
      if (!newsletter) throw new Error(`newsletter ${copy.newsletter_id} is gone`);
      content = { subject: newsletter.subject, bodyMarkdown: newsletter.body_markdown, bodyHtml: newsletter.body_html ?? renderNewsletterBody(newsletter.body_markdown) };
      // A draft's test copies read the latest words; a sent newsletter's never change.
      if (newsletter.body_html) this.subjects.set(copy.newsletter_id, content);
    }
    const origin = this.services.origin();
    const unsubscribeUrl = `${origin}/unsubscribe/${unsubscribeToken(await unsubscribeKey(this.services.db), copy.id)}`;
    const sender = this.envelopeSender;
    const { html, text } = newsletterEmail({ ...content, subject: copy.test ? `[Test] ${content.subject}` : content.subject, webUrl: `${origin}/newsletters/${copy.newsletter_id}`, unsubscribeUrl, sender });
    const composer = new MailComposer({
      from: this.services.config.MAIL_FROM,
      to: copy.name ? { name: copy.name, address: copy.email } : copy.email,
      subject: copy.test ? `[Test] ${content.subject}` : content.subject,
      text,
      html,
      messageId: `<${copy.id}.newsletter@${new URL(origin).hostname}>`,
      headers: {
        // RFC 8058: one click, no login, no cookie.
        "List-Unsubscribe": `<${unsubscribeUrl}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": `BC CSL Network newsletter <newsletter.${new URL(origin).hostname}>`,
      },
    });
    return composer.compile().build();
  }
}

function closed(connection: SMTPConnection | null): null {
  if (connection) {
    try {
      connection.close();
    } catch {
      // already gone
    }
  }
  return null;
}
