// Browser story: a facilitator starts a map from the Fixes that Fail archetype, pauses editing and
// presents it step by step to a member in another browser, plays a nudge, and takes the map away
// as a PNG and as Kumu JSON.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { mapFormat } from "../../shared/cld/formats";
import { look, newPage, signIn, storyStage } from "./browser";

const stage = storyStage();

describe("facilitating with a map", () => {
  it("archetype, lock, step-by-step presentation to a member, play, PNG and Kumu export", async () => {
    const daniel = await newPage(stage.browser);
    await signIn(daniel, stage.server.url, "daniel.okafor@csl-commons.example");
    await daniel.goto(`${stage.server.url}/communities/provincial-community-of-practice`);
    await daniel.getByLabel("New map").fill("Fixes that fail in our district");
    await daniel.getByLabel("Start from").selectOption({ label: "Fixes that Fail" });
    await daniel.getByRole("button", { name: "Start a map" }).click();
    await daniel.waitForURL(/\/canvases\/[a-z2-9]{16}$/);
    await daniel.getByText("Live", { exact: true }).waitFor();
    await daniel.locator(".react-flow__node", { hasText: "Unintended consequences" }).waitFor();
    await daniel.getByRole("button", { name: /R1.*Reinforcing/ }).waitFor();
    await daniel.getByRole("button", { name: /B1.*Balancing/ }).waitFor();

    const sam = await newPage(stage.browser);
    await signIn(sam, stage.server.url, "member@csl-commons.example");
    await sam.goto(daniel.url());
    await sam.getByText("Live", { exact: true }).waitFor();
    await sam.locator(".react-flow__node").nth(2).waitFor();

    await daniel.getByRole("button", { name: "Pause editing for everyone else" }).click();
    await sam.getByText("Daniel Okafor has paused editing").waitFor();
    await daniel.getByText("Live", { exact: true }).waitFor();

    await daniel.getByRole("button", { name: "Present step by step" }).click();
    await sam.getByText("Daniel Okafor is presenting: step 1 of 5").waitFor();
    expect(await sam.locator(".react-flow__node").count()).toBe(1);
    await daniel.getByRole("button", { name: "Next step" }).click();
    await sam.getByText("step 2 of 5").waitFor();
    expect(await sam.locator(".react-flow__node").count()).toBe(2);
    await daniel.getByRole("button", { name: "Next step" }).click();
    await daniel.getByRole("button", { name: "Next step" }).click();
    await sam.getByText("step 4 of 5 · loop B1, balancing").waitFor();
    expect(await sam.locator(".react-flow__node").count()).toBe(3);
    await look(sam, "canvas-presented");
    await daniel.getByRole("button", { name: "Next step" }).click();
    await sam.getByText("step 5 of 5 · loop R1, reinforcing").waitFor();
    await daniel.getByRole("button", { name: "Stop presenting" }).click();
    await sam.getByText("is presenting").waitFor({ state: "detached" });

    await daniel.locator(".react-flow__node", { hasText: /^Fix$/ }).click();
    await daniel.getByRole("button", { name: "▲ Up" }).click();
    await daniel.getByLabel("going up").first().waitFor();
    // The facilitator's play is everyone's: Sam watches the same signal travel.
    await sam.getByText(/Daniel Okafor is playing a change through the map/).waitFor();
    await sam.getByLabel("going up").first().waitFor();
    await look(daniel, "canvas-play");

    const [png] = await Promise.all([daniel.waitForEvent("download"), daniel.getByRole("button", { name: "Save as PNG" }).click()]);
    expect(png.suggestedFilename()).toBe("Fixes that fail in our district.png");
    const image = fs.readFileSync((await png.path())!);
    expect(image.subarray(1, 4).toString()).toBe("PNG");
    expect(image.byteLength).toBeGreaterThan(5000);
    // The whole map, even when zoomed in on one corner, as real SVG shapes and text.
    await daniel.locator(".react-flow__node", { hasText: /^Fix$/ }).click();
    const [svgFile] = await Promise.all([daniel.waitForEvent("download"), daniel.getByRole("button", { name: "Save as SVG" }).click()]);
    const svg = fs.readFileSync((await svgFile.path())!, "utf8");
    expect(svg).not.toContain("foreignObject");
    for (const label of ["Fix", "Problem symptom", "Unintended consequences", "R1", "B1"]) expect(svg).toContain(`>${label}</text>`);
    expect(svg.match(/<rect /g)).toHaveLength(3);

    const [kumu] = await Promise.all([daniel.waitForEvent("download"), daniel.getByRole("link", { name: "Download as Kumu JSON" }).click()]);
    expect(kumu.suggestedFilename()).toBe("Fixes-that-fail-in-our-district.kumu.json");
    const parsed = mapFormat("kumu")!.parse(fs.readFileSync((await kumu.path())!, "utf8"));
    expect(parsed.ok && parsed.diagram.variables.map((v) => v.label).sort()).toEqual(["Fix", "Problem symptom", "Unintended consequences"]);
    expect(parsed.ok && parsed.diagram.links.map((l) => `${l.polarity}${l.delay ? "||" : ""}`).sort()).toEqual(["+", "+", "+||", "-"]);

    await daniel.getByRole("button", { name: "Let everyone edit again" }).click();
    await sam.getByText("has paused editing").waitFor({ state: "detached" });
    await daniel.context().close();
    await sam.context().close();
  });
});
