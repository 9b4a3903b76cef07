// The network's contacts against a started server (SQLite, and PostgreSQL in CI): the province's
// districts, one record per email, a change history, and the consent ledger as proof.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";
import { parse } from "csv-parse/sync";
import { consentOf } from "../../db/queries/contacts";

let server: TestServer;
let admin: Visitor;

beforeAll(async () => {
  server = await startTestServer();
  admin = new Visitor(server.url);
  await admin.signIn("admin@csl-commons.example");
});
afterAll(async () => {
  await server?.stop();
});

const idOfContact = async (email: string) => (await server.services.db.selectFrom("contacts").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

describe("the network's contacts", () => {
  it("knows British Columbia's 60 public school districts by number", async () => {
    const districts = await server.services.db.selectFrom("organizations").select(["name", "district_number"]).where("type", "=", "school-district").orderBy("district_number").execute();
    expect(districts).toHaveLength(60);
    expect(districts[0]).toEqual({ name: "SD 5 Southeast Kootenay", district_number: 5 });
    expect(districts.find((d) => d.district_number === 36)?.name).toBe("SD 36 Surrey");
    expect(districts.at(-1)?.district_number).toBe(93);
  });

  it("marks the districts taking part in SEY2KT, which searches then choose; adds an organization of another type", async () => {
    const { db } = server.services;
    const surrey = await db.selectFrom("organizations").select("id").where("district_number", "=", 36).executeTakeFirstOrThrow();
    const marked = await admin.post("/network/organizations", { intent: "sey2kt", organizationId: surrey.id, sey2kt: "1" });
    expect(marked.status).toBe(200);
    expect(visibleText(marked.html)).toContain("SD 36 Surrey is marked as taking part in SEY2KT.");
    expect(visibleText((await admin.page("/network/organizations")).html)).toContain("1 school districts are marked as taking part in SEY2KT");
    const independent = await db.selectFrom("organizations").select("id").where("type", "!=", "school-district").executeTakeFirstOrThrow();
    expect((await admin.post("/network/organizations", { intent: "sey2kt", organizationId: independent.id, sey2kt: "1" })).status).toBe(409);
    const added = await admin.post("/network/organizations", { name: "Kootenay Early Years Hub", type: "early-years", region: "Kootenays" });
    expect(visibleText(added.html)).toContain("Kootenay Early Years Hub is added.");
    expect((await admin.post("/network/organizations", { name: "kootenay early years hub", type: "early-years", region: "" })).status).toBe(409);
    expect((await admin.post("/network/organizations", { name: "A District", type: "school-district", region: "" })).status).toBe(400);
    expect(visibleText((await admin.page("/network/organizations?type=early-years")).html)).toContain("Kootenay Early Years Hub Kootenays 0");
    const member = new Visitor(server.url);
    await member.signIn("member@csl-commons.example");
    expect((await member.page("/network/organizations")).status).toBe(403);
  });

  it("adds a contact with express consent; the same email, however typed, is never a second contact", async () => {
    const added = await admin.post("/network/contacts", { name: "Priya Sandhu", email: " Priya.Sandhu@Surrey.example ", role: "Helping teacher", region: "Metro Vancouver", tags: "sey2kt, Early Years", consent: "express", consentHow: "asked by email on 12 November" });
    expect(added.status).toBe(302);
    expect(added.location).toMatch(/^\/network\/contacts\/[a-z2-9]{16}$/);
    const page = visibleText((await admin.page(added.location!)).html);
    expect(page).toContain("May be sent newsletters: express consent since");
    expect(page).toContain("entered by staff: asked by email on 12 November");
    expect(page).toContain("asked to receive the BC Compassionate Systems Leadership Network's newsletter");
    const proof = await admin.get(`${added.location}/consent.csv`);
    expect(proof.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const rows = parse((await proof.text()).replace(/^\uFEFF/, "")) as string[][];
    expect(rows[0]).toEqual(["email", "at_utc", "kind", "collected_by", "source", "wording", "wording_sha256", "ip_address", "browser", "recorded_by"]);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(["priya.sandhu@surrey.example", expect.stringMatching(/^\d{4}-\d\d-\d\dT/), "express", "staff", "asked by email on 12 November", expect.stringContaining("Recorded by a network coordinator"), expect.stringMatching(/^[0-9a-f]{64}$/), "", "", "Maya Thompson"]);
    const again = await admin.post("/network/contacts", { name: "P. Sandhu", email: "priya.sandhu@surrey.example" });
    expect(again.status).toBe(409);
    expect(visibleText(again.html)).toContain("already kept");
    expect(await server.services.db.selectFrom("contacts").select("id").where("email", "=", "priya.sandhu@surrey.example").execute()).toHaveLength(1);
    // No basis, no newsletter; a basis needs its how.
    expect((await admin.post("/network/contacts", { name: "No Basis", email: "no.basis@school.example", consent: "express" })).status).toBe(400);
    expect((await admin.post("/network/contacts", { name: "Bad", email: "not-an-email" })).status).toBe(400);
  });

  it("keeps a history of who changed what, and refuses an email another contact has", async () => {
    const id = await idOfContact("priya.sandhu@surrey.example");
    await admin.post("/network/contacts", { name: "Other Person", email: "other.person@school.example" });
    expect((await admin.post(`/network/contacts/${id}`, { name: "Priya K. Sandhu", email: "priya.sandhu@surrey.example", role: "Helping teacher", region: "Metro Vancouver", tags: "early years, sey2kt, mentor" })).status).toBe(200);
    const page = visibleText((await admin.page(`/network/contacts/${id}`)).html);
    expect(page).toContain("Maya Thompson: name: Priya Sandhu → Priya K. Sandhu; tags: early years, sey2kt → early years, mentor, sey2kt");
    expect(page).toContain("Maya Thompson: created");
    const taken = await admin.post(`/network/contacts/${id}`, { name: "Priya K. Sandhu", email: "other.person@school.example" });
    expect(taken.status).toBe(409);
  });

  it("every account is its contact from the start, with the consent its membership implies; never a second record", async () => {
    const { db } = server.services;
    const row = await db.selectFrom("contacts").select(["id", "user_id"]).where("email", "=", "member@csl-commons.example").executeTakeFirstOrThrow();
    expect(row.user_id).toBe((await db.selectFrom("users").select("id").where("email", "=", "member@csl-commons.example").executeTakeFirstOrThrow()).id);
    const page = visibleText((await admin.page(`/network/contacts/${row.id}`)).html);
    expect(page).toContain("has an account on the platform");
    expect(page).toContain("Implied by membership");
    expect(page).toMatch(/May be sent newsletters until .* \(consent implied since /);
    const added = await admin.post("/network/contacts", { name: "Sam Whitehorse", email: "Member@CSL-Commons.example" });
    expect(added.status).toBe(409);
    expect(await db.selectFrom("contacts").select("id").where("email", "=", "member@csl-commons.example").execute()).toHaveLength(1);
  });

  it("an unsubscribe wins over earlier consent, and implied consent lapses after two years", async () => {
    const id = await idOfContact("priya.sandhu@surrey.example");
    expect((await admin.post(`/network/contacts/${id}`, { intent: "consent", kind: "unsubscribe", how: "replied STOP to a newsletter" })).status).toBe(200);
    expect(visibleText((await admin.page(`/network/contacts/${id}`)).html)).toContain("No newsletter: unsubscribed on");
    expect((await consentOf(server.services.db, id)).live).toBe(false);
    const other = await idOfContact("other.person@school.example");
    await server.services.db.insertInto("consents").values({ id: "oldeventaaaaaaaa", contact_id: other, kind: "implied-event", method: "event", source: "Spring gathering 2024", wording_hash: null, at: "2024-05-01T17:00:00.000Z", ip: null, user_agent: null, recorded_by: null }).execute();
    expect(visibleText((await admin.page(`/network/contacts/${other}`)).html)).toContain("No newsletter: implied consent expired on");
    expect((await admin.post(`/network/contacts/${other}`, { intent: "consent", kind: "implied-event", how: "" })).status).toBe(400);
  });

  it("finds contacts by organization, tag, region and type, a page at a time", async () => {
    const surrey = (await server.services.db.selectFrom("organizations").select("id").where("district_number", "=", 36).executeTakeFirstOrThrow()).id;
    await admin.post("/network/contacts", { name: "Jordan Lee", email: "jordan.lee@surrey.example", organizationId: surrey, tags: "sey2kt" });
    const bySurrey = visibleText((await admin.page("/network/contacts?q=surrey")).html);
    expect(bySurrey).toContain("Jordan Lee");
    expect(bySurrey).toContain("Priya K. Sandhu"); // her email is at surrey.example
    const byType = visibleText((await admin.page("/network/contacts?type=school-district")).html);
    expect(byType).toContain("Jordan Lee");
    expect(byType).not.toContain("Other Person");
    expect(visibleText((await admin.page("/network/contacts?tag=mentor")).html)).toMatch(/1 contact\b/);
    // A coordinator keeps contacts; a facilitator does not.
    const db = server.services.db;
    const coordinator = new Visitor(server.url);
    await db.updateTable("users").set({ network_role: "coordinator" }).where("email", "=", "lena.fischer@csl-commons.example").execute();
    await coordinator.signIn("lena.fischer@csl-commons.example");
    expect((await coordinator.page("/network/contacts")).status).toBe(200);
    const facilitator = new Visitor(server.url);
    await facilitator.signIn("daniel.okafor@csl-commons.example");
    expect((await facilitator.page("/network/contacts")).status).toBe(403);
  });

  it("saves a search as a segment, which finds the same contacts later, and forgets it", async () => {
    expect((await admin.post("/network/contacts?tag=sey2kt&type=school-district", { intent: "segment", segmentName: "SEY2KT districts", query: "tag=sey2kt&type=school-district" })).status).toBe(200);
    expect((await admin.post("/network/contacts", { intent: "segment", segmentName: "SEY2KT districts", query: "" })).status).toBe(409);
    expect((await admin.post("/network/contacts", { intent: "segment", segmentName: "x", query: "" })).status).toBe(400);
    const page = (await admin.page("/network/contacts")).html;
    const link = /href="\/network\/contacts\?([^"]+)"[^>]*>SEY2KT districts</.exec(page);
    expect(link?.[1].replace(/&amp;/g, "&")).toBe("tag=sey2kt&type=school-district");
    const found = visibleText((await admin.page(`/network/contacts?${link![1].replace(/&amp;/g, "&")}`)).html);
    expect(found).toContain("Jordan Lee");
    expect(found).toMatch(/1 contact\b/);
    const segment = await server.services.db.selectFrom("contact_segments").select("id").where("name", "=", "SEY2KT districts").executeTakeFirstOrThrow();
    await admin.post("/network/contacts", { intent: "delete-segment", segmentId: segment.id });
    expect((await admin.page("/network/contacts")).html).not.toContain('aria-label="Saved segments"');
  });

  it("lists the same name at the same organization as possible duplicates, and a merge keeps both histories and ledgers", async () => {
    const db = server.services.db;
    const sd5 = (await db.selectFrom("organizations").select("id").where("district_number", "=", 5).executeTakeFirstOrThrow()).id;
    await admin.post("/network/contacts", { name: "Robin Hart", email: "robin.hart@sd5.example", organizationId: sd5, tags: "trustee", consent: "express", consentHow: "asked at the AGM" });
    await admin.post("/network/contacts", { name: "robin hart", email: "rhart@home.example", organizationId: sd5, tags: "parent", notes: "Prefers the home address", consent: "implied-event", consentHow: "Fall gathering" });
    const list = visibleText((await admin.page("/network/contacts/duplicates")).html);
    expect(list).toContain("Robin Hart · SD 5 Southeast Kootenay");
    const [keep, merge] = await Promise.all(["robin.hart@sd5.example", "rhart@home.example"].map(idOfContact));
    expect((await admin.post("/network/contacts/duplicates", { keepId: keep, mergeId: merge })).status).toBe(200);
    expect(await db.selectFrom("contacts").select("id").where("id", "=", merge).execute()).toHaveLength(0);
    expect((await db.selectFrom("consents").select("kind").where("contact_id", "=", keep).orderBy("kind").execute()).map((c) => c.kind)).toEqual(["express", "implied-event"]);
    const page = visibleText((await admin.page(`/network/contacts/${keep}`)).html);
    expect(page).toMatch(/merged with robin hart &lt;rhart@home\.example&gt;/);
    expect(page).toMatch(/Tags \(separated by commas\)/);
    expect((await db.selectFrom("contact_tags").select("tag").where("contact_id", "=", keep).orderBy("tag").execute()).map((t) => t.tag)).toEqual(["parent", "trustee"]);
    expect(visibleText((await admin.page("/network/contacts/duplicates")).html)).toContain("No possible duplicates.");
    expect((await admin.post("/network/contacts/duplicates", { keepId: keep, mergeId: merge })).status).toBe(404);
  });
});
