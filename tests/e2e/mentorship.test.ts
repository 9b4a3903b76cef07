// Browser story: a coordinator runs the mentorship cycle, locks one pair, re-runs, publishes; a
// mentee opens their match and accepts.
import { describe, expect, it } from "vitest";
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
});
