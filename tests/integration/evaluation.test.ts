// Evaluation surveys end to end, on SQLite and PostgreSQL, against a started server and a real SMTP
// server: a coordinator makes an anonymous before-and-after survey for an event's 40 registrants
// in four districts (15, 12, 10 and 3 people); invitations and one reminder go out once each, even
// asked for twice at once; people answer through their links, keep codes, lose one, answer twice at
// once (one answer stored); answers outside their scale or meant for another survey are refused;
// the report pairs the codes, and small-group protection holds on every report, filter, breakdown
// and export: an automated differencing attack over every filter recovers no group of fewer than 10.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connect";
import { randomString } from "../../shared/ids";
import { dialects, sqliteFile } from "../helpers/databases";
import { startSmtp, type TestSmtp } from "../helpers/smtp";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";
import { until } from "../helpers/wait";

const url = process.env.TEST_DATABASE_URL;
const publicUrl = "https://csl.example.org";
const tooFew = "Too few responses to show (fewer than 10).";
const districts = [
  { name: "SD 36 Surrey", people: 15 },
  { name: "SD 39 Vancouver", people: 12 },
  { name: "SD 61 Greater Victoria", people: 10 },
  { name: "SD 5 Southeast Kootenay", people: 3 },
];
const people = districts.flatMap((d, g) => Array.from({ length: d.people }, (_, i) => ({ email: `p${g}-${i}@school.example`, name: `Person ${g}-${i}`, district: d.name })));

const unfolded = (body: string) => body.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
const linksTo = (smtp: TestSmtp, address: string): string[] =>
  smtp.received
    .filter((m) => m.to.includes(address))
    .map((m) => /https:\/\/csl\.example\.org(\/surveys\/[a-z2-9]{32})/.exec(unfolded(m.body))?.[1])
    .filter((link): link is string => link !== undefined);

/** Rank of integer rows (fraction-free elimination). */
function rank(rows: bigint[][]): number {
  const m = rows.map((r) => [...r]);
  let rk = 0;
  for (let col = 0; col < (m[0]?.length ?? 0) && rk < m.length; col++) {
    const pivot = m.findIndex((row, i) => i >= rk && row[col] !== 0n);
    if (pivot < 0) continue;
    [m[rk], m[pivot]] = [m[pivot], m[rk]];
    for (let i = 0; i < m.length; i++) if (i !== rk && m[i][col] !== 0n) m[i] = m[i].map((v, j) => v * m[rk][col] - m[rk][j] * m[i][col]);
    rk++;
  }
  return rk;
}

