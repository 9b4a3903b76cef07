// Browser story (issue 17): two facilitators build a Fixes that Fail map from scratch; the
// archetype hint appears for everyone, with its practice page; Daniel walks the loops while a
// member follows (the loop highlighted, the rest dimmed, read aloud in plain words); who made each
// part is shown and the map's making replayed; the map leaves as XMILE; a dismissed hint is gone.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { mapFormat } from "../../shared/cld/formats";
import { look, newPage, signIn, storyStage } from "./browser";
import { addVariable, connect } from "./canvasSteps";

const stage = storyStage();

describe("thinking with a map", () => {
  it("two facilitators build Fixes that Fail, the hint appears, the loops are walked with a member following, and the map leaves as XMILE", async () => {
    const daniel = await newPage(stage.browser);
    await signIn(daniel, stage.server.url, "daniel.okafor@csl-commons.example");
    await daniel.goto(`${stage.server.url}/communities/provincial-community-of-practice`);
    await daniel.getByLabel("New map").fill("Why do the incidents come back?");
    await daniel.getByRole("button", { name: "Start a map" }).click();
    await daniel.waitForURL(/\/canvases\/[a-z2-9]{16}$/);
    await daniel.getByText("Live", { exact: true }).waitFor();

    const priya = await newPage(stage.browser);
    await signIn(priya, stage.server.url, "priya.sandhu@csl-commons.example");
    await priya.goto(daniel.url());
    await priya.getByText("Live", { exact: true }).waitFor();
    const sam = await newPage(stage.browser);
    await signIn(sam, stage.server.url, "member@csl-commons.example");
    await sam.goto(daniel.url());
    await sam.getByText("Live", { exact: true }).waitFor();

    await addVariable(daniel, "Behaviour incidents");
    await addVariable(daniel, "Suspensions");
    await addVariable(priya, "Connection to school");
    await daniel.locator(".react-flow__node", { hasText: "Connection to school" }).waitFor();
    await priya.locator(".react-flow__node", { hasText: "Suspensions" }).waitFor();
    await connect(daniel, "Behaviour incidents", "Suspensions", "+");
    await connect(daniel, "Suspensions", "Behaviour incidents", "-");
    // Only a balancing loop so far: no archetype yet, and the panel says so.
    await sam.getByText("No archetype recognised in this map's loops.").waitFor();
    await priya.getByText("Suspensions → Behaviour incidents (−)").waitFor();
    await connect(priya, "Suspensions", "Connection to school", "-");
    await priya.getByRole("button", { name: "Mark delay on Suspensions to Connection to school" }).click();
    await connect(priya, "Connection to school", "Behaviour incidents", "-");

    // The hint appears for everyone, as a hypothesis naming the loops and where they meet.
    const hint = 'This may be Fixes that Fail: B1 and R1 meet at "Behaviour incidents" and "Suspensions".';
    for (const page of [daniel, priya, sam]) await page.getByText(hint).waitFor();
    const about = sam.locator('[data-hint="fixes-that-fail"]').getByRole("link", { name: "About Fixes that Fail" });
    expect(await about.getAttribute("href")).toBe("/resources/archetype-fixes-that-fail");
    await daniel.locator('[data-hint="fixes-that-fail"]').getByRole("button", { name: "Show its loops" }).click();
    await look(daniel, "canvas-archetype-hint");

    // Daniel walks the loops, shortest first; Sam follows: the loop read aloud, the rest dimmed.
    await daniel.getByRole("button", { name: "Walk the loops" }).click();
    const banner = sam.locator("[data-walk-loop]");
    await sam.getByText("Daniel Okafor is walking the loops: loop 1 of 2, B1 (balancing)").waitFor();
    await banner.getByText("As Behaviour incidents rises, Suspensions rises, which lowers Behaviour incidents again.", { exact: false }).waitFor();
    await sam.locator('[data-dimmed="true"]', { hasText: "Connection to school" }).waitFor();
    expect(await sam.locator('.react-flow__node [data-dimmed="true"]').count()).toBe(1);
    await look(sam, "canvas-walk-member");
    await daniel.getByRole("button", { name: "Next loop" }).click();
    await sam.getByText("loop 2 of 2, R1 (reinforcing)").waitFor();
    await banner
      .getByText("As Behaviour incidents rises, Suspensions rises, which after a delay lowers Connection to school, which raises Behaviour incidents again. A reinforcing loop", { exact: false })
      .waitFor();
    await sam.locator('.react-flow__node [data-dimmed="true"]').first().waitFor({ state: "detached" });
    await daniel.getByRole("button", { name: "End the walk" }).click();
    await banner.waitFor({ state: "detached" });

    // Who made what: the link's delay was Priya's; the replay starts from the empty map.
    await daniel.locator(".react-flow__node", { hasText: "Connection to school" }).click();
    await daniel.locator("[data-provenance]").getByText(/^Added by Priya Sandhu/).waitFor();
    await daniel.getByRole("button", { name: "Replay its history" }).click();
    await daniel.getByLabel(/^Step \d+ of \d+$/).waitFor();
    await daniel.getByRole("button", { name: "Back" }).click();
    await daniel.getByRole("table", { name: "Contributions per person" }).getByRole("rowheader", { name: "Priya Sandhu" }).waitFor();
    const slider = daniel.getByLabel(/^Step \d+ of \d+$/);
    await slider.fill("0");
    await daniel.getByText("The empty map.").waitFor();
    await slider.fill("1");
    await daniel.locator("[data-history-step]").getByText("Daniel Okafor added the variable “Behaviour incidents”.", { exact: false }).waitFor();
    await look(daniel, "canvas-history");

    const [xmile] = await Promise.all([daniel.waitForEvent("download"), daniel.getByRole("link", { name: /^Download as XMILE/ }).click()]);
    expect(xmile.suggestedFilename()).toBe("Why-do-the-incidents-come-back.xmile");
    const parsed = mapFormat("xmile")!.parse(fs.readFileSync((await xmile.path())!, "utf8"));
    expect(parsed.ok && parsed.diagram.variables.map((v) => v.label).sort()).toEqual(["Behaviour incidents", "Connection to school", "Suspensions"]);
    expect(parsed.ok && parsed.diagram.links.map((l) => `${l.polarity}${l.delay ? "||" : ""}`).sort()).toEqual(["+", "-", "-", "-||"]);

    // A facilitator sets the hint aside for the map: gone for everyone.
    await daniel.getByRole("button", { name: "Dismiss the Fixes that Fail hint for this map" }).click();
    await sam.getByText("Every hint for this map has been set aside.").waitFor();
    await daniel.context().close();
    await priya.context().close();
    await sam.context().close();
  });
});
