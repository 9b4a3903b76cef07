// The reflective journal, on SQLite and PostgreSQL: only its author reads an entry (an admin, the
// community's facilitator and another member get 404 for its page, find nothing with its words and
// export none of it); a copy of the database (the SQLite file and its WAL; pg_dump) holds none of
// the canary phrases written into journals; entries take any characters up to the limit; and the
// server key rotates without losing a word.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connect";
import { randomString } from "../../shared/ids";
import { dialects, sqliteFile } from "../helpers/databases";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";

const sam = "member@csl-commons.example";
const others = ["admin@csl-commons.example", "daniel.okafor@csl-commons.example", "lena.fischer@csl-commons.example"];
const url = process.env.TEST_DATABASE_URL;

/** Writes an entry as a person would, through the form; returns its id. */
async function write(person: Visitor, text: string, extra: Record<string, string> = {}): Promise<string> {
  const saved = await person.post("/journal", { date: "2026-12-07", domain: "self", prompt: "What did you notice in yourself today?", text, ...extra });
  expect(saved.status).toBe(302);
  return saved.location!.split("/").pop()!.split("?")[0];
}

describe.each(dialects)("the reflective journal, on %s", (dialect) => {
  let server: TestServer;
  const schema = `journal_${randomString(8)}`;
  const admin = dialect === "postgres" ? openDatabase(url!).db : null;
  const file = sqliteFile();
  const canaries = [`canary-${randomString(12)}`, `Réflexion-${randomString(12)}`, `カナリア${randomString(8)}`];

  beforeAll(async () => {
    if (admin) await sql`create schema ${sql.id(schema)}`.execute(admin);
    server = await startTestServer(admin ? { databaseUrl: url!, databaseSchema: schema } : { databaseUrl: file });
  });
  afterAll(async () => {
    await server?.stop();
    if (admin) {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    }
  });

  it("lets only its author read, find and export an entry", async () => {
    const author = new Visitor(server.url);
    await author.signIn(sam);
    const id = await write(author, `Today I noticed ${canaries[0]} in the circle.\nAnd ${canaries[1]} after.`);
    const page = visibleText((await author.page(`/journal/${id}`)).html);
    expect(page).toContain(canaries[0]);
    expect(page).toContain("What did you notice in yourself today?");
    // Search folds case and accents.
    expect(visibleText((await author.page(`/journal?q=${encodeURIComponent(canaries[1].toLowerCase().replace("é", "e"))}`)).html)).toContain(canaries[0]);
    expect(visibleText((await author.page("/journal?q=nowhere-to-be-found")).html)).toContain("No entry holds");
    const own = await author.get("/journal/export.md");
    expect(own.headers.get("content-type")).toContain("text/markdown");
    expect(await own.text()).toContain(canaries[0]);

    for (const email of others) {
      const other = new Visitor(server.url);
      await other.signIn(email);
      expect((await other.page(`/journal/${id}`)).status).toBe(404);
      expect((await other.post(`/journal/${id}`, { intent: "save", date: "2026-12-07", domain: "", prompt: "", text: "overwritten" })).status).toBe(404);
      expect((await other.post(`/journal/${id}`, { intent: "delete", confirmed: "yes" })).status).toBe(404);
      expect(visibleText((await other.page(`/journal?q=${canaries[0]}`)).html)).not.toContain(canaries[0]);
      expect(await (await other.get("/journal/export.md")).text()).not.toContain(canaries[0]);
    }
    // Still the author's, unchanged.
    expect(visibleText((await author.page(`/journal/${id}`)).html)).toContain(canaries[0]);
  });

  it("takes any characters up to its limit, and refuses an empty or too long entry in words", async () => {
    const author = new Visitor(server.url);
    await author.signIn("grace.chen@csl-commons.example");
    const anything = `👩🏽‍🏫 نصٌّ עברית 中文 ${canaries[2]} <script>alert(1)</script> \u200f\t"quotes" & ampersands`;
    const id = await write(author, anything);
    const page = await author.page(`/journal/${id}`);
    expect(page.html).not.toContain("<script>alert(1)</script>");
    expect(visibleText(page.html)).toContain(canaries[2]);
    const empty = await author.post("/journal", { date: "2026-12-07", domain: "", prompt: "", text: "   " });
    expect(empty.status).toBe(400);
    expect(visibleText(empty.html)).toContain("Write something first");
    const long = await author.post("/journal", { date: "2026-12-07", domain: "", prompt: "", text: "x".repeat(20_001) });
    expect(long.status).toBe(400);
    expect(visibleText(long.html)).toContain("at most 20,000 characters");
    expect((await author.post("/journal", { date: "2026-12-07", domain: "", prompt: "", text: "é".repeat(20_000) })).status).toBe(302);
    expect((await author.post("/journal", { date: "yesterday", domain: "", prompt: "", text: "x" })).status).toBe(400);
    expect((await author.post("/journal", { date: "2026-12-07", domain: "everything", prompt: "", text: "x" })).status).toBe(400);
  });

  it("keeps no readable word of a journal in a copy of the database", async () => {
    let dump: Buffer;
    if (dialect === "sqlite") {
      // The file and its write-ahead log, as a backup or a stolen copy would hold them.
      dump = Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    } else {
      dump = execFileSync("pg_dump", ["--dbname", url!, "--schema", schema, "--no-owner"], { maxBuffer: 256 * 1024 * 1024 });
    }
    expect(dump.length).toBeGreaterThan(10_000);
    // The dump does hold the people: it is a real copy.
    expect(dump.includes(Buffer.from(sam))).toBe(true);
    for (const canary of canaries) {
      for (const encoding of ["utf8", "utf16le"] as const) expect(dump.includes(Buffer.from(canary, encoding))).toBe(false);
    }
    expect(dump.includes(Buffer.from("What did you notice in yourself today?"))).toBe(false);
  });
});

