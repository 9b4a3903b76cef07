// `npm run bench:newsletter`: a newsletter to 10,000 recipients sent by the platform as its own
// process (SQLite, 4 SMTP connections, no pace limit) to an in-process SMTP server (smtp-server),
// counted at that server:
// - messages_per_s: a clean send, from the process being ready to the last copy received;
// - the same send with the process killed (SIGKILL) at 2,000 and 5,000 copies and restarted:
//   duplicates and missing (both must be 0), and the messages per second of the whole, restarts
//   included;
// - the anchor: nodemailer's own pooled SMTP transport (4 connections) sending the same 10,000
//   messages from a process with no database and no outbox: what the exactly-once bookkeeping costs.
// Runs alternate ours and the anchor. Then contacts_search_p95_ms: the contacts search (the query
// the page runs) at 20,000 contacts, over a mix of filters and pages, target ≤ 50 ms.
import { fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, migrateToLatest, type DB } from "../db/connect";
import { importContacts, searchContacts } from "../db/queries/contacts";
import { createNewsletter, startSending } from "../db/queries/newsletters";
import { seedDemoNetwork } from "../db/seed";
import { contactFilterSchema, type ContactFilter } from "../shared/network/contactSearch";
import { startSmtp, type TestSmtp } from "../tests/helpers/smtp";
import { percentile, printTable, Runs, stamp, writeResults } from "./lib/stats";

const recipients = 10_000;
const runs = Number(process.env.BENCH_RUNS ?? 5);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-newsletter-"));

const person = (i: number) => ({ email: `reader.${i}@district.example`, name: `Reader ${i}`, organizationId: null, role: null, region: null, notes: null, tags: ["bench"] });

/** A database with the demo network, 10,000 consenting contacts and a newsletter started to them. */
async function preparedDatabase(name: string): Promise<string> {
  const file = path.join(dir, `${name}.sqlite`);
  const { db } = openDatabase(file);
  await migrateToLatest(db);
  await seedDemoNetwork(db, { onlyIfEmpty: true });
  const by = (await db.selectFrom("users").select("id").where("email", "=", "admin@csl-commons.example").executeTakeFirstOrThrow()).id;
  await importContacts(db, Array.from({ length: recipients }, (_, i) => person(i)), by, { kind: "express", source: "bench sheet", wording: "Yes, send me the newsletter." });
  const id = await createNewsletter(db, { subject: "Across the province", bodyMarkdown: "# News\n\nThree circles meet this month. **Join us.**\n\n- Early years\n- Systems thinking", audience: contactFilterSchema.parse({ tag: "bench" }) }, by);
  await startSending(db, id);
  await db.destroy();
  return file;
}