describe.each(dialects)("evaluation surveys, on %s", (dialect) => {
  let server: TestServer;
  let smtp: TestSmtp;
  let coordinator: Visitor;
  let surveyPath = "";
  const schema = `evaluation_${randomString(8)}`;
  const admin = dialect === "postgres" ? openDatabase(url!).db : null;

  beforeAll(async () => {
    if (admin) await sql`create schema ${sql.id(schema)}`.execute(admin);
    smtp = await startSmtp();
    const env = { SMTP_URL: smtp.url, PUBLIC_URL: publicUrl };
    server = await startTestServer(admin ? { databaseUrl: url!, databaseSchema: schema, env } : { databaseUrl: sqliteFile(), env });
    coordinator = new Visitor(server.url);
    await coordinator.signIn("admin@csl-commons.example");
    const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const made = await coordinator.post("/network/events", { title: "Foundations of CSL", description: "", start: `${day}T09:00`, end: `${day}T15:00`, mode: "online", venue: "", videoUrl: "", closes: "", capacity: "60", hours: "6", fee: "0", audience: "" });
    expect(made.status).toBe(302);
    for (const [i, p] of people.entries()) {
      const r = await new Visitor(server.url).post(made.location!, { name: p.name, email: p.email, organization: p.district, role: "Teacher", district: "", website: "" }, { "x-forwarded-for": `10.1.0.${i}` });
      expect(visibleText(r.html)).toContain("You are registered.");
    }
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
    if (admin) {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    }
  });

  it("is made by a coordinator and kept from members; its questions are checked", async () => {
    const { db } = server.services;
    const event = await db.selectFrom("events").select("id").where("title", "=", "Foundations of CSL").executeTakeFirstOrThrow();
    const member = new Visitor(server.url);
    await member.signIn("member@csl-commons.example");
    expect((await member.page("/evaluation")).status).toBe(403);
    const low = await coordinator.post("/evaluation", { title: "Foundations: before and after", intro: "", design: "pre-post", anonymity: "anonymous", audience: `event:${event.id}`, threshold: "3" });
    expect(visibleText(low.html)).toContain("Never fewer than 5");
    const made = await coordinator.post("/evaluation", { title: "Foundations: before and after", intro: "Ten minutes, before and after the day.", design: "pre-post", anonymity: "anonymous", audience: `event:${event.id}`, threshold: "10" });
    expect(made.status).toBe(302);
    surveyPath = made.location!;
    expect((await member.page(surveyPath)).status).toBe(403);
    expect((await member.page(`${surveyPath}/report`)).status).toBe(403);
    expect((await member.page(`${surveyPath}/research.csv`)).status).toBe(403);
    const noDomain = await coordinator.post(surveyPath, { intent: "add-item", kind: "likert", prompt: "I pause.", domain: "" });
    expect(visibleText(noDomain.html)).toContain("Choose the domain this statement is about.");
    const oneChoice = await coordinator.post(surveyPath, { intent: "add-item", kind: "choice", prompt: "Your role", choices: "Teacher" });
    expect(visibleText(oneChoice.html)).toContain("Give at least two choices");
    expect((await coordinator.post(surveyPath, { intent: "template" })).status).toBe(200);
    expect((await coordinator.post(surveyPath, { intent: "add-item", kind: "number", prompt: "Years in education", min: "0", max: "50", domain: "" })).status).toBe(200);
    expect(visibleText((await coordinator.page(surveyPath)).html)).toContain("Questions (11)");
  });

  it("invites each registrant once, even when the round is opened twice at once", async () => {
    const opened = await Promise.all([coordinator.post(surveyPath, { intent: "open", round: "pre" }), coordinator.post(surveyPath, { intent: "open", round: "pre" })]);
    expect(opened.map((o) => o.status)).toEqual([200, 200]);
    await until(() => people.every((p) => linksTo(smtp, p.email).length === 1), "every registrant to get one invitation");
    await server.services.mailer.settle();
    expect(people.map((p) => linksTo(smtp, p.email).length)).toEqual(people.map(() => 1));
    // The questions are fixed once people are invited.
    expect((await coordinator.post(surveyPath, { intent: "template" })).status).toBe(409);
  });

  /** Answers one person's survey: `level` 1–5 for every statement, their pairing choice, consent. */
  async function answer(link: string, level: (itemIndex: number) => number, pairing: Record<string, string>, consent = "yes") {
    const visitor = new Visitor(server.url);
    const form = await visitor.page(link);
    const names = [...form.html.matchAll(/name="(item-[a-z2-9]{16}-(?:now|then))"/g)].map((m) => m[1]);
    const unique = [...new Set(names)];
    const fields: Record<string, string> = { consent, ...pairing };
    unique.forEach((name, i) => {
      const tag = new RegExp(`<(input|textarea)[^>]*name="${name}"[^>]*>`).exec(form.html)?.[0] ?? "";
      fields[name] = tag.startsWith("<textarea") ? `Steadier now, I think (${link.slice(-6)}).` : tag.includes('type="number"') ? "12" : String(level(i));
    });
    const given = /name="givenCode" value="([A-Z]+-\d{4})"/.exec(form.html)?.[1];
    if (pairing.pairing === "given") fields.givenCode = given!;
    return { result: await visitor.post(link, fields), fields, given };
  }

  const codes = new Map<string, string>();
  it("takes each person's first-round answer once, and refuses answers outside their scale", async () => {
    const first = linksTo(smtp, people[0].email)[0];
    const visitor = new Visitor(server.url);
    const html = (await visitor.page(first)).html;
    expect(visibleText(html)).toContain("Your answers are anonymous");
    // Answers meant for another survey's questions answer none of this one's.
    const elsewhere = await new Visitor(server.url).post(first, { "item-abcdefghijkmnpqr-now": "3", consent: "yes", pairing: "lost" });
    expect(elsewhere.status).toBe(400);
    expect(visibleText(elsewhere.html)).toContain("Please answer this question.");
    const outside = await answer(first, () => 7, { pairing: "given" });
    expect(outside.result.status).toBe(400);
    expect(visibleText(outside.result.html)).toContain("Choose one of the answers given.");
    // Two answers sent at once through the same link: one is stored.
    const twice = await Promise.all([answer(first, () => 2, { pairing: "given" }), answer(first, () => 2, { pairing: "given" })]);
    expect(twice.map((t) => t.result.status).sort()).toEqual([200, 409]);
    codes.set(people[0].email, twice.find((t) => t.result.status === 200)!.given!);
    expect(visibleText(twice.find((t) => t.result.status === 409)!.result.html)).toMatch(/You have (already answered this survey|answered already)/);
    // Everyone else: a code given, or (every fifth) one made from answers they can repeat.
    for (const [i, p] of people.entries()) {
      if (i === 0) continue;
      const link = linksTo(smtp, p.email)[0];
      const derived = i % 5 === 0;
      const { result, given } = await answer(link, (k) => 1 + ((i * 7 + k * 3) % 4), derived ? { pairing: "derived", parent: `Ma${i}`, day: String(1 + (i % 28)), town: `Town${i}ab` } : { pairing: "given" });
      expect(result.status).toBe(200);
      if (!derived) expect(visibleText(result.html)).toContain(`Keep your code for the second round: ${given}`);
      codes.set(p.email, given!);
    }
    const { db } = server.services;
    const stored = await db.selectFrom("survey_responses").selectAll().execute();
    expect(stored).toHaveLength(40);
    // Nothing in an anonymous answer points to its person.
    expect(stored.every((r) => r.respondent_email === null && /^\d{4}-\d{2}-\d{2}$/.test(r.submitted_on))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain("@school.example");
  });

  it("reminds those who have not answered the second round once, even asked twice at once", async () => {
    await coordinator.post(surveyPath, { intent: "open", round: "post" });
    await until(() => people.every((p) => linksTo(smtp, p.email).length === 2), "everyone to be invited to the second round");
    // 37 answer now: 35 with their codes, 2 who lost theirs.
    for (const [i, p] of people.entries()) {
      if (i >= 37) continue;
      const link = linksTo(smtp, p.email)[1];
      const derived = i % 5 === 0 && i > 0;
      const pairing: Record<string, string> = i === 1 || i === 2 ? { pairing: "lost" } : derived ? { pairing: "derived", parent: `Ma${i}`, day: String(1 + (i % 28)), town: `Town${i}ab` } : { pairing: "code", code: codes.get(p.email)!.toLowerCase() };
      const { result } = await answer(link, (k) => Math.min(5, 2 + ((i * 7 + k * 3) % 4) + (i % 2)), pairing, i % 7 === 0 ? "no" : "yes");
      expect(result.status).toBe(200);
    }
    const reminded = await Promise.all([coordinator.post(surveyPath, { intent: "remind" }), coordinator.post(surveyPath, { intent: "remind" })]);
    const said = reminded.map((r) => visibleText(r.html)).join(" ");
    expect(said).toMatch(/Reminded 3 people who had not answered/);
    await until(() => people.slice(37).every((p) => linksTo(smtp, p.email).length === 3), "the three to be reminded");
    await server.services.mailer.settle();
    expect(people.map((p) => linksTo(smtp, p.email).length)).toEqual(people.map((_, i) => (i >= 37 ? 3 : 2)));
    // The reminder's link works, and so does the first one; either answers once.
    const late = people[37];
    const [invitation, reminder] = linksTo(smtp, late.email).slice(1);
    expect((await answer(reminder, () => 4, { pairing: "code", code: codes.get(late.email)! })).result.status).toBe(200);
    expect((await answer(invitation, () => 4, { pairing: "code", code: codes.get(late.email)! })).result.status).toBe(409);
    // The first round's link no longer takes answers.
    expect(visibleText((await new Visitor(server.url).page(linksTo(smtp, people[39].email)[0])).html)).toContain("You have answered already");
  });

  it("reports pairs and change, and lets no filter, breakdown or export reveal a group of fewer than 10", async () => {
    const report = visibleText((await coordinator.page(`${surveyPath}/report`)).html);
    // 38 answered after: 36 with their codes (given, or made again), 2 who lost theirs.
    expect(report).toContain("People who answered the first round (before) 40");
    expect(report).toContain("People who answered the second round (after) 38");
    expect(report).toMatch(/36 people answered both; 6 answers could not be paired/);
    expect(report).toContain("Paired t-test");
    expect(report).toContain("Hedges' g");
    // SD 5 (3 people) is pooled, and SD 61 (10) with it, so that neither is the total minus the rest.
    // After: SD 61's 10 and the one of SD 5 who answered.
    expect(report).toContain("Other groups (combined) 11");
    expect(report).not.toMatch(/SD 5 Southeast Kootenay \d/);
    expect(report).not.toMatch(/SD 61 Greater Victoria \d/);

    // The attack: every set of districts as a filter, including small and pooled ones.
    const names = districts.map((d) => d.name);
    const vector = (set: string[]) => names.map((n) => (set.includes(n) ? 1n : 0n));
    const released: bigint[][] = [vector(names), vector(["SD 36 Surrey"]), vector(["SD 39 Vancouver"]), vector(["SD 61 Greater Victoria", "SD 5 Southeast Kootenay"])];
    let refused = 0;
    for (let mask = 1; mask < 1 << names.length; mask++) {
      const set = names.filter((_, i) => mask & (1 << i));
      const page = await coordinator.page(`${surveyPath}/report?${new URLSearchParams(set.map((g) => ["group", g]))}`);
      if (page.status === 400) {
        expect(visibleText(page.html)).toContain(tooFew);
        refused++;
        continue;
      }
      expect(page.status).toBe(200);
      released.push(vector(set));
    }
    // Allowed: SD 36, SD 39, and both; refused: the 12 sets that touch SD 61 or SD 5.
    expect(released).toHaveLength(4 + 3);
    expect(refused).toBe(12);
    const base = rank(released);
    const sizes = districts.map((d) => d.people);
    const recovered: string[][] = [];
    for (let mask = 1; mask < 1 << names.length; mask++) {
      const set = names.filter((_, i) => mask & (1 << i));
      const n = set.reduce((s, g) => s + sizes[names.indexOf(g)], 0);
      if (n < 10 && rank([...released, vector(set)]) === base) recovered.push(set);
    }
    expect(recovered).toEqual([]);

    // The research export: consenting people only, pseudonyms, the same pooling, no addresses.
    const csv = await (await coordinator.get(`${surveyPath}/research.csv`)).text();
    const rows = csv.trim().split("\r\n").slice(1);
    const consenting = await server.services.db.selectFrom("survey_responses").select((eb) => eb.fn.countAll<number>().as("n")).where("research_consent", "=", 1).executeTakeFirstOrThrow();
    expect(rows).toHaveLength(Number(consenting.n));
    expect(csv).not.toContain("@");
    expect(csv).not.toContain("Southeast Kootenay");
    expect(csv).not.toContain("Greater Victoria");
    expect(csv).toContain("Other groups (combined)");
  });

  it("asks a retrospective, identified survey of a community, and shows nothing while fewer than 10 have answered", async () => {
    const { db } = server.services;
    const community = await db.selectFrom("communities").select("id").where("slug", "=", "provincial-community-of-practice").executeTakeFirstOrThrow();
    const made = await coordinator.post("/evaluation", { title: "After a year of circles", intro: "", design: "retrospective", anonymity: "identified", audience: `community:${community.id}`, threshold: "10" });
    expect(made.status).toBe(302);
    const path = made.location!;
    await coordinator.post(path, { intent: "add-item", kind: "likert", prompt: "I notice my reactions before I act.", domain: "self" });
    await coordinator.post(path, { intent: "add-item", kind: "choice", prompt: "How often do you join the circle?", choices: "Every time\nMost times\nNow and then", domain: "" });
    const opened = visibleText((await coordinator.post(path, { intent: "open", round: "single" })).html);
    const members = await db.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id").select("users.email").where("community_id", "=", community.id).execute();
    expect(opened).toContain(`${members.length} invitations sent.`);
    const email = "member@csl-commons.example";
    await until(() => smtp.received.some((m) => m.to.includes(email) && unfolded(m.body).includes("After a year of circles")), "Sam's invitation");
    const link = linksTo(smtp, email).at(-1)!;
    const form = await new Visitor(server.url).page(link);
    expect(visibleText(form.html)).toContain("Your answers are identified");
    expect(visibleText(form.html)).toContain("Before the training, as you remember it");
    const names = [...new Set([...form.html.matchAll(/name="(item-[a-z2-9]{16}-(?:now|then))"/g)].map((m) => m[1]))];
    expect(names).toHaveLength(3);
    const fields = Object.fromEntries(names.map((n, i) => [n, i === 2 ? "1" : n.endsWith("then") ? "2" : "4"]));
    expect((await new Visitor(server.url).post(link, { ...fields, consent: "yes" })).status).toBe(200);
    const stored = await db.selectFrom("survey_responses").innerJoin("surveys", "surveys.id", "survey_responses.survey_id").select(["respondent_email", "pair_key"]).where("surveys.title", "=", "After a year of circles").execute();
    expect(stored).toEqual([{ respondent_email: email, pair_key: expect.any(String) }]);
    const report = await coordinator.page(`${path}/report`);
    expect(report.status).toBe(200);
    const text = visibleText(report.html);
    expect(text).toContain(`People who answered the survey ${tooFew}`);
    expect(text).toContain("Before (recalled)");
    expect(text).not.toContain("Mean (SD), n 2.00");
    const csv = await coordinator.get(`${path}/research.csv`);
    expect(csv.status).toBe(400);
    expect(await csv.text()).toContain(tooFew);
    // Closed, it takes no answers and opens no round again.
    expect(visibleText((await coordinator.post(path, { intent: "close", confirmed: "yes" })).html)).toContain("The survey is closed");
    const reopened = await coordinator.post(path, { intent: "open", round: "single" });
    expect(reopened.status).toBe(409);
    await until(() => smtp.received.some((m) => m.to.includes("lena.fischer@csl-commons.example") && unfolded(m.body).includes("After a year of circles")), "Lena's invitation");
    const late = linksTo(smtp, "lena.fischer@csl-commons.example").at(-1)!;
    expect(visibleText((await new Visitor(server.url).page(late)).html)).toContain("This survey is not taking answers now.");
  });
});
