// Debian's Chromium driven by playwright-core, with axe-core checking every page a story visits
// and screenshots of the main pages saved to docs/screenshots/.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startSmtp } from "../helpers/smtp";
import { startTestServer, type TestServer } from "../helpers/server";
import { meetingNow } from "../helpers/roomClient";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const screenshotDir = path.resolve("docs/screenshots");

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/** A started server and Chromium for the stories of one file, both stopped after them; with `smtp`, a real mail server the platform sends to. */
export function storyStage(options: { smtp?: boolean } = {}): { server: TestServer; browser: Browser; smtp: Awaited<ReturnType<typeof startSmtp>> } {
  const stage = {} as { server: TestServer; browser: Browser; smtp: Awaited<ReturnType<typeof startSmtp>> };
  beforeAll(async () => {
    if (options.smtp) stage.smtp = await startSmtp();
    [stage.server, stage.browser] = await Promise.all([startTestServer(options.smtp ? { env: { SMTP_URL: stage.smtp.url } } : {}), launchChromium()]);
  });
  afterAll(async () => {
    await stage.browser?.close();
    await stage.server?.stop();
    await stage.smtp?.close();
  });
  return stage;
}

/** What the Content-Security-Policy refused on each page: the app must run under it untouched. */
const refusedByPolicy = new WeakMap<Page, string[]>();

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const refused: string[] = [];
  refusedByPolicy.set(page, refused);
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) refused.push(message.text());
  });
  return page;
}

/** Fails when the page's Content-Security-Policy refused anything the app tried to do. */
export function expectNothingRefused(page: Page): void {
  const refused = refusedByPolicy.get(page) ?? [];
  if (refused.length > 0) throw new Error(`The Content-Security-Policy refused, on ${page.url()}:\n${refused.join("\n")}`);
}

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Fails on any WCAG 2.2 A/AA violation axe-core finds on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  // Through the debugging protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  if (violations.length > 0) {
    const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`).join("\n");
    throw new Error(`Accessibility violations on ${page.url()}:\n${report}`);
  }
}

/** Checks the page with axe and, when named, saves its screenshot. */
export async function look(page: Page, screenshot?: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  expectNothingRefused(page);
  await expectAccessible(page);
  if (screenshot) {
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, `${screenshot}.png`), fullPage: true });
  }
}

export async function signIn(page: Page, base: string, email: string, password = "circle-of-practice"): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/**
 * axe needs scripts. For a page seen with JavaScript off, check the very HTML it received in a
 * scripted page on the same origin (styles load through a <base> to the same server), so that state is checked too.
 */
export async function lookWithoutScripts(page: Page, browser: Browser): Promise<void> {
  const html = await page.content();
  const origin = new URL(page.url()).origin;
  const checker = await newPage(browser);
  // Opened on the same origin first: the server's resources are for same-origin pages only.
  await checker.goto(`${origin}/healthz`);
  await checker.setContent(html.replace(/<head>/i, `<head><base href="${origin}/">`).replace(/<script[\s\S]*?<\/script>/gi, ""), { waitUntil: "networkidle" });
  await expectAccessible(checker);
  await checker.context().close();
}

/** A story in a live room held now: its stage, its address, and a way in for each person (signed in and connected). */
export function roomStory(slug = "provincial-community-of-practice", pageOptions: BrowserContextOptions = {}) {
  const stage = storyStage();
  const room = { url: "" };
  beforeAll(async () => {
    const meeting = await meetingNow(stage.server, slug);
    room.url = `${stage.server.url}/meetings/${meeting.seriesId}/${meeting.key}/room`;
  });
  async function enter(email: string, options: BrowserContextOptions = {}): Promise<Page> {
    const page = await newPage(stage.browser, { ...pageOptions, ...options });
    await signIn(page, stage.server.url, email);
    await page.goto(room.url);
    await page.getByText("Connected", { exact: true }).waitFor();
    return page;
  }
  return { stage, room, enter };
}
