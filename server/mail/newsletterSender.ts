// Sends newsletters from their delivery outbox (db/queries/newsletters.ts) over SMTP, through a few
// connections at a set pace. One copy per recipient, across crashes, restarts and several senders
// (a crash can still send one copy twice: the gap below), rests on three things:
// - a copy is claimed (a lease) before it is tried, so no two senders try it at once, and a sender
//   that dies lets it go when the lease runs out;
// - the copy's mark (sent) and the message's end (the line with the single dot, which lets the
//   server keep the message) are written one right after the other, with nothing awaited between:
//   the whole message but its end goes first; a sender killed before the pair leaves an
//   unfinished message, which the server throws away, and no mark, so the copy is tried again;
//   killed after it, the copy is marked and delivered once. On PostgreSQL the end is written first
//   and the commit right after it (prepared in a corked socket); on SQLite the commit comes first,
//   because it is complete only once its log is synced and indexed, and the end right after it with
//   one system call. The gap between the two writes is microseconds (longer on PostgreSQL when
//   the SMTP server shares the machine and takes the CPU when the end wakes it); a kill exactly
//   there sends that copy twice (PostgreSQL) or loses it (SQLite); see decision 0014 for what was
//   measured; the stable Message-ID lets a receiving server recognise a copy sent twice;
// - the mark only succeeds while the copy is still queued and its newsletter still sending: an
//   unsubscribe or a pause that lands mid-send stops the message before its end.
// A transient failure (4xx, a dropped or refused connection) puts the copy back with a backoff
// that doubles; after the last attempt, or on a permanent refusal (5xx), it is failed with the
// server's reply.
import fs from "node:fs";
import type { Socket } from "node:net";
import { Readable } from "node:stream";
import { TLSSocket } from "node:tls";
import type { Database as SqliteDatabase, Statement as SqliteStatement } from "better-sqlite3";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import MailComposer from "nodemailer/lib/mail-composer";
import type { Services } from "../services";
import { isoIn } from "../../db/time";
import { newId } from "../../shared/ids";
import { newsletterEmail } from "../../shared/network/newsletterContent";
import { renderMarkdown } from "../../shared/markdown";
import { claimDeliveries, finishSentNewsletters, getNewsletter, markSent, markSentQuery, markUndelivered, nextAttemptAt, releaseClaims, startDueNewsletters, type ClaimedDelivery } from "../../db/queries/newsletters";
import { unsubscribeKey, unsubscribeToken } from "./unsubscribeTokens";

