// The public face against a started server (SQLite, and PostgreSQL in CI): the public home with the
// admin's Markdown words (made harmless), the resources library's search with highlighted matches,
// uploaded PDFs (checked, size-limited, served with their type and a download disposition, members-
// only ones to members), and the "practise it" links into the platform.
import fs from "node:fs";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";
import { pdfPath } from "../../server/resourceFiles";

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

/** A real PDF, made by PDFKit. */
function makePdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.text(text);
    doc.end();
  });
}

const resourceFields = (over: Record<string, string> = {}) => ({ intent: "save", title: "Iceberg worksheet", summary: "A printable worksheet for the four levels of the iceberg.", body: "", linkUrl: "", domain: "system", kind: "tool", audience: "educators", visibility: "public", tags: "iceberg, worksheet", ...over });

async function postMultipart(visitor: Visitor, path: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string }) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append("pdf", new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/pdf" }), file.name);
  const response = await visitor.request(path, { method: "POST", body });
  return { status: response.status, html: await response.text(), location: response.headers.get("location") };
}

describe("the public home", () => {
  it("shows a visitor what CSL is, the next event, the newest resources, the sign-up and training", async () => {
    const home = await new Visitor(server.url).page("/");
    expect(home.status).toBe(200);
    const text = visibleText(home.html);
    expect(text).toContain("Compassionate Systems Leadership (CSL) brings together mindfulness");
    expect(text).toContain("Three domains of practice");
    expect(text).toContain("Growing Capacity: seeing below the surface with the iceberg model");
    expect(text).toContain("The mindful pause");
    expect(text).toContain("Sign me up");
    expect(home.html).toContain('href="/training"');
    // A member still gets their own home.
    expect(visibleText((await admin.page("/")).html)).toContain("Welcome, Maya");
  });

  it("takes the admin's Markdown at once, with anything harmful made harmless, and gives back the original words", async () => {
    const saved = await admin.post("/network/site", { key: "home-training", body: "**Ask us** about training. <script>alert(1)</script> [bad](javascript:alert(1)) <img src=x onerror=alert(1)>" });
    expect(saved.status).toBe(200);
    const home = await new Visitor(server.url).page("/");
    expect(home.html).toContain("<strong>Ask us</strong> about training.");
    expect(home.html).not.toMatch(/<script>alert|href="javascript:|<img src="?x/);
    expect(home.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    await admin.post("/network/site", { key: "home-training", intent: "original", body: "" });
    expect(visibleText((await new Visitor(server.url).page("/")).html)).toContain("from a first introduction to a year-long Going Deeper cohort");
    expect((await admin.post("/network/site", { key: "home-nowhere", body: "x" })).status).toBe(400);
    // The introductions of the other public pages are the admin's too.
    await admin.post("/network/site", { key: "events-intro", body: "Come and *practise* with us." });
    expect((await new Visitor(server.url).page("/events")).html).toContain("Come and <em>practise</em> with us.");
    expect(visibleText((await new Visitor(server.url).page("/training")).html)).toContain("For districts, schools and organizations in British Columbia.");
  });
});

describe("the resources library", () => {
  it("searches by words, domain, kind and tag, with the matches highlighted", async () => {
    const visitor = new Visitor(server.url);
    const found = await visitor.page("/resources?q=listening");
    expect(found.html).toMatch(/<mark[^>]*>[Ll]istening<\/mark>/);
    expect(visibleText(found.html)).toContain("Deep listening");
    expect(visibleText((await visitor.page("/resources?domain=system&kind=practice")).html)).toMatch(/11 resources match/);
    expect(visibleText((await visitor.page("/resources?tag=mental-models")).html)).toContain("The ladder of inference");
    // Query syntax is only punctuation: an answer, never an error (PostgreSQL drops "or" as a stop word).
    const syntax = await visitor.page("/resources?q=%22%20OR%20*");
    expect(syntax.status).toBe(200);
    expect(visibleText(syntax.html)).toMatch(/Nothing matches\.|resources match/);
    // A practice page links to where it is practised.
    const page = await visitor.page("/resources/the-iceberg-model");
    expect(page.html).toContain('href="/practice/canvas?template=iceberg"');
  });

  it("keeps an uploaded PDF (real, small enough) and serves it as a download; members-only stays with members", async () => {
    const pdf = await makePdf("The iceberg: events, patterns, structures, mental models.");
    const created = await postMultipart(admin, "/network/resources", resourceFields({ visibility: "members" }), { name: "Iceberg worksheet (été).pdf", bytes: pdf });
    expect(created.status).toBe(302);
    const slug = created.location!.split("/").pop()!;
    const row = await server.services.db.selectFrom("resources").select(["id", "file_bytes", "file_name"]).where("slug", "=", slug).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ file_bytes: pdf.byteLength, file_name: "Iceberg worksheet (été).pdf" });
    expect(fs.readFileSync(pdfPath(server.services.config.filesDir, row.id)).equals(pdf)).toBe(true);

    const visitor = new Visitor(server.url);
    expect((await visitor.get(`/resources/${slug}`)).status).toBe(302);
    expect((await visitor.get(`/resources/${slug}/file`)).status).toBe(302);
    expect(visibleText((await visitor.page("/resources?q=worksheet")).html)).toContain("Nothing matches.");

    const member = new Visitor(server.url);
    await member.signIn("member@csl-commons.example");
    expect(visibleText((await member.page("/resources?q=worksheet")).html)).toContain("Iceberg worksheet");
    const file = await member.get(`/resources/${slug}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="Iceberg worksheet (_t_).pdf"; filename*=UTF-8''Iceberg%20worksheet%20(%C3%A9t%C3%A9).pdf`);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);

    // Removed: the file goes from the disk and the page.
    const edit = await postMultipart(admin, `/network/resources/${row.id}`, resourceFields({ visibility: "members", body: "Now a page.", removePdf: "yes" }));
    expect(edit.status).toBe(302);
    expect(fs.existsSync(pdfPath(server.services.config.filesDir, row.id))).toBe(false);
    expect((await member.get(`/resources/${slug}/file`)).status).toBe(404);
  });

  it("refuses a file that is not a PDF, one too large, and a page with neither words, link nor file", async () => {
    const before = (await server.services.db.selectFrom("resources").select("id").execute()).length;
    const notPdf = await postMultipart(admin, "/network/resources", resourceFields(), { name: "notes.pdf", bytes: new TextEncoder().encode("<html><script>alert(1)</script></html>") });
    expect(notPdf.status).toBe(400);
    expect(visibleText(notPdf.html)).toContain("That file is not a PDF. Please upload a PDF document.");
    const big = Buffer.concat([await makePdf("big"), Buffer.alloc(10 * 1024 * 1024 + 10, 32), Buffer.from("\n%%EOF\n")]);
    const tooLarge = await postMultipart(admin, "/network/resources", resourceFields(), { name: "big.pdf", bytes: big });
    expect(tooLarge.status).toBe(400);
    expect(visibleText(tooLarge.html)).toContain("The PDF is larger than 10 MB.");
    const huge = await postMultipart(admin, "/network/resources", resourceFields(), { name: "huge.pdf", bytes: Buffer.alloc(12 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(visibleText(huge.html)).toContain("larger than 11 MB");
    const empty = await postMultipart(admin, "/network/resources", resourceFields());
    expect(visibleText(empty.html)).toContain("Write the page, give a link, or upload a PDF.");
    expect((await server.services.db.selectFrom("resources").select("id").execute()).length).toBe(before);
    // The server is still answering.
    expect((await admin.get("/resources")).status).toBe(200);
  });

  it("shows a page's Markdown harmlessly, and searches it at once", async () => {
    const created = await postMultipart(admin, "/network/resources", resourceFields({ title: "Circle agreements", summary: "Agreements a circle makes before its first round.", body: "## Agreements\n\nSpeak from the heart.<script>alert(1)</script>\n\n[x](javascript:alert(1))", domain: "each-other", kind: "practice", tags: "circle" }));
    expect(created.status).toBe(302);
    const page = await new Visitor(server.url).page(created.location!);
    expect(page.html).toContain("<h2>Agreements</h2>");
    expect(page.html).not.toMatch(/<script>alert|href="javascript:/);
    expect(visibleText((await new Visitor(server.url).page("/resources?q=heart")).html)).toContain("Circle agreements");
  });
});

describe("practising it on the platform", () => {
  it("takes a member to their community's new-map form with the template chosen, and a visitor to sign in", async () => {
    const member = new Visitor(server.url);
    await member.signIn("member@csl-commons.example");
    const go = await member.get("/practice/canvas?template=iceberg");
    expect(go.status).toBe(302);
    const to = go.headers.get("location")!;
    expect(to).toMatch(/^\/communities\/[a-z-]+\?template=iceberg#new-map$/);
    expect((await member.page(to.replace(/#.*/, ""))).html).toMatch(/<option value="iceberg" selected=""/);
    const room = await member.get("/practice/room");
    expect(room.headers.get("location")).toMatch(/^\/meetings\//);
    expect((await new Visitor(server.url).get("/practice/room")).headers.get("location")).toBe("/login?redirectTo=%2Fpractice%2Froom");
    expect((await member.get("/practice/elsewhere")).status).toBe(404);
  });
});