function startPlatform(file: string, smtp: TestSmtp, port: number): Promise<{ proc: ChildProcess; port: number }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", DATABASE_URL: file, SEED_DEMO: "false", LOG_LEVEL: "error", SMTP_URL: smtp.url, NEWSLETTER_RATE: "10000", NEWSLETTER_CONNECTIONS: "4", NEWSLETTER_LEASE_SECONDS: "2", NEWSLETTER_RETRY_SECONDS: "0.2" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (chunk) => {
      out += chunk;
      const match = /ready at http:\/\/localhost:(\d+)/.exec(out);
      if (match) resolve({ proc, port: Number(match[1]) });
    });
    proc.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function until(condition: () => boolean, timeoutMs = 300_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("benchmark timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

const uniqueReceived = (smtp: TestSmtp) => {
  let n = 0;
  for (let i = 0; i < recipients; i++) if (smtp.countFor(`reader.${i}@district.example`) > 0) n++;
  return n;
};

function tally(smtp: TestSmtp) {
  let duplicates = 0;
  let missing = 0;
  for (let i = 0; i < recipients; i++) {
    const n = smtp.countFor(`reader.${i}@district.example`);
    if (n === 0) missing++;
    duplicates += Math.max(0, n - 1);
  }
  return { duplicates, missing };
}

async function kill(proc: ChildProcess) {
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  proc.kill("SIGKILL");
  await exited;
}

async function ours(run: number): Promise<Record<string, number>> {
  const smtp = await startSmtp();
  const file = await preparedDatabase(`clean-${run}`);
  const platform = await startPlatform(file, smtp, 0);
  const start = performance.now();
  await until(() => smtp.received.length >= recipients);
  const seconds = (performance.now() - start) / 1000;
  await kill(platform.proc);
  const { duplicates, missing } = tally(smtp);
  await smtp.close();
  return { messages_per_s: recipients / seconds, clean_duplicates: duplicates, clean_missing: missing };
}

async function oursWithCrashes(run: number): Promise<Record<string, number>> {
  const smtp = await startSmtp();
  const file = await preparedDatabase(`crash-${run}`);
  const start = performance.now();
  let platform = await startPlatform(file, smtp, 0);
  for (const at of [2_000, 5_000]) {
    await until(() => uniqueReceived(smtp) >= at);
    await kill(platform.proc);
    platform = await startPlatform(file, smtp, platform.port);
  }
  await until(() => uniqueReceived(smtp) >= recipients);
  const seconds = (performance.now() - start) / 1000;
  // Anything still to arrive (a duplicate in flight) would come within this pause.
  await new Promise((r) => setTimeout(r, 500));
  await kill(platform.proc);
  const { duplicates, missing } = tally(smtp);
  await smtp.close();
  return { duplicates, missing, crash_run_messages_per_s: recipients / seconds };
}

async function anchor(): Promise<Record<string, number>> {
  const smtp = await startSmtp();
  const child = fork(path.resolve("bench/newsletter/anchor.ts"), [], { execArgv: ["--import", "tsx"], env: { ...process.env, SMTP_URL: smtp.url, RECIPIENTS: String(recipients) } });
  await new Promise<void>((resolve) => child.once("message", () => resolve()));
  const start = performance.now();
  child.send("go");
  await until(() => smtp.received.length >= recipients);
  const seconds = (performance.now() - start) / 1000;
  await new Promise((resolve) => child.once("exit", resolve));
  const { duplicates, missing } = tally(smtp);
  await smtp.close();
  return { anchor_nodemailer_pool_messages_per_s: recipients / seconds, anchor_duplicates: duplicates, anchor_missing: missing };
}

/** The contacts search at 20,000 contacts: organizations of every type, tags, regions, some members. */
async function searchFigures(): Promise<Record<string, number>> {
  const file = path.join(dir, "search.sqlite");
  const { db } = openDatabase(file);
  await migrateToLatest(db);
  await seedDemoNetwork(db, { onlyIfEmpty: true });
  const by = (await db.selectFrom("users").select("id").where("email", "=", "admin@csl-commons.example").executeTakeFirstOrThrow()).id;
  const organizations = (await db.selectFrom("organizations").select("id").execute()).map((o) => o.id);
  const regions = ["Vancouver Island", "Kootenays", "Metro Vancouver", "North", "Okanagan"];
  const tags = ["sey2kt", "early years", "mentor", "trustee", "principal", "counsellor"];
  const contacts = Array.from({ length: 20_000 }, (_, i) => ({
    email: `contact.${i}@school${i % 300}.example`,
    name: `${["Ada", "Bea", "Cal", "Dev", "Eli", "Fay", "Gus", "Hana"][i % 8]} ${["Okafor", "Sandhu", "Reyes", "Bergström", "Nguyen", "Thompson"][i % 6]} ${i}`,
    organizationId: organizations[i % organizations.length],
    role: ["Teacher", "Principal", "Helping teacher", "Director"][i % 4],
    region: regions[i % regions.length],
    notes: null,
    tags: [tags[i % tags.length], tags[(i * 7) % tags.length]],
  }));
  await importContacts(db, contacts, by, { kind: "express", source: "bench sheet", wording: "Yes." });
  const filters: [ContactFilter, number][] = [
    [contactFilterSchema.parse({}), 1],
    [contactFilterSchema.parse({}), 200],
    [contactFilterSchema.parse({ q: "sandhu" }), 1],
    [contactFilterSchema.parse({ q: "school12" }), 1],
    [contactFilterSchema.parse({ tag: "sey2kt" }), 3],
    [contactFilterSchema.parse({ region: "North", type: "school-district" }), 1],
    [contactFilterSchema.parse({ sey2kt: true }), 1],
    [contactFilterSchema.parse({ people: "members" }), 1],
    [contactFilterSchema.parse({ role: "principal", tag: "mentor" }), 2],
  ];
  const times: number[] = [];
  for (let round = 0; round < 25; round++) {
    for (const [filter, page] of filters) {
      const start = performance.now();
      await searchContacts(db as DB, filter, page, 50);
      times.push(performance.now() - start);
    }
  }
  await db.destroy();
  return { contacts_search_p95_ms: percentile(times, 95), contacts_search_p50_ms: percentile(times, 50), contacts_searched: 20_000 };
}

const all = new Runs();
for (let run = 0; run < runs; run++) {
  const figures = { ...(await ours(run)), ...(await anchor()), ...(await oursWithCrashes(run)) };
  all.add(figures);
  console.log(`run ${run + 1}/${runs}: ${Math.round(figures.messages_per_s)} messages/s (anchor ${Math.round(figures.anchor_nodemailer_pool_messages_per_s)}); with two crashes ${figures.duplicates} duplicates, ${figures.missing} missing`);
}
for (let run = 0; run < runs; run++) all.add(await searchFigures());
fs.rmSync(dir, { recursive: true, force: true });
const figures = { ...stamp(runs), recipients, ...all.summary() };
const file = writeResults("newsletter", figures);
printTable(`Newsletter sending (10,000 recipients, SQLite, 4 SMTP connections) and the contacts search at 20,000; medians of ${runs} runs, with min and max`, figures);
console.log(`\nwritten to ${file}`);
