// Training requests against a started server (SQLite, and PostgreSQL in CI): the rules beside the
// fields, the estimate from the quote function, the director's list and stages with their history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const request = (over: Record<string, string> = {}) => ({ offering: "introduction", hours: "14", participants: "60", facilitators: "1", prepHours: "3", mode: "in-person", preferredDates: "February", context: "Our district's leadership team", organization: "SD 36 Surrey", contactName: "Priya Sandhu", contactEmail: "priya@surrey.example", contactRole: "Director of Instruction", website: "", ...over });

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
    expect(await server.services.db.selectFrom("training_requests").select("id").execute()).toHaveLength(0);
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
    expect(await server.services.db.selectFrom("training_requests").select("id").execute()).toHaveLength(2);

    const director = new Visitor(server.url);
    await director.signIn("admin@csl-commons.example");
    const list = visibleText((await director.page("/network/training")).html);
    expect(list).toContain("New (2)");
    expect(list).toContain("SD 36 Surrey Introduction to CSL · $3,740.00");
    const id = (await server.services.db.selectFrom("training_requests").select("id").where("offering", "=", "introduction").executeTakeFirstOrThrow()).id;
    expect(visibleText((await director.post(`/network/training/${id}`, { stage: "quoted" })).html)).toContain("Moved to Quoted.");
    expect(visibleText((await director.post(`/network/training/${id}`, { stage: "bogus" })).html)).toContain("Choose a stage.");
    const page = visibleText((await director.page(`/network/training/${id}`)).html);
    expect(page).toMatch(/New, by the request form .* New → Quoted, by Maya Thompson/);
    const member = new Visitor(server.url);
    await member.signIn("member@csl-commons.example");
    expect((await member.page("/network/training")).status).toBe(403);
    expect((await member.post(`/network/training/${id}`, { stage: "invoiced" })).status).toBe(403);
  });
});
