// Browser story (axe on every page): a coordinator makes an anonymous before-and-after survey for
// the demo workshop's registrants from the CSL set and opens its first round; twelve people answer
// through their emailed links, keeping the code they are given (one makes hers from answers she can
// repeat); after the workshop the second round opens, eleven come back with their codes and one who
// lost hers answers unpaired; the coordinator reads the report, and a filter that would single out a
// small group is refused.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { look, newPage, signIn, storyStage } from "./browser";
import { Visitor } from "../helpers/server";
import { until } from "../helpers/wait";

const stage = storyStage({ smtp: true });
const people = Array.from({ length: 12 }, (_, i) => ({ email: `circle.${i}@school.example`, name: `Participant ${i + 1}`, district: i < 7 ? "SD 36 Surrey" : "SD 5 Southeast Kootenay" }));

const unfolded = (body: string) => body.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
const links = (email: string) =>
  stage.smtp.received
    .filter((m) => m.to.includes(email))
    .map((m) => /(https?:\/\/[^\s]+\/surveys\/[a-z2-9]{32})/.exec(unfolded(m.body))?.[1])
    .filter((l): l is string => Boolean(l));

/** Answers every statement (level 1–5 by question), the open question, and consent, as a person would by clicking. */
async function answerAll(page: Page, level: (question: number) => number) {
  const groups = page.locator("fieldset:has(input[type=radio][value='5'])");
  const count = await groups.count();
  for (let q = 0; q < count; q++) await groups.nth(q).getByRole("radio", { name: ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"][level(q) - 1], exact: true }).check();
  await page.getByLabel("Your answer (optional; please name nobody)").fill("I slow down before I answer now.");
  await page.getByRole("group", { name: "Research use" }).getByRole("radio", { name: "Yes" }).check();
}

describe("an evaluation survey before and after a workshop", () => {
  it("is made from the CSL set, answered by twelve people twice, and reported without exposing a small group", async () => {
    const base = stage.server.url;
    const { db } = stage.server.services;
    const event = await db.selectFrom("events").select(["id", "slug"]).where("title", "like", "Growing Capacity%").executeTakeFirstOrThrow();
    for (const [i, p] of people.entries()) await new Visitor(base).post(`/events/${event.slug}`, { name: p.name, email: p.email, organization: p.district, role: "Teacher", district: "", website: "" }, { "x-forwarded-for": `10.9.0.${i}` });

    const maya = await newPage(stage.browser);
    await signIn(maya, base, "admin@csl-commons.example");
    await maya.getByRole("link", { name: "Evaluation" }).click();
    await maya.getByRole("heading", { name: "Evaluation", level: 1 }).waitFor();
    await maya.getByLabel("Title").fill("Growing Capacity: before and after");
    await maya.getByLabel("Introduction (shown to everyone before the questions)").fill("Ten statements, before the workshop and after it.");
    await maya.getByLabel("Goes to").selectOption({ label: "Event registrants: Growing Capacity: seeing below the surface with the iceberg model" });
    await look(maya, "evaluation");
    await maya.getByRole("button", { name: "Make the survey" }).click();
    await maya.getByRole("button", { name: /Start from the CSL set/ }).click();
    await maya.getByText("Questions (10)").waitFor();
    await maya.getByRole("button", { name: "Open the first round (before) and invite everyone" }).click();
    await maya.getByText(/is open\. \d+ invitations sent\./).waitFor();
    await look(maya, "evaluation-survey");

    const codes: string[] = [];
    for (const [i, p] of people.entries()) {
      await until(() => links(p.email).length === 1, `${p.email}'s invitation`);
      const page = await newPage(stage.browser);
      await page.goto(links(p.email)[0]);
      await page.getByText("Your answers are anonymous").waitFor();
      await answerAll(page, (q) => 1 + ((i * 2 + q * 3 + (q % 2)) % 4));
      if (i === 11) {
        await page.getByLabel("Make my code from answers I can give again").check();
        await page.getByLabel("First two letters of a parent's or guardian's first name").fill("Ro");
        await page.getByLabel("The day of the month you were born").fill("14");
        await page.getByLabel("Last two letters of the town where you were born").fill("Kamloops");
      }
      if (i === 0) await look(page, "survey-answer");
      await page.getByRole("button", { name: "Send my answers" }).click();
      await page.getByRole("heading", { name: "Thank you" }).waitFor();
      codes.push(i === 11 ? "" : ((await page.locator("strong.font-mono").textContent()) ?? ""));
      if (i === 0) await look(page, "survey-thanks");
      await page.context().close();
    }

    await maya.getByRole("button", { name: "Open the second round (after) and invite everyone" }).click();
    await maya.getByText(/is open\. \d+ invitations sent\./).waitFor();
    for (const [i, p] of people.entries()) {
      await until(() => links(p.email).length === 2, `${p.email}'s second invitation`);
      const page = await newPage(stage.browser);
      await page.goto(links(p.email)[1]);
      await answerAll(page, (q) => Math.min(5, 2 + ((i * 2 + q * 3) % 4) + (i % 2)));
      if (i === 11) {
        await page.getByLabel("Make my code again from the same answers").check();
        await page.getByLabel("First two letters of a parent's or guardian's first name").fill("RO");
        await page.getByLabel("The day of the month you were born").fill("14");
        await page.getByLabel("Last two letters of the town where you were born").fill("kamloops");
      } else if (i === 5) await page.getByLabel("I have lost my code: count my answers on their own").check();
      else await page.getByLabel("Your code").fill(codes[i].toLowerCase());
      await page.getByRole("button", { name: "Send my answers" }).click();
      await page.getByRole("heading", { name: "Thank you" }).waitFor();
      await page.context().close();
    }

    await maya.getByRole("link", { name: "The report" }).click();
    await maya.getByRole("heading", { name: "Report: Growing Capacity: before and after" }).waitFor();
    await maya.getByText("11 people answered both; 2 answers could not be paired").waitFor();
    expect(await maya.getByRole("table").filter({ hasText: "Tests and effect sizes" }).getByRole("row").count()).toBe(13);
    // Seven in Surrey and five in Kootenay: neither may stand alone, so both are combined.
    await maya.getByText("Other groups (combined)").first().waitFor();
    await look(maya, "evaluation-report");
    await maya.goto(`${base}${new URL(maya.url()).pathname}?group=${encodeURIComponent("SD 5 Southeast Kootenay")}`);
    await maya.getByText("Too few responses to show (fewer than 10).").waitFor();
    await look(maya, "evaluation-report-refused");
  });
});
