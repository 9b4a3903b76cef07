// Training requests against a started server (SQLite, and PostgreSQL in CI): the rules beside the
// fields, the estimate from the quote function, the director's board and list, stages with their
// history, quote versions and their emails and PDFs, sessions as unlisted events, the dashboard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";
import { startSmtp, type TestSmtp } from "../helpers/smtp";
import { until } from "../helpers/wait";

let server: TestServer;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startTestServer({ env: { SMTP_URL: smtp.url, PUBLIC_URL: "https://csl.example.org" } });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const request = (over: Record<string, string> = {}) => ({ offering: "introduction", hours: "14", participants: "60", facilitators: "1", prepHours: "3", mode: "in-person", preferredDates: "February", context: "Our district's leadership team", organization: "SD 43 Coquitlam", contactName: "Priya Sandhu", contactEmail: "priya@coquitlam.example", contactRole: "Director of Instruction", website: "", ...over });

describe("training requests", () => {
  it("refuses what an offering's rules do not allow, beside the field, with the rule in words", async () => {
    const visitor = new Visitor(server.url);
    const tooShort = await visitor.post("/training", request({ hours: "10", participants: "300", facilitators: "1.5" }), { "x-forwarded-for": "10.1.0.1" });
    expect(tooShort.status).toBe(400);
    const text = visibleText(tooShort.html);
    expect(text).toContain("Introduction to CSL: 12 to 20 hours, for up to 250 participants.");
    expect(text).toContain("Give the number of facilitators as a whole number, 1 or more.");
    expect(visibleText((await visitor.post("/training", request({ hours: "1e9", offering: "practicing" }), { "x-forwarded-for": "10.1.0.1" })).html)).toContain("At most 200 hours in one request.");
    expect(visibleText((await visitor.post("/training", request({ contactEmail: "not an email" }), { "x-forwarded-for": "10.1.0.1" })).html)).toContain("Give an email address we can write to.");
    expect(await server.services.db.selectFrom("training_requests").select("id").where("contact_email", "=", "priya@coquitlam.example").execute()).toHaveLength(0);
  });

  it("takes a request, answers with the estimate, and the director moves it through the stages with its history", async () => {
    const visitor = new Visitor(server.url);
    const sent = await visitor.post("/training", request(), { "x-forwarded-for": "10.1.0.2" });
    expect(sent.status).toBe(200);
    const text = visibleText(sent.html);
    expect(text).toContain("your request has reached the network's director");
    // 14 h with 1 facilitator: 2 × $1,320 + 2 × $220; prep 3 h: 3 × $220.
    expect(text).toContain("Total (CAD) $3,740.00");
    expect(visibleText((await visitor.post("/training", request({ offering: "early-learning", hours: "4" }), { "x-forwarded-for": "10.1.0.3" })).html)).toContain("CSL in Early Learning is possible in 4 hours; 6 are recommended.");
    // A robot's request is thanked and not kept.
    await visitor.post("/training", request({ website: "https://spam.example" }), { "x-forwarded-for": "10.1.0.4" });
    expect(await server.services.db.selectFrom("training_requests").select("id").where("contact_email", "=", "priya@coquitlam.example").execute()).toHaveLength(2);

    const director = new Visitor(server.url);
    await director.signIn("admin@csl-commons.example");
    const board = visibleText((await director.page("/network/training")).html);
    // Two new requests beside the demo network's one.
    expect(board).toContain("New (3)");
    expect(board).toContain("SD 43 Coquitlam Introduction to CSL $3,740.00 (estimate)");
    expect(visibleText((await director.page("/network/training?view=list")).html)).toMatch(/SD 43 Coquitlam Introduction to CSL New \$3,740\.00 \(estimate\)/);
    const id = (await server.services.db.selectFrom("training_requests").select("id").where("organization", "=", "SD 43 Coquitlam").where("offering", "=", "introduction").executeTakeFirstOrThrow()).id;
    expect(visibleText((await director.post(`/network/training/${id}`, { intent: "stage", stage: "in-conversation" })).html)).toContain("Moved to In conversation.");
    expect(visibleText((await director.post(`/network/training/${id}`, { intent: "stage", stage: "bogus" })).html)).toContain("Choose a stage.");
    const page = visibleText((await director.page(`/network/training/${id}`)).html);
    expect(page).toMatch(/New, by the request form .* New → In conversation, by Maya Thompson/);
    const member = new Visitor(server.url);
    await member.signIn("member@csl-commons.example");
    expect((await member.page("/network/training")).status).toBe(403);
    expect((await member.post(`/network/training/${id}`, { intent: "stage", stage: "invoiced" })).status).toBe(403);
    expect((await member.get(`/network/training/${id}/quotes/1.pdf`)).status).toBe(403);
  });
});

