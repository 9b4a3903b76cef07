// A 10,000-recipient newsletter sent by the platform as its own process to a real SMTP server,
// while the process is killed (SIGKILL) twice mid-send and restarted, and the SMTP server drops a
// connection once in the middle of a message: every consenting recipient gets a copy (0 missing,
// counted at the SMTP server), never more than one but for at most the one copy a kill can catch
// between its end and its mark (decision 0014: SMTP leaves that gap), and nobody else gets any. On
// SQLite, and on PostgreSQL when TEST_SERVER_DIALECT=postgres (a database of its own, made and
// dropped here).
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { openDatabase, type DB } from "../../db/connect";
import { migrateToLatest } from "../../db/connect";
import { importContacts, saveContact } from "../../db/queries/contacts";
import { createNewsletter, deliveryCounts, startSending } from "../../db/queries/newsletters";
import { seedDemoNetwork } from "../../db/seed";
import { randomString } from "../../shared/ids";
import { contactFilterSchema } from "../../shared/network/contactSearch";
import { sqliteFile } from "../helpers/databases";
import { startServerProcess } from "../helpers/process";
import { startSmtp, type TestSmtp } from "../helpers/smtp";
import { until } from "../helpers/wait";

const crashRecipients = 10_000;

/**
 * Kills the platform's process with SIGKILL from a process of its own, after a random few
 * milliseconds. Not from this one: this process is also the SMTP server, which runs when a message's
 * end wakes it, often taking the CPU from the sender right there (before the mark's commit), so a
 * kill sent from here lands in that instant more often than a crash would. A killer of its own
 * wakes only on its own timer.
 */
async function killSoon(proc: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  const delayMs = 2 + Math.floor(Math.random() * 20);
  spawn(process.execPath, ["-e", `setTimeout(() => process.kill(${proc.pid}, "SIGKILL"), ${delayMs})`], { stdio: "ignore" });
  await exited;
}

let child: ChildProcess | null = null;
let db: DB | null = null;
let smtp: TestSmtp | null = null;
let dropDatabase: (() => Promise<void>) | null = null;

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
  await db?.destroy();
  await dropDatabase?.();
  await smtp?.close();
});

/** A fresh database for the platform process: a SQLite file, or a PostgreSQL database of its own. */
async function freshDatabase(): Promise<string> {
  if (process.env.TEST_SERVER_DIALECT !== "postgres") return sqliteFile();
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const name = `crash_${randomString(8)}`;
  const admin = openDatabase(base).db;
  await sql`create database ${sql.id(name)}`.execute(admin);
  dropDatabase = async () => {
    // The pool's end resolves before its connections have closed; dropping with force meanwhile
    // would end them with an error nobody listens for. So wait for them to go first.
    await until(async () => Number((await sql<{ n: number }>`select count(*) as n from pg_stat_activity where datname = ${name}`.execute(admin)).rows[0].n) === 0, "the crash database's connections to close", 10_000).catch(() => undefined);
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
    await admin.destroy();
  };
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

describe("a newsletter send that survives crashes", () => {
  it("delivers a copy to each of 10,000 recipients across two SIGKILLs and a dropped SMTP connection, none lost, at most one twice per kill", async () => {
    let dropped = 0;
    const dropFor = "crash.4321@district.example";
    smtp = await startSmtp({
      drop: (address) => {
        if (address !== dropFor || dropped > 0) return false;
        dropped++;
        return true;
      },
    });
    const database = await freshDatabase();
    db = openDatabase(database).db;
    await migrateToLatest(db);
    await seedDemoNetwork(db, { onlyIfEmpty: true });
    const by = (await db.selectFrom("users").select("id").where("email", "=", "admin@csl-commons.example").executeTakeFirstOrThrow()).id;
    const person = (i: number, tag: string) => ({ email: `crash.${i}@district.example`, name: `Crash ${i}`, organizationId: null, role: null, region: null, notes: null, tags: [tag] });
    const recipients = Array.from({ length: crashRecipients }, (_, i) => person(i, "crash-test"));
    await importContacts(db, recipients, by, { kind: "express", source: "crash-test sheet", wording: "Yes, send me the newsletter." });
    // Chosen by the filter but without consent: never sent to.
    for (let i = crashRecipients; i < crashRecipients + 50; i++) await saveContact(db, person(i, "crash-test"), by);
    const id = await createNewsletter(db, { subject: "Across the province", bodyMarkdown: "# News\n\nThree circles meet this month.", audience: contactFilterSchema.parse({ tag: "crash-test" }) }, by);
    expect(await startSending(db, id)).toBe(crashRecipients);

    const env = { SMTP_URL: smtp.url, NEWSLETTER_RATE: "5000", NEWSLETTER_CONNECTIONS: "4", NEWSLETTER_RETRY_SECONDS: "0.2", NEWSLETTER_LEASE_SECONDS: "2" };
    const start = async (port: number) => {
      const started = await startServerProcess(database, port, env);
      child = started.proc;
      return Number(new URL(started.url).port);
    };
    const received = () => recipients.reduce((n, r) => n + Math.min(1, smtp!.countFor(r.email)), 0);

    const port = await start(0);
    await until(() => received() >= 2_000, "2,000 copies before the first crash", 60_000);
    await killSoon(child!);
    const atFirstCrash = received();
    await start(port);
    await until(() => received() >= atFirstCrash + 3_000, "3,000 more before the second crash", 60_000);
    await killSoon(child!);
    const atSecondCrash = received();
    expect(atSecondCrash).toBeLessThan(crashRecipients);
    await start(port);
    await until(async () => (await db!.selectFrom("newsletters").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status === "sent", "the newsletter to finish", 120_000);

    const copies = recipients.map((r) => smtp!.countFor(r.email));
    const duplicates = copies.reduce((n, c) => n + Math.max(0, c - 1), 0);
    const missing = copies.filter((c) => c === 0).length;
    console.log(`newsletter crash test: ${crashRecipients} recipients, crashes after ${atFirstCrash} and ${atSecondCrash} copies, connection dropped ${dropped} time(s); duplicates ${duplicates}, missing ${missing}`);
    // None lost; a copy twice only where a kill fell between an end and its mark: at most one per kill.
    expect(missing).toBe(0);
    expect(duplicates).toBeLessThanOrEqual(2);
    expect(dropped).toBe(1);
    expect(smtp.countFor(dropFor)).toBe(1);
    for (let i = crashRecipients; i < crashRecipients + 50; i++) expect(smtp.countFor(`crash.${i}@district.example`)).toBe(0);
    expect(await deliveryCounts(db, id)).toEqual({ queued: 0, sent: crashRecipients, failed: 0, withdrawn: 0, unsubscribed: 0, unsubscribedSince: 0 });
    expect(smtp.received.length).toBe(crashRecipients + duplicates);
  }, 300_000);
});