/** nodemailer's dot-stuffing stream, as far as the sender touches it. */
type DataStream = NodeJS.ReadWriteStream & { writableLength: number; readableLength: number; destroy(): void };

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
  private readonly contents = new Map<string, { subject: string; bodyHtml: string; bodyMarkdown: string }>();

  constructor(
    private readonly services: Pick<Services, "db" | "dialect" | "raw" | "log" | "origin" | "config">,
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
    // The message ends with a line break, so that the lone dot written after it is a line of its own.
    const composed = await this.compose(copy);
    const message = composed.subarray(-2).toString() === "\r\n" ? composed : Buffer.concat([composed, Buffer.from("\r\n")]);
    let dataAsked!: () => void;
    const asked = new Promise<void>((resolve) => (dataAsked = resolve));
    // nodemailer pipes the message through its dot-stuffing stream to the socket. We write the
    // message into that stream ourselves when the server asks for the data (354), and never end
    // it: the lone dot is written by markAndEnd, beside the mark's commit.
    let dataStream: DataStream | null = null;
    const body = new Readable({ read() {} });
    body.pipe = ((destination: DataStream) => {
      dataStream = destination;
      destination.write(message);
      dataAsked();
      return destination;
    }) as unknown as typeof body.pipe;
    const sent = new Promise<SmtpError | null>((resolve) => connection.send({ from: this.envelopeSender, to: [copy.email] }, body, (error) => resolve((error as SmtpError | null) ?? null)));

    const refused = await Promise.race([asked.then(() => null), sent]);
    if (refused || !dataStream) {
      // Refused before the data (a recipient refused, the line dropped): not delivered.
      await this.undelivered(copy, refused ?? new Error("the mail server did not ask for the message"));
      return false;
    }
    // The mark and the message's end go together (markAndEnd): the copy is marked sent (only if
    // this sender holds it, it is still queued and its newsletter still sending) and the end is
    // written, one right after the other, with nothing awaited between (see decision 0014).
    const data = dataStream as DataStream;
    // Everything but the end handed on to the socket first; then nodemailer's stream is taken off
    // the socket (it would write the end when ended), and the end is ours to write, directly.
    for (let turns = 0; (data.writableLength > 0 || data.readableLength > 0) && turns < 10_000; turns++) await new Promise((resolve) => setImmediate(resolve));
    const socket = connection._socket;
    if (!socket) {
      await this.undelivered(copy, (await sent) ?? new Error("the connection closed"));
      return false;
    }
    data.unpipe(socket);
    let marked = false;
    let ended = false;
    try {
      marked = await this.markAndEnd(copy.id, () => {
        ended = true;
        writeEnd(socket);
      });
    } catch (error) {
      this.services.log.error({ err: error, delivery: copy.id }, "newsletter copy's mark not stored");
      // The commit failed after the end was written: the server may keep the message, so it is
      // marked again on its own (else it would be sent once more). Before the end: not sent.
      if (ended) marked = await markSent(db, copy.id, senderId).catch(() => false);
    }
    if (!marked) {
      // Withdrawn (an unsubscribe) or its newsletter paused: the message must never end; the
      // connection is dropped (by the caller), and the server discards what it had.
      body.destroy(new Error("stopped before its end"));
      data.destroy();
      await releaseClaims(db, [copy.id], senderId);
      return false;
    }
    const error = await sent;
    data.destroy(); // never ended: its end was written directly
    if (!error) return true;
    // Its end not acknowledged (a dropped line, a 4xx or 5xx to the data): not delivered, the mark undone.
    await this.undelivered(copy, error);
    // A refusal leaves the session mid-transaction: the connection is dropped and a new one opened.
    return false;
  }

  /**
   * In one transaction: the mark (markSentQuery); if it changed the row, the commit and `end`
   * (which writes the message's lone dot to the socket) one right after the other, in the same
   * synchronous turn (PostgreSQL: the end, then the commit; SQLite: the commit, then the end),
   * through the driver's own handle: through Kysely the commit went out only after several promise
   * turns in which other work ran (about 50 µs measured on PostgreSQL, long enough for a crash
   * test's kill to land in now and then). Returns whether it marked.
   */
  private async markAndEnd(deliveryId: string, end: () => void): Promise<boolean> {
    const { db, raw } = this.services;
    const { sql: text, parameters } = markSentQuery(db, deliveryId, this.id).compile();
    if (raw.dialect === "sqlite") {
      // Kysely's one connection is held, so nothing else uses the handle meanwhile; all synchronous.
      return db.connection().execute(async () => {
        const statements = this.sqliteStatements(raw.sqlite, text);
        statements.begin.run();
        try {
          const changed = statements.mark.run(...(parameters as unknown[])).changes > 0;
          (changed ? statements.commit : statements.rollback).run();
          // SQLite's commit is complete only once its log is synced and indexed (milliseconds with
          // synchronous = FULL), so the end comes right after it rather than before.
          if (changed) end();
          return changed;
        } catch (error) {
          if (raw.sqlite.inTransaction) statements.rollback.run();
          throw error;
        }
      });
    }
    const client = await raw.pool.connect();
    try {
      await client.query("BEGIN");
      const changed = ((await client.query(text, parameters as unknown[])).rowCount ?? 0) > 0;
      if (!changed) {
        await client.query("ROLLBACK");
        return false;
      }
      // The commit is prepared into PostgreSQL's corked socket first (the driver's work takes tens
      // of microseconds), then the dot is written, then the socket is uncorked: two writes, one
      // right after the other.
      const toDatabase = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
      toDatabase.cork();
      const committing = client.query("COMMIT");
      end();
      toDatabase.uncork();
      await committing;
      return true;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private statements: { sqlite: SqliteDatabase; text: string; begin: SqliteStatement; mark: SqliteStatement; commit: SqliteStatement; rollback: SqliteStatement } | null = null;

  /** The mark's statements, prepared once (the mark's text is the same for every copy). */
  private sqliteStatements(sqlite: SqliteDatabase, text: string) {
    if (this.statements?.sqlite !== sqlite || this.statements.text !== text) {
      this.statements = { sqlite, text, begin: sqlite.prepare("BEGIN IMMEDIATE"), mark: sqlite.prepare(text), commit: sqlite.prepare("COMMIT"), rollback: sqlite.prepare("ROLLBACK") };
    }
    return this.statements;
  }

  private async undelivered(copy: ClaimedDelivery, error: SmtpError): Promise<void> {
    const attempt = copy.attempts + 1;
    const retry = !permanent(error) && attempt < this.options.maxAttempts;
    const wait = Math.min(this.options.retryBaseMs * 2 ** (attempt - 1), 60 * 60_000);
    this.services.log.warn({ delivery: copy.id, attempt, reply: replyOf(error), retry }, "newsletter copy not delivered");
    await markUndelivered(this.services.db, copy.id, this.id, replyOf(error), retry ? isoIn(wait) : null);
  }

  private async compose(copy: ClaimedDelivery): Promise<Buffer> {
    let content = this.contents.get(copy.newsletter_id);
    if (!content) {
      const newsletter = await getNewsletter(this.services.db, copy.newsletter_id);
      if (!newsletter) throw new Error(`newsletter ${copy.newsletter_id} is gone`);
      content = { subject: newsletter.subject, bodyMarkdown: newsletter.body_markdown, bodyHtml: newsletter.body_html ?? renderMarkdown(newsletter.body_markdown) };
      // A draft's test copies read the latest words; a sent newsletter's never change.
      if (newsletter.body_html) this.contents.set(copy.newsletter_id, content);
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

const messageEnd = Buffer.from(".\r\n");

/**
 * Writes a message's end (the lone dot) with one system call when it can: on a plain TCP socket with
 * nothing waiting in Node's buffer, straight to its file descriptor (nothing runs between the
 * commit and the write); otherwise (TLS, a full buffer) through the socket.
 */
function writeEnd(socket: Socket): void {
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (!(socket instanceof TLSSocket) && typeof fd === "number" && fd >= 0 && socket.writableLength === 0) {
    let written = 0;
    try {
      written = fs.writeSync(fd, messageEnd);
    } catch {
      // EAGAIN: the kernel's buffer is full; the socket writes it when it can.
    }
    if (written === messageEnd.length) return;
    socket.write(messageEnd.subarray(written));
    return;
  }
  socket.write(messageEnd);
}