describe("the director's pipeline", () => {
  let director: Visitor;
  let id: string;
  beforeAll(async () => {
    director = new Visitor(server.url);
    await director.signIn("admin@csl-commons.example");
    await new Visitor(server.url).post("/training", request({ organization: "SD 44 North Vancouver", contactEmail: "lead@northvan.example", contactName: "Jordan Lee", hours: "12", facilitators: "2", prepHours: "0" }), { "x-forwarded-for": "10.1.0.9" });
    id = (await server.services.db.selectFrom("training_requests").select("id").where("organization", "=", "SD 44 North Vancouver").executeTakeFirstOrThrow()).id;
  });
  const mailTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  it("keeps every version of a quote, sends it at Quoted by email, and downloads each as a PDF", async () => {
    // A revision refused by the offering's rules, beside the field.
    const refused = await director.post(`/network/training/${id}`, { intent: "quote", hours: "30", participants: "40", facilitators: "2", prepHours: "0" });
    expect(visibleText(refused.html)).toContain("Introduction to CSL: 12 to 20 hours, for up to 250 participants.");
    // Moving to Quoted sends version 1, made from the request: 12 h × 2 facilitators = 2 × 2 × $1,320.
    expect(visibleText((await director.post(`/network/training/${id}`, { intent: "stage", stage: "quoted" })).html)).toContain("Moved to Quoted; version 1 sent to lead@northvan.example.");
    await until(() => mailTo("lead@northvan.example").length === 1, "the quote email");
    expect(mailTo("lead@northvan.example")[0].body).toContain("Total (CAD): $5,280.00");
    // A revision (14 h, 1 facilitator, 3 h preparation) saved, then sent: versions 2 and 3 are kept.
    expect(visibleText((await director.post(`/network/training/${id}`, { intent: "quote", hours: "14", participants: "40", facilitators: "1", prepHours: "3", note: "Revised after our call." })).html)).toContain("Saved as version 2. It has not been sent.");
    expect(mailTo("lead@northvan.example")).toHaveLength(1);
    expect(visibleText((await director.post(`/network/training/${id}`, { intent: "quote-send", hours: "14", participants: "40", facilitators: "1", prepHours: "3", note: "Revised after our call." })).html)).toContain("Version 3 sent to lead@northvan.example.");
    await until(() => mailTo("lead@northvan.example").length === 2, "the revised quote");
    const revised = mailTo("lead@northvan.example")[1].body.replace(/=\r?\n/g, "");
    expect(revised).toContain("version 3");
    expect(revised).toContain("Total (CAD): $3,740.00");
    const versions = await server.services.db.selectFrom("training_quotes").select(["version", "total_cents"]).where("request_id", "=", id).orderBy("version").execute();
    expect(versions).toEqual([{ version: 1, total_cents: 528_000 }, { version: 2, total_cents: 374_000 }, { version: 3, total_cents: 374_000 }]);
    const page = visibleText((await director.page(`/network/training/${id}`)).html);
    expect(page).toContain("Quote, version 3");
    expect(page).toContain("New → Quoted, by Maya Thompson (Quote version 1 sent to lead@northvan.example)");
    expect(page).toContain("Quoted, by Maya Thompson (Quote version 3 sent to lead@northvan.example)");
    const pdf = await director.get(`/network/training/${id}/quotes/1.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toContain('attachment; filename="Quote SD 44 North Vancouver v1.pdf"');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await director.get(`/network/training/${id}/quotes/9.pdf`)).status).toBe(404);
    expect((await director.get(`/network/training/${id}/quotes/x.pdf`)).status).toBe(404);
  });

  it("schedules sessions as unlisted events and tells the requester at Scheduled", async () => {
    expect(visibleText((await director.post(`/network/training/${id}`, { intent: "stage", stage: "scheduled" })).html)).toContain("Add its sessions first");
    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const bad = await director.post(`/network/training/${id}`, { intent: "session", start: `${day}T09:00`, end: `${day}T08:00`, mode: "in-person", venue: "", capacity: "300" });
    expect(visibleText(bad.html)).toContain("It ends after it starts.");
    const added = await director.post(`/network/training/${id}`, { intent: "session", start: `${day}T09:00`, end: `${day}T15:00`, mode: "in-person", venue: "Board office, North Vancouver", capacity: "40" });
    expect(visibleText(added.html)).toContain("Session added.");
    const event = await server.services.db.selectFrom("events").selectAll().where("training_request_id", "=", id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ listed: 0, capacity: 40, hours: 6, venue: "Board office, North Vancouver" });
    expect(visibleText((await new Visitor(server.url).page("/events")).html)).not.toContain("SD 44 North Vancouver");
    expect((await new Visitor(server.url).page(`/events/${event.slug}`)).status).toBe(200);
    expect(visibleText((await director.post(`/network/training/${id}`, { intent: "stage", stage: "scheduled" })).html)).toContain("Moved to Scheduled; the sessions were sent to lead@northvan.example.");
    await until(() => mailTo("lead@northvan.example").length === 3, "the scheduled email");
    const body = mailTo("lead@northvan.example")[2].body.replace(/=\r?\n/g, "");
    expect(body).toContain(`https://csl.example.org/events/${event.slug}`);
    expect(body).toContain("Board office, North Vancouver");
  });

  it("counts what was delivered on the dashboard, each chart with its table", async () => {
    await director.post(`/network/training/${id}`, { intent: "stage", stage: "delivered" });
    const dash = await director.page("/network/training-dashboard");
    const text = visibleText(dash.html);
    expect(text).toMatch(/Districts and organizations reached this school year 1 /);
    expect(text).toMatch(/Hours delivered this school year 14 /);
    expect(text).toContain("Reached: SD 44 North Vancouver.");
    expect((dash.html.match(/<svg[^>]*role="img"/g) ?? []).length).toBe(4);
    expect((dash.html.match(/<table/g) ?? []).length).toBe(4);
    // Every stage in order with its count, the demo network's requests included.
    const stages = await server.services.db.selectFrom("training_requests").select("stage").execute();
    const count = (stage: string) => stages.filter((r) => r.stage === stage).length;
    expect(text).toContain(`Requests by stage Requests New ${count("new")} In conversation ${count("in-conversation")} Quoted ${count("quoted")} Agreed ${count("agreed")} Scheduled ${count("scheduled")} Delivered 1 Invoiced 0 Declined 0`);
  });
});

describe("a Going Deeper cohort", () => {
  it("takes applications by its link, accepts and declines them with an email each, makes its community, and puts the fees on the quote", async () => {
    const director = new Visitor(server.url);
    await director.signIn("admin@csl-commons.example");
    await new Visitor(server.url).post("/training", request({ offering: "going-deeper", participants: "12", hours: "", facilitators: "", prepHours: "", organization: "SD 41 Burnaby", contactEmail: "cohort@burnaby.example" }), { "x-forwarded-for": "10.1.0.20" });
    const id = (await server.services.db.selectFrom("training_requests").select("id").where("organization", "=", "SD 41 Burnaby").executeTakeFirstOrThrow()).id;
    expect(visibleText((await director.page(`/network/training/${id}`)).html)).toContain("$16,800.00");
    await director.post(`/network/training/${id}/cohort`, { intent: "open", name: "Going Deeper 2026–27: Burnaby" });
    const cohort = await server.services.db.selectFrom("cohorts").selectAll().where("request_id", "=", id).executeTakeFirstOrThrow();
    expect(visibleText((await director.page(`/network/training/${id}/cohort`)).html)).toContain(`https://csl.example.org/cohorts/${cohort.slug}/apply`);

    const apply = (name: string, email: string, address: string, reasons = "I would like a year of practice with colleagues.") => new Visitor(server.url).post(`/cohorts/${cohort.slug}/apply`, { name, email, role: "Teacher", organization: "SD 39", reasons, website: "" }, { "x-forwarded-for": address });
    expect(visibleText((await apply("Sam Whitehorse", "member@csl-commons.example", "10.2.0.1")).html)).toContain("your application is in");
    expect(visibleText((await apply("Nadia Haddad", "nadia@burnaby.example", "10.2.0.2")).html)).toContain("your application is in");
    expect(visibleText((await apply("Ravi Patel", "ravi@burnaby.example", "10.2.0.3")).html)).toContain("your application is in");
    expect(visibleText((await apply("Nadia again", "Nadia@Burnaby.example", "10.2.0.4")).html)).toContain("This email has applied already.");
    expect(visibleText((await apply("Too short", "short@burnaby.example", "10.2.0.5", "Yes")).html)).toContain("Tell us in a few sentences");
    await until(() => smtp.received.filter((m) => m.to.includes("nadia@burnaby.example")).length === 1, "the application's confirmation");

    const applications = await server.services.db.selectFrom("cohort_applications").select(["id", "email"]).where("cohort_id", "=", cohort.id).execute();
    const idOf = (email: string) => applications.find((a) => a.email === email)!.id;
    expect(visibleText((await director.post(`/network/training/${id}/cohort`, { intent: "accept", applicationId: idOf("member@csl-commons.example") })).html)).toContain("Sam Whitehorse is accepted and in the cohort's community.");
    expect(visibleText((await director.post(`/network/training/${id}/cohort`, { intent: "accept", applicationId: idOf("nadia@burnaby.example") })).html)).toContain("Nadia Haddad is accepted and invited to the cohort's community.");
    expect(visibleText((await director.post(`/network/training/${id}/cohort`, { intent: "decline", applicationId: idOf("ravi@burnaby.example") })).html)).toContain("Ravi Patel was told.");
    expect((await director.post(`/network/training/${id}/cohort`, { intent: "accept", applicationId: idOf("ravi@burnaby.example") })).status).toBe(409);

    const community = await server.services.db.selectFrom("communities").selectAll().where("name", "=", "Going Deeper 2026–27: Burnaby").executeTakeFirstOrThrow();
    expect(community.visibility).toBe("invite");
    const sam = new Visitor(server.url);
    await sam.signIn("member@csl-commons.example");
    expect((await sam.page(`/communities/${community.slug}`)).status).toBe(200);
    await until(() => smtp.received.filter((m) => m.to.includes("nadia@burnaby.example")).length === 2, "the welcome with the invitation");
    const welcome = smtp.received.filter((m) => m.to.includes("nadia@burnaby.example"))[1].body.replace(/=\r?\n/g, "");
    const invite = /https:\/\/csl\.example\.org\/invite\/([a-z2-9]+)/.exec(welcome)?.[1];
    expect(invite).toBeTruthy();
    expect((await new Visitor(server.url).page(`/invite/${invite}`)).status).toBe(200);
    await until(() => smtp.received.filter((m) => m.to.includes("ravi@burnaby.example")).length === 2, "the decline");

    expect(visibleText((await director.post(`/network/training/${id}/cohort`, { intent: "quote-fees" })).html)).toContain("Quote version 1 saved for 2 participants.");
    expect(visibleText((await director.page(`/network/training/${id}`)).html)).toContain("$2,800.00");
    await director.post(`/network/training/${id}/cohort`, { intent: "close" });
    expect(visibleText((await apply("Late", "late@burnaby.example", "10.2.0.6")).html)).toContain("Applications to this cohort are closed.");
    // Only the director's people see the cohort.
    expect((await sam.page(`/network/training/${id}/cohort`)).status).toBe(403);
  });
});
