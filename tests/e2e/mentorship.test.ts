// Browser stories: a coordinator runs the mentorship cycle, locks one pair, re-runs, publishes; a
// mentee opens their match and accepts. Then a whole cycle from opening to closing: settings
// changed before matching, a run published, a decline and a rematch, a pair made by hand, runs
// compared, a pair accepted, the cycle closed, the survey answered and the report read.
import { describe, expect, it } from "vitest";
import { Visitor } from "../helpers/server";
import { look, newPage, signIn, storyStage } from "./browser";

const stage = storyStage();

describe("a mentorship cycle", () => {
  it("a coordinator runs, locks a pair, re-runs and publishes; the mentee accepts", async () => {
    const maya = await newPage(stage.browser);
    await signIn(maya, stage.server.url, "admin@csl-commons.example");
    await maya.getByRole("link", { name: "Mentorship", exact: true }).click();
    await maya.getByRole("link", { name: "Mentorship 2026–27" }).click();
    await maya.getByRole("button", { name: "Run matching" }).click();
    await maya.getByText("Hana Sato: No mentor shares a time window with them.").waitFor();
    const samRow = maya.getByRole("row").filter({ hasText: "Sam Whitehorse" });
    const mentor = (await samRow.getByRole("cell").nth(1).innerText()).trim();
    await samRow.getByRole("button", { name: /^Lock Sam Whitehorse/ }).click();
    await maya.getByRole("button", { name: /^Unlock Sam Whitehorse/ }).waitFor();
    await maya.getByRole("button", { name: "Run matching" }).click();
    await maya.getByText(/Compared with the run before/).waitFor();
    await expect(maya.getByRole("row").filter({ hasText: "Sam Whitehorse" }).getByRole("cell").nth(1).innerText()).resolves.toContain(mentor);
    await maya.getByRole("button", { name: /^Unlock Sam Whitehorse/ }).waitFor();
    await look(maya, "mentorship-run");
    await maya.getByRole("button", { name: "Publish these pairs" }).click();
    await maya.getByText(/Published 5 pairs/).waitFor();

    const sam = await newPage(stage.browser);
    await signIn(sam, stage.server.url, "member@csl-commons.example");
    await sam.goto(`${stage.server.url}/mentorship`);
    await sam.getByRole("link", { name: `Your mentor: ${mentor}` }).click();
    await sam.getByRole("heading", { name: "Why you were matched" }).waitFor();
    await sam.getByRole("heading", { name: `About ${mentor}` }).waitFor();
    await sam.getByRole("button", { name: "Accept" }).click();
    await sam.getByText(`You have accepted. Waiting for ${mentor}.`).waitFor();
    await look(sam, "mentorship-pair");

    await maya.goto(`${maya.url()}/report`);
    await maya.getByRole("heading", { name: "Pairs by status" }).waitFor();
    await look(maya, "mentorship-report");
    await maya.context().close();
    await sam.context().close();
  });

  it("a whole cycle: open, settings, intake, run and publish, a decline and rematch, a pair by hand, runs compared, closing, the survey and the report", async () => {
    const base = stage.server.url;
    const maya = await newPage(stage.browser);
    await signIn(maya, base, "admin@csl-commons.example");
    await maya.goto(`${base}/mentorship`);
    await maya.getByLabel("Name").fill("Mentorship 2027–28");
    await maya.getByLabel("Intake closes").fill("2099-01-10");
    await maya.getByLabel("Matching date").fill("2099-01-20");
    await maya.getByRole("button", { name: "Open the cycle" }).click();
    await maya.getByRole("heading", { name: "Mentorship 2027–28" }).waitFor();
    const cycleUrl = maya.url();
    // Before matching starts, the settings can still change: here colleagues may mentor colleagues.
    await maya.getByLabel("Region", { exact: true }).fill("20");
    await maya.getByLabel("Never pair people from the same school or district office").uncheck();
    await maya.getByLabel("Never pair earlier partners again").uncheck();
    await maya.getByRole("button", { name: "Save the settings" }).click();
    await maya.getByText("Saved.", { exact: true }).waitFor();
    await look(maya, "mentorship-settings");

    // Intake: two mentors with one place each, three mentees who all fit them.
    const answers = (role: "mentor" | "mentee") => ({
      intent: "profile", role, yearsPractice: role === "mentor" ? "9" : "1", region: "Vancouver Island", district: "61", languages: "English",
      sectors: ["k12-classroom"], availability: ["weekday-evening"], modes: ["virtual"], capacity: "1", strengths: ["system"], goals: "Learn to see the system", focus: ["system"], districtPreference: "either",
    });
    for (const [first, role] of [["lena.fischer", "mentor"], ["marcus.lee", "mentor"], ["tomas.reyes", "mentee"], ["noah.bergstrom", "mentee"], ["grace.chen", "mentee"]] as const) {
      const person = new Visitor(base);
      await person.signIn(`${first}@csl-commons.example`);
      expect((await person.post(new URL(cycleUrl).pathname, answers(role))).status).toBe(200);
    }

    await maya.goto(cycleUrl);
    await maya.getByRole("button", { name: "Run matching" }).click();
    await maya.getByText("2 of 3", { exact: true }).waitFor();
    // The first mentee the run pairs will decline.
    const pairsTable = maya.getByRole("table", { name: "Proposed pairs" });
    const decliner = (await pairsTable.getByRole("row").nth(1).getByRole("cell").first().innerText()).trim();
    const emails: Record<string, string> = { "Tomás Reyes": "tomas.reyes", "Noah Bergström": "noah.bergstrom", "Grace Chen": "grace.chen" };
    expect(Object.keys(emails)).toContain(decliner);
    await maya.getByRole("button", { name: "Publish these pairs" }).click();
    await maya.getByText("Published 2 pairs.").waitFor();

    const mentee = await newPage(stage.browser);
    await signIn(mentee, base, `${emails[decliner]}@csl-commons.example`);
    await mentee.goto(cycleUrl);
    await mentee.getByRole("link", { name: /^Your mentor: / }).click();
    await mentee.getByLabel("Or decline, saying why").fill("We already work in the same team");
    await mentee.getByRole("button", { name: "Decline" }).click();
    await mentee.getByText(/This pair was declined/).waitFor();
    await look(mentee, "mentorship-declined");

    // The rematch: the freed place goes to the mentee left over, never back to the one who declined.
    await maya.goto(cycleUrl);
    await maya.getByRole("button", { name: "Run matching" }).click();
    await maya.getByText(/Compared with the run before/).waitFor();
    await maya.getByRole("button", { name: "Publish these pairs" }).click();
    await maya.getByText(/Published 1 pair\./).waitFor();
    await maya.getByText(/Declined \(“We already work in the same team”\)/).waitFor();

    // A third mentor joins late; Maya pairs the mentee who declined with her by hand, seeing the fit first.
    const aiyana = new Visitor(base);
    await aiyana.signIn("aiyana.george@csl-commons.example");
    expect((await aiyana.post(new URL(cycleUrl).pathname, answers("mentor"))).status).toBe(200);
    await maya.goto(cycleUrl);
    await maya.getByLabel("Mentor (name or email)").fill("Aiyana George");
    await maya.getByLabel("Mentee (name or email)").fill(decliner);
    await maya.getByRole("button", { name: "See how they fit" }).click();
    await maya.getByText(new RegExp(`${decliner} with Aiyana George: \\d+ points`)).waitFor();
    await maya.getByRole("button", { name: "Propose this pair" }).click();
    await maya.getByText("Proposed. Both people have been told").waitFor();

    // Every run is kept; the two latest compared, like with like.
    await maya.getByRole("link", { name: "Every run, and any two compared" }).click();
    await maya.getByRole("button", { name: "Compare" }).click();
    await maya.getByText(/over the \d+ mentees? both tried to match/).waitFor();
    await look(maya, "mentorship-runs");

    // The mentee and Aiyana accept the pair made by hand; the cycle closes; the mentee answers the survey.
    await mentee.goto(cycleUrl);
    await mentee.getByRole("link", { name: "Your mentor: Aiyana George" }).click();
    await mentee.waitForURL(/\/mentorship\/pairs\//);
    const pairUrl = new URL(mentee.url()).pathname;
    await mentee.getByRole("button", { name: "Accept" }).click();
    await mentee.getByText("You have accepted. Waiting for Aiyana George.").waitFor();
    const accepted = await aiyana.post(pairUrl, { intent: "accept" });
    expect(accepted.status, accepted.html.slice(0, 3000)).toBe(200);

    await maya.goto(cycleUrl);
    await maya.getByText("Close this cycle", { exact: true }).click();
    await maya.getByRole("button", { name: "Yes, close it" }).click();
    await maya.getByText("This cycle is closed.").waitFor();

    await mentee.goto(`${base}${pairUrl}`);
    await mentee.getByRole("heading", { name: "End-of-cycle survey" }).waitFor();
    for (const statement of ["deepened my own practice", "generative conversations", "see and work with the systems", "recommend the mentorship program"]) {
      await mentee.getByRole("group", { name: new RegExp(statement) }).getByLabel("4").check();
    }
    await mentee.getByLabel("What should the program keep or change? (optional)").fill("More time for systems mapping together");
    await look(mentee, "mentorship-survey");
    await mentee.getByRole("button", { name: "Send to the program" }).click();
    await mentee.getByText(/Thank you: your answers went to the program/).waitFor();

    await maya.goto(`${cycleUrl}/report`);
    await maya.getByText("0 mentors and 1 mentee answered").waitFor();
    expect(await maya.getByText("More time for systems mapping together").count()).toBe(0);
    await look(maya, "mentorship-report-closed");
    for (const page of [maya, mentee]) await page.context().close();
  });
});