describe("rotating the journal's server key", () => {
  it("reads every entry under the new key, once the old key's seals are replaced", async () => {
    const file = sqliteFile();
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    const phrase = `rotation-${randomString(10)}`;
    const start = (env: Record<string, string>) => startTestServer({ databaseUrl: file, env });
    const readAs = async (server: TestServer, email: string) => {
      const person = new Visitor(server.url);
      await person.signIn(email);
      return visibleText((await person.page("/journal")).html);
    };

    let server = await start({ JOURNAL_KEY: oldKey });
    for (const email of [sam, "lena.fischer@csl-commons.example"]) {
      const person = new Visitor(server.url);
      await person.signIn(email);
      await write(person, `${phrase} by ${email}`);
    }
    await server.stop();

    // The new key, with the old one still known: everything opens; Sam's key is resealed as Sam reads.
    server = await start({ JOURNAL_KEY: newKey, JOURNAL_KEYS_PREVIOUS: oldKey });
    expect(await readAs(server, sam)).toContain(`${phrase} by ${sam}`);
    // The rest are resealed at once (npm run journal:reseal does this).
    expect(await server.services.journal.resealAll()).toBe(1);
    expect(await server.services.journal.resealAll()).toBe(0);
    await server.stop();

    // The old key forgotten: nothing was sealed with it any more.
    server = await start({ JOURNAL_KEY: newKey });
    expect(await readAs(server, sam)).toContain(`${phrase} by ${sam}`);
    expect(await readAs(server, "lena.fischer@csl-commons.example")).toContain(`${phrase} by lena.fischer@csl-commons.example`);
    await server.stop();

    // Without the right key, a journal does not open: the page fails rather than showing anything.
    server = await start({ JOURNAL_KEY: oldKey });
    const person = new Visitor(server.url);
    await person.signIn(sam);
    const page = await person.page("/journal");
    expect(page.status).toBe(500);
    expect(page.html).not.toContain(phrase);
    await server.stop();
  });
});
