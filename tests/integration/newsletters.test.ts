// Newsletters against a started server and a real SMTP server (SQLite, and PostgreSQL in CI):
// compose with a sanitized preview, the audience only of people with live consent, a test copy,
// the send through the delivery outbox with retries and failures in the server's words, the
// one-click unsubscribe by a bare POST (RFC 8058), pause and resume, the public archive, and two
// nodes sending one newsletter at once without a copy twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";
import { startSmtp, type TestSmtp } from "../helpers/smtp";
import { openTestDatabase, type TestDatabase } from "../helpers/databases";
import { until } from "../helpers/wait";
import { consentOf, importContacts, recordConsent, saveContact } from "../../db/queries/contacts";
import { createNewsletter, deliveryCounts, startSending } from "../../db/queries/newsletters";
import { unsubscribeKey, unsubscribeToken } from "../../server/mail/unsubscribeTokens";
import type { Dialect } from "../../db/connect";
import type { DB } from "../../db/connect";

const publicUrl = "https://csl.example.org";
let smtp: TestSmtp;
let server: TestServer;
let admin: Visitor;
let busyRefusals = 0;

beforeAll(async () => {
  smtp = await startSmtp({
    refuse: (address) => {
      if (address.startsWith("refused.")) return { code: 550, message: "5.1.1 No such mailbox here" };
      if (address.startsWith("busy.") && busyRefusals < 2) {
        busyRefusals++;
        return { code: 451, message: "4.3.0 Mailbox busy, try again later" };
      }
      return null;
    },
  });
  server = await startTestServer({ env: { SMTP_URL: smtp.url, PUBLIC_URL: publicUrl, NEWSLETTER_RATE: "1000", NEWSLETTER_RETRY_SECONDS: "0.2" } });
  admin = new Visitor(server.url);
  await admin.signIn("admin@csl-commons.example");
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const contactId = async (db: DB, email: string) => (await db.selectFrom("contacts").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
const yearsAgo = (years: number) => new Date(Date.now() - years * 365.25 * 24 * 3600_000).toISOString();
const unfolded = (body: string) => body.replace(/=\r?\n/g, "").replace(/\r?\n[ \t]+/g, " ");
const header = (body: string, name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(unfolded(body).split(/\r?\n\r?\n/)[0])?.[1];
/** What typed HTML could do if it survived as markup (as text, escaped, it is harmless). */
const harmful = /<script>alert|<iframe|<img[^>]*onerror|href="?javascript:/i;
const tokenIn = (body: string) => /<https:\/\/csl\.example\.org\/unsubscribe\/([^>]+)>/.exec(header(body, "List-Unsubscribe") ?? "")?.[1];

async function newsletterAt(subject: string): Promise<string> {
  const made = await admin.post("/network/newsletters", { subject });
  expect(made.status).toBe(302);
  return made.location!;
}

describe("newsletters", () => {
  let page: string;
  let newsletterId: string;

  it("sends to the people with live consent only, with the body made harmless, retrying and failing in the server's words", async () => {
    const { db } = server.services;
    const tagged = (email: string, name: string) => ({ email, name, organizationId: null, role: null, region: null, notes: null, tags: ["spring-letter"] });
    for (const [email, name] of [
      ["ada.express@school.example", "Ada Express"],
      ["busy.mailbox@school.example", "Bea Busy"],
      ["refused.mailbox@school.example", "Ray Refused"],
    ]) {
      const { id } = await saveContact(db, tagged(email, name), null);
      await recordConsent(db, { contactId: id, kind: "express", method: "staff", source: "asked at the Summer Institute", wording: "Yes, send me the newsletter." });
    }
    const expired = await saveContact(db, tagged("old.event@school.example", "Otto Oldevent"), null);
    await recordConsent(db, { contactId: expired.id, kind: "implied-event", method: "event", source: "Growing Capacity 2023", at: yearsAgo(3) });
    const gone = await saveContact(db, tagged("gone@school.example", "Gwen Gone"), null);
    await recordConsent(db, { contactId: gone.id, kind: "express", method: "staff", source: "asked", wording: "Yes, send me the newsletter.", at: yearsAgo(1) });
    await recordConsent(db, { contactId: gone.id, kind: "unsubscribe", method: "staff", source: "asked by phone" });
    await saveContact(db, tagged("never.asked@school.example", "Nell Neverasked"), null);

    page = await newsletterAt("Spring in the network");
    newsletterId = page.split("/").at(-1)!;
    const body = [
      "# Spring gatherings",
      "",
      "Join the **provincial circle** on [the platform](https://csl.example.org/communities).",
      "",
      "<script>alert('x')</script> <iframe src=\"https://evil.example\"></iframe>",
      "[click](javascript:alert(1)) <img src=x onerror=alert(1)>",
    ].join("\n");
    const saved = await admin.post(page, { intent: "save", subject: "Spring in the network", body, tag: "spring-letter" });
    expect(saved.status).toBe(200);
    const editor = await admin.page(page);
    expect(editor.html).toContain("<h1>Spring gatherings</h1>");
    expect(editor.html).not.toMatch(harmful);
    expect(visibleText(editor.html)).toContain("3 of the 6 people chosen may be sent it now (live consent).");

    // A test copy to oneself, before anything goes out.
    expect(visibleText((await admin.post(page, { intent: "test", subject: "Spring in the network", body, tag: "spring-letter" })).html)).toContain("A test copy is on its way to admin@csl-commons.example");
    await until(() => smtp.countFor("admin@csl-commons.example") === 1, "the test copy");
    expect(header(smtp.received.find((m) => m.to.includes("admin@csl-commons.example"))!.body, "Subject")).toBe("[Test] Spring in the network");

    expect((await admin.post(page, { intent: "send", subject: "Spring in the network", body, tag: "spring-letter" })).status).toBe(400);
    expect((await admin.post(page, { intent: "send", confirmed: "yes", subject: "Spring in the network", body, tag: "spring-letter" })).status).toBe(302);
    await until(async () => (await db.selectFrom("newsletters").select("status").where("id", "=", newsletterId).executeTakeFirstOrThrow()).status === "sent", "the newsletter to be sent", 15_000);

    expect(smtp.countFor("ada.express@school.example")).toBe(1);
    expect(smtp.countFor("busy.mailbox@school.example")).toBe(1);
    for (const nobody of ["refused.mailbox@school.example", "old.event@school.example", "gone@school.example", "never.asked@school.example"]) expect(smtp.countFor(nobody)).toBe(0);
    expect(await deliveryCounts(db, newsletterId)).toEqual({ queued: 0, sent: 2, failed: 1, withdrawn: 0, unsubscribed: 0, unsubscribedSince: 0 });
    const busy = await db.selectFrom("newsletter_deliveries").select(["attempts", "status"]).where("email", "=", "busy.mailbox@school.example").executeTakeFirstOrThrow();
    expect(busy).toEqual({ attempts: 2, status: "sent" });

    const report = visibleText((await admin.page(page)).html);
    expect(report).toContain("Not delivered, with the mail server's reply");
    expect(report).toMatch(/Ray Refused &lt;refused\.mailbox@school\.example&gt; 1 550 5\.1\.1 No such mailbox here/);

    const copy = smtp.received.find((m) => m.to.includes("ada.express@school.example"))!.body;
    expect(header(copy, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(tokenIn(copy)).toMatch(/^[a-z2-9]{16}\.[A-Za-z0-9_-]{43}$/);
    expect(header(copy, "Message-ID")).toMatch(/^<[a-z2-9]{16}\.newsletter@csl\.example\.org>$/);
    expect(unfolded(copy)).toContain(`${publicUrl}/newsletters/${newsletterId}`);
    const htmlPart = unfolded(copy).split("Content-Type: text/html")[1].replace(/=3D/g, "=");
    expect(htmlPart).toContain("<strong>provincial circle</strong>");
    expect(htmlPart).not.toMatch(harmful);

    // The public archive and web version, without signing in; a draft is not public.
    const visitor = new Visitor(server.url);
    expect(visibleText((await visitor.page("/newsletters")).html)).toContain("Spring in the network");
    const web = await visitor.page(`/newsletters/${newsletterId}`);
    expect(web.status).toBe(200);
    expect(web.html).toContain("<strong>provincial circle</strong>");
    expect(web.html).not.toMatch(harmful);
    const draft = (await newsletterAt("Not yet written")).split("/").at(-1)!;
    expect((await visitor.page(`/newsletters/${draft}`)).status).toBe(404);
    // Members may not see any of it.
    const member = new Visitor(server.url);
    await member.signIn("member@csl-commons.example");
    expect((await member.page(page)).status).toBe(403);
    expect((await member.page("/network/newsletters")).status).toBe(403);
    expect((await member.post(page, { intent: "pause" })).status).toBe(403);
  }, 30_000);

  it("unsubscribes by a bare POST with no login and no cookie; a used or forged token is refused in the same words", async () => {
    const { db } = server.services;
    const copy = smtp.received.find((m) => m.to.includes("ada.express@school.example"))!.body;
    const token = tokenIn(copy)!;
    const oneClick = () => fetch(`${server.url}/unsubscribe/${token}`, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "Mail provider one-click" } });
    const first = await oneClick();
    expect(first.status).toBe(200);
    expect(visibleText(await first.text())).toContain("You are unsubscribed");
    const ada = await contactId(db, "ada.express@school.example");
    expect(await consentOf(db, ada)).toMatchObject({ live: false, reason: "unsubscribed" });
    const row = await db.selectFrom("consents").selectAll().where("contact_id", "=", ada).where("kind", "=", "unsubscribe").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ method: "unsubscribe-link", source: "Unsubscribe link in the newsletter “Spring in the network”", user_agent: "Mail provider one-click" });
    expect(await deliveryCounts(db, newsletterId)).toMatchObject({ unsubscribed: 1, unsubscribedSince: 1 });

    const again = await oneClick();
    const forged = await fetch(`${server.url}/unsubscribe/${token.slice(0, -4)}AAAA`, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } });
    const nonsense = await fetch(`${server.url}/unsubscribe/whatever`, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } });
    const texts = await Promise.all([again, forged, nonsense].map(async (r) => [r.status, visibleText(await r.text()).replace(/.*<title>|Unsubscribe · CSL Commons/g, "")]));
    expect(texts.map((t) => t[0])).toEqual([404, 404, 404]);
    expect(new Set(texts.map((t) => t[1])).size).toBe(1);
    expect(await db.selectFrom("consents").select("id").where("contact_id", "=", ada).where("kind", "=", "unsubscribe").execute()).toHaveLength(1);
    // Opening a used link in a browser says the same.
    expect(visibleText((await new Visitor(server.url).page(`/unsubscribe/${token}`)).html)).toContain("This link cannot be used: it was used already, or is not one we sent.");
  });

  it("pauses at once and resumes; an unsubscribe while paused withdraws that person's copy", async () => {
    // A node sending at 40 a second, so that the pause lands in the middle.
    const slow = await startTestServer({ env: { SMTP_URL: smtp.url, PUBLIC_URL: publicUrl, NEWSLETTER_RATE: "40" } });
    try {
      const { db } = slow.services;
      const coordinator = new Visitor(slow.url);
      await coordinator.signIn("admin@csl-commons.example");
      const people = Array.from({ length: 150 }, (_, i) => ({ email: `pause.${i}@district.example`, name: `Pause ${i}`, organizationId: null, role: null, region: null, notes: null, tags: ["pause-test"] }));
      await importContacts(db, people, (await db.selectFrom("users").select("id").where("email", "=", "admin@csl-commons.example").executeTakeFirstOrThrow()).id, { kind: "express", source: "test sheet", wording: "Yes, send me the newsletter." });
      const at = (await coordinator.post("/network/newsletters", { subject: "Paused letter" })).location!;
      const id = at.split("/").at(-1)!;
      expect((await coordinator.post(at, { intent: "send", confirmed: "yes", subject: "Paused letter", body: "Hello.", tag: "pause-test" })).status).toBe(302);
      const received = () => people.filter((p) => smtp.countFor(p.email) > 0).length;
      await until(() => received() >= 10, "the first copies");
      expect((await coordinator.post(at, { intent: "pause" })).status).toBe(302);
      // A later permitted event: a test copy of another newsletter goes out while this one is paused.
      const other = (await coordinator.post("/network/newsletters", { subject: "Another" })).location!;
      await coordinator.post(other, { intent: "test", subject: "Another", body: "Test." });
      await until(() => smtp.received.some((m) => header(m.body, "Subject") === "[Test] Another"), "the later test copy");
      const atPause = received();
      const counts = await deliveryCounts(db, id);
      expect(counts.sent).toBe(atPause);
      expect(counts.queued).toBe(150 - atPause);
      expect(atPause).toBeLessThan(150);

      // While paused, one waiting person unsubscribes through a copy's link (theirs was not sent).
      const waiting = await db.selectFrom("newsletter_deliveries").select(["id", "email"]).where("newsletter_id", "=", id).where("status", "=", "queued").executeTakeFirstOrThrow();
      const token = unsubscribeToken(await unsubscribeKey(db), waiting.id);
      expect((await fetch(`${slow.url}/unsubscribe/${token}`, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(200);
      expect((await coordinator.post(at, { intent: "resume" })).status).toBe(302);
      await until(async () => (await db.selectFrom("newsletters").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status === "sent", "the rest to be sent", 20_000);
      expect(people.map((p) => smtp.countFor(p.email)).filter((n) => n > 1)).toEqual([]);
      expect(smtp.countFor(waiting.email)).toBe(0);
      expect(received()).toBe(149);
      expect(await deliveryCounts(db, id)).toEqual({ queued: 0, sent: 149, failed: 0, withdrawn: 1, unsubscribed: 1, unsubscribedSince: 1 });
    } finally {
      await slow.stop();
    }
  }, 40_000);
});

describe("when the mail server is down", () => {
  it("retries each copy with a growing wait, then fails it with the reason, while the pages keep answering", async () => {
    // A port nobody listens on.
    const down = await startTestServer({ env: { SMTP_URL: "smtp://127.0.0.1:9", NEWSLETTER_RETRY_SECONDS: "0.1" } });
    try {
      const { db } = down.services;
      const by = (await db.selectFrom("users").select("id").where("email", "=", "admin@csl-commons.example").executeTakeFirstOrThrow()).id;
      const people = Array.from({ length: 3 }, (_, i) => ({ email: `down.${i}@district.example`, name: `Down ${i}`, organizationId: null, role: null, region: null, notes: null, tags: ["down"] }));
      await importContacts(db, people, by, { kind: "express", source: "test sheet", wording: "Yes, send me the newsletter." });
      const id = await createNewsletter(db, { subject: "Nowhere", bodyMarkdown: "Hello.", audience: { q: "", tag: "down", region: "", type: "", sey2kt: false, people: "", community: "", role: "" } }, by);
      expect(await startSending(db, id)).toBe(3);
      down.services.newsletters!.wake();
      const coordinator = new Visitor(down.url);
      await coordinator.signIn("admin@csl-commons.example");
      expect((await coordinator.page(`/network/newsletters/${id}`)).status).toBe(200);
      await until(async () => (await deliveryCounts(db, id)).failed === 3, "every copy to fail", 20_000);
      const failed = await db.selectFrom("newsletter_deliveries").select(["attempts", "last_reply"]).where("newsletter_id", "=", id).execute();
      expect(failed.every((f) => f.attempts === 6 && /ECONNREFUSED/.test(f.last_reply ?? ""))).toBe(true);
      await until(async () => (await db.selectFrom("newsletters").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status === "sent", "the newsletter to be done");
      expect(visibleText((await coordinator.page(`/network/newsletters/${id}`)).html)).toMatch(/Failed 3 .*ECONNREFUSED/);
    } finally {
      await down.stop();
    }
  }, 40_000);
});

describe("a scheduled newsletter", () => {
  it("is scheduled in Pacific Time from the form, and goes out by itself when its time comes", async () => {
    const { db } = server.services;
    const at = await newsletterAt("Scheduled letter");
    const id = at.split("/").at(-1)!;
    const local = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const scheduled = await admin.post(at, { intent: "schedule", subject: "Scheduled letter", body: "Soon.", tag: "spring-letter", when: `${local}T09:00` });
    expect(scheduled.status).toBe(302);
    const row = await db.selectFrom("newsletters").select(["status", "scheduled_for"]).where("id", "=", id).executeTakeFirstOrThrow();
    // 9:00 Pacific Time is 16:00 UTC all year since British Columbia's move to permanent UTC−7.
    expect(row).toEqual({ status: "scheduled", scheduled_for: `${local}T16:00:00.000Z` });
    expect(visibleText((await admin.page(at)).html)).toContain("to be sent");
    expect((await admin.post(at, { intent: "schedule", subject: "Scheduled letter", body: "Soon.", when: "2020-01-01T09:00" })).status).toBe(400);
    // Its time comes (moved to the past here): the sender starts it once and sends it.
    const before = smtp.countFor("busy.mailbox@school.example");
    await db.updateTable("newsletters").set({ scheduled_for: new Date(Date.now() - 1000).toISOString() }).where("id", "=", id).execute();
    server.services.newsletters!.wake();
    await until(async () => (await db.selectFrom("newsletters").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status === "sent", "the scheduled newsletter to go out", 10_000);
    expect(smtp.countFor("busy.mailbox@school.example")).toBe(before + 1);
    expect(smtp.countFor("ada.express@school.example")).toBe(1); // unsubscribed since the first one
  });
});

// Several nodes need PostgreSQL (one SQLite file has one writer process); runs where it is set up.
describe.skipIf(!process.env.TEST_DATABASE_URL)("two nodes sending one newsletter (PostgreSQL)", () => {
  const dialect: Dialect = "postgres";
  let shared: TestDatabase;
  const nodes: TestServer[] = [];
  let mail: TestSmtp;

  beforeAll(async () => {
    mail = await startSmtp();
    shared = await openTestDatabase(dialect);
    for (let i = 0; i < 2; i++) {
      nodes.push(await startTestServer({ databaseUrl: shared.url, databaseSchema: shared.schema, env: { SMTP_URL: mail.url, NEWSLETTER_RATE: "2000", NEWSLETTER_CONNECTIONS: "3" } }));
    }
  });
  afterAll(async () => {
    for (const node of nodes) await node.stop();
    await shared?.close();
    await mail?.close();
  });

  it("never sends a copy twice while both claim from the same outbox, and both start it at once only once", async () => {
    const { db } = nodes[0].services;
    const by = (await db.selectFrom("users").select("id").where("email", "=", "admin@csl-commons.example").executeTakeFirstOrThrow()).id;
    const people = Array.from({ length: 600 }, (_, i) => ({ email: `both.${i}@district.example`, name: `Both ${i}`, organizationId: null, role: null, region: null, notes: null, tags: ["both-nodes"] }));
    await importContacts(db, people, by, { kind: "express", source: "test sheet", wording: "Yes, send me the newsletter." });
    const id = await createNewsletter(db, { subject: "From two nodes", bodyMarkdown: "Hello from both.", audience: { q: "", tag: "both-nodes", region: "", type: "", sey2kt: false, people: "", community: "", role: "" } }, by);
    const starts = await Promise.all(nodes.map((node) => startSending(node.services.db, id)));
    expect(starts.filter((s) => s !== null)).toEqual([600]);
    for (const node of nodes) node.services.newsletters!.wake();
    await until(async () => (await deliveryCounts(db, id)).sent === 600, "every copy", 30_000);
    await until(() => people.every((p) => mail.countFor(p.email) >= 1), "every copy at the server", 10_000);
    expect(people.filter((p) => mail.countFor(p.email) !== 1)).toEqual([]);
    const senders = await db.selectFrom("newsletter_deliveries").select("claimed_by").distinct().where("newsletter_id", "=", id).execute();
    expect(senders.length).toBeGreaterThan(1);
  }, 60_000);
});
