// Importing spreadsheets of contacts against a started server (SQLite, and PostgreSQL in CI): files
// as the tools people use save them, a report by row and column before anything is written,
// nothing half-imported, an email already kept filled in rather than doubled, and a large file read
// off the main thread.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";

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

/** Uploads a file as the page's form does (multipart), and returns where it leads. */
async function upload(name: string, bytes: Uint8Array): Promise<{ status: number; location: string | null }> {
  const body = new FormData();
  body.set("intent", "upload");
  body.set("file", new Blob([Uint8Array.from(bytes)], { type: "text/csv" }), name);
  const response = await admin.request("/network/contacts/import", { method: "POST", body });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get("location") };
}

const count = async () => Number((await server.services.db.selectFrom("contacts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const fileId = (location: string | null) => new URL(location!, "http://x").searchParams.get("file")!;

describe("importing contacts", () => {
  it("a Mailchimp audience export: checked, previewed, then imported with the consent its sign-up gave", async () => {
    const sent = await upload("mailchimp-subscribed-members.csv", fs.readFileSync("tests/fixtures/contacts/mailchimp-subscribed-members.csv"));
    expect(sent.status).toBe(302);
    const review = visibleText((await admin.page(sent.location!)).html);
    expect(review).toContain("mailchimp-subscribed-members.csv: 3 rows");
    expect(review).toContain("3 rows are ready; no problem found.");
    expect(review).toContain("Jean-François");
    const before = await count();
    const imported = await admin.post("/network/contacts/import", {
      intent: "import",
      importId: fileId(sent.location),
      "m-firstName": "1",
      "m-lastName": "2",
      "m-email": "0",
      "m-tags": "22",
      "m-notes": "21",
      consent: "express",
      consentSource: "the Summer Institute sign-up form",
      consentWording: "Yes, send me the network's newsletter. I can unsubscribe at any time.",
    });
    expect(imported.status).toBe(302);
    expect(visibleText((await admin.page(imported.location!)).html)).toContain("3 new contacts, 0 filled in");
    expect(await count()).toBe(before + 3);
    const aroha = await server.services.db.selectFrom("contacts").selectAll().where("email", "=", "aroha.ngata@sd61.example").executeTakeFirstOrThrow();
    expect(aroha.name).toBe("Aroha Ngata");
    const page = visibleText((await admin.page(`/network/contacts/${aroha.id}`)).html);
    expect(page).toContain("May be sent newsletters: express consent since");
    expect(page).toContain("import: mailchimp-subscribed-members.csv: the Summer Institute sign-up form");
    expect(page).toContain("Yes, send me the network's newsletter.");
    // The upload is gone once imported.
    expect((await admin.page(sent.location!)).status).toBe(404);
  });

  it("imports nothing while a row has a problem, unless asked for the sound rows; a kept email is filled in, not doubled", async () => {
    const csv = ["Name,Email,Role", "Aroha Ngata,AROHA.NGATA@sd61.example,Helping teacher", "No Email,,", "Bad Email,bad@@example,", "New Person,new.person@sd5.example,Principal"].join("\r\n");
    const sent = await upload("mixed.csv", new TextEncoder().encode(csv));
    const review = visibleText((await admin.page(sent.location!)).html);
    expect(review).toContain("2 rows are ready; 2 problems found.");
    expect(review).toContain("3 Email No email.");
    expect(review).toContain("4 Email “bad@@example” is not an email address.");
    const before = await count();
    const refused = await admin.post("/network/contacts/import", { intent: "import", importId: fileId(sent.location), "m-name": "0", "m-email": "1", "m-role": "2" });
    expect(refused.status).toBe(422);
    expect(visibleText(refused.html)).toContain("Nothing was imported: 2 problems");
    expect(await count()).toBe(before);
    const sound = await admin.post("/network/contacts/import", { intent: "import", importId: fileId(sent.location), "m-name": "0", "m-email": "1", "m-role": "2", soundOnly: "yes" });
    expect(visibleText((await admin.page(sound.location!)).html)).toContain("1 new contact, 1 filled in, 2 rows left out for their problems");
    expect(await count()).toBe(before + 1);
    const aroha = await server.services.db.selectFrom("contacts").selectAll().where("email", "=", "aroha.ngata@sd61.example").executeTakeFirstOrThrow();
    expect(aroha).toMatchObject({ role: "Helping teacher", notes: "Met at the Summer Institute" });
  });

  it("exports the contacts a search finds, with each one's consent, and no cell a spreadsheet would run", async () => {
    await admin.post("/network/contacts", { name: '=HYPERLINK("http://evil.example","Click")', email: "formula@school.example", tags: "formula" });
    const response = await admin.request("/network/contacts.csv?tag=formula");
    expect(response.headers.get("content-type")).toContain("text/csv");
    const csv = new TextDecoder().decode(await response.arrayBuffer());
    expect(csv.split("\r\n")[0]).toBe('"name","email","organization","role","region","has_account","newsletter_consent"');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")","formula@school.example","","","","no","none"`);
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(2);
    const all = new TextDecoder().decode(await (await admin.request("/network/contacts.csv?q=sd61")).arrayBuffer());
    expect(all).toContain('"Aroha Ngata","aroha.ngata@sd61.example","","Helping teacher","","no","express"');
    const member = new Visitor(server.url);
    await member.signIn("member@csl-commons.example");
    expect((await member.request("/network/contacts.csv")).status).toBe(403);
  });

  it("reads a file Excel saved in Windows-1252 with its accents", async () => {
    const sent = await upload("excel.csv", fs.readFileSync("tests/fixtures/contacts/excel-windows-1252.csv"));
    expect(visibleText((await admin.page(sent.location!)).html)).toContain("Read as Windows-1252");
    await admin.post("/network/contacts/import", { intent: "import", importId: fileId(sent.location), "m-name": "0", "m-email": "1", "m-organization": "2", "m-role": "3", "m-notes": "4" });
    const andre = await server.services.db.selectFrom("contacts").innerJoin("organizations", "organizations.id", "contacts.organization_id").select(["contacts.name", "contacts.notes", "organizations.name as organization"]).where("email", "=", "andre.cote@sd36.example").executeTakeFirstOrThrow();
    expect(andre).toEqual({ name: "André Côté", notes: "Café chat – Thursdays", organization: "SD 36 Surrey" });
  });

  it("checks 50,000 rows off the main thread: the server answers meanwhile, and the report counts every problem", async () => {
    const rows = ["Name,Email"];
    for (let i = 0; i < 50_000; i++) rows.push(i % 1000 === 999 ? `Person ${i},not-an-email` : `Person ${i},person${i}@big.example`);
    const sent = await upload("big.csv", new TextEncoder().encode(rows.join("\n")));
    expect(sent.status).toBe(302);
    const [review, health] = await Promise.all([admin.page(sent.location!), fetch(`${server.url}/healthz`)]);
    expect(health.status).toBe(200);
    const text = visibleText(review.html);
    expect(text).toContain("big.csv: 50000 rows");
    expect(text).toContain("49950 rows are ready; 50 problems found.");
    // A member cannot upload or see an upload.
    const member = new Visitor(server.url);
    await member.signIn("member@csl-commons.example");
    expect((await member.page(sent.location!)).status).toBe(403);
  });
});
