// Browser story (axe on every page): a visitor on a phone reads the public home, searches the
// resources library and opens a practice page; the admin changes the home's words in Markdown and
// a coordinator publishes a PDF for members, which a member downloads.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { look, newPage, signIn, storyStage } from "./browser";

const stage = storyStage();

function writePdf(file: string): Promise<void> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const out = fs.createWriteStream(file);
    out.on("finish", () => resolve());
    doc.pipe(out);
    doc.fontSize(18).text("Check-in questions for a circle");
    doc.end();
  });
}

describe("the public face", () => {
  it("a visitor on a phone finds CSL, the next workshop and a practice; the admin changes the words; a member downloads a PDF", async () => {
    const base = stage.server.url;
    const visitor = await newPage(stage.browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await visitor.goto(`${base}/`);
    await visitor.getByRole("heading", { name: "BC Compassionate Systems Leadership Network", level: 1 }).waitFor();
    await visitor.getByRole("heading", { name: "Three domains of practice" }).waitFor();
    await visitor.getByRole("link", { name: "Growing Capacity: seeing below the surface with the iceberg model" }).waitFor();
    await look(visitor, "public-home-phone");
    await visitor.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Resources" }).click();
    await visitor.getByRole("heading", { name: "Resources", level: 1 }).waitFor();
    await visitor.getByRole("searchbox", { name: "Search" }).fill("listening");
    await visitor.getByRole("button", { name: "Search" }).click();
    await visitor.getByText("resource matches").or(visitor.getByText("resources match")).first().waitFor();
    expect(await visitor.locator("mark").first().textContent()).toMatch(/listening/i);
    await look(visitor, "resources-search");
    await visitor.getByRole("link", { name: "Deep listening" }).click();
    await visitor.getByRole("heading", { name: "Deep listening", level: 1 }).waitFor();
    await look(visitor, "resource-practice-page");
    await visitor.context().close();

    const admin = await newPage(stage.browser);
    await signIn(admin, base, "admin@csl-commons.example");
    await admin.goto(`${base}/network`);
    await admin.getByRole("link", { name: "The public pages' words" }).click();
    const intro = admin.locator("section, div").filter({ has: admin.getByRole("heading", { name: "Home: what CSL is" }) }).last();
    await intro.getByLabel("Words (Markdown)").fill("Welcome to the **BC CSL Network**: practice with us.\n\n<script>alert('x')</script>");
    await intro.getByRole("button", { name: "Save" }).click();
    await admin.getByText("Saved. The public home shows it now.").waitFor();
    await look(admin, "site-words");

    // A PDF for members only, from the library.
    await admin.goto(`${base}/network/resources`);
    await admin.getByLabel("Title").fill("Check-in questions");
    await admin.getByLabel("Summary").fill("Twelve check-in questions for a circle's first round.");
    await admin.getByLabel("Domain").selectOption({ label: "Each other" });
    await admin.getByLabel("Kind").selectOption({ label: "Tool" });
    await admin.getByLabel("Who may see it").selectOption({ label: "Members only" });
    await admin.getByLabel("Tags").fill("check-in, questions");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "csl-")), "Check-in questions.pdf");
    await writePdf(file);
    await admin.getByLabel("PDF (instead of a link)").setInputFiles(file);
    await look(admin, "resources-library");
    await admin.getByRole("button", { name: "Publish" }).click();
    await admin.getByRole("heading", { name: "Check-in questions", level: 1 }).waitFor();
    await admin.context().close();

    const again = await newPage(stage.browser);
    await again.goto(`${base}/`);
    await again.getByText("practice with us.").waitFor();
    expect(await again.locator("strong", { hasText: "BC CSL Network" }).count()).toBe(1);
    // Shown as the text it is (the typographer curls its quotes), never run.
    expect(await again.getByText(/<script>alert/).count()).toBe(1);
    await again.goto(`${base}/resources?q=twelve`);
    await again.getByText("Nothing matches.").waitFor();
    await again.context().close();

    const member = await newPage(stage.browser);
    await signIn(member, base, "member@csl-commons.example");
    await member.goto(`${base}/resources?q=questions`);
    await member.getByRole("link", { name: /Check-in questions/ }).first().click();
    const [download] = await Promise.all([member.waitForEvent("download"), member.getByRole("link", { name: /Download the PDF/ }).click()]);
    expect(download.suggestedFilename()).toBe("Check-in questions.pdf");
    const saved = await download.path();
    expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe("%PDF-");
    await look(member, "resource-members-pdf");
    await member.context().close();
  });
});
