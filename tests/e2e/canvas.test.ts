// Browser story: two facilitators co-edit one causal loop map and each sees the other's
// variable, link and cursor, and the loop they close together.
import { describe, it } from "vitest";
import { look, newPage, signIn, storyStage } from "./browser";
import { addVariable, connect } from "./canvasSteps";

const stage = storyStage();

describe("mapping a system together", () => {
  it("two facilitators see each other's variables, links, cursors and the loop they make", async () => {
    const daniel = await newPage(stage.browser);
    await signIn(daniel, stage.server.url, "daniel.okafor@csl-commons.example");
    await daniel.goto(`${stage.server.url}/communities/provincial-community-of-practice`);
    await daniel.getByLabel("New map").fill("Why do new teachers leave?");
    await daniel.getByRole("button", { name: "Start a map" }).click();
    await daniel.waitForURL(/\/canvases\/[a-z2-9]{16}$/);
    await daniel.getByText("Live", { exact: true }).waitFor();

    const priya = await newPage(stage.browser);
    await signIn(priya, stage.server.url, "priya.sandhu@csl-commons.example");
    await priya.goto(daniel.url());
    await priya.getByText("Live", { exact: true }).waitFor();

    await addVariable(daniel, "Teacher workload");
    await priya.locator(".react-flow__node", { hasText: "Teacher workload" }).waitFor();
    await addVariable(priya, "Stress");
    await daniel.locator(".react-flow__node", { hasText: "Stress" }).waitFor();

    await connect(daniel, "Teacher workload", "Stress", "+");
    await priya.getByText("Teacher workload → Stress (+)").waitFor();
    await connect(priya, "Stress", "Teacher workload", "+");
    await daniel.getByText("Stress → Teacher workload (+)").waitFor();
    await daniel.getByRole("button", { name: /R1.*Reinforcing/ }).waitFor();
    await priya.getByRole("button", { name: /R1.*Reinforcing/ }).waitFor();

    const map = daniel.locator(".react-flow__pane");
    // Connecting scrolled the side panels into view; the mouse moves over the map as it is on screen.
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await daniel.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
    await daniel.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 3 + 20);
    await priya.locator('[data-peer-cursor="Daniel Okafor"]').waitFor();

    await priya.locator(".react-flow__node", { hasText: "Stress" }).click();
    await priya.getByLabel("Your comment").fill("Stress shows up in the second year");
    await priya.getByRole("button", { name: "Comment", exact: true }).click();
    await daniel.locator(".react-flow__node", { hasText: "Stress" }).click();
    await daniel.getByText("Stress shows up in the second year").waitFor();

    await daniel.getByRole("button", { name: /R1.*Reinforcing/ }).click();
    await look(daniel, "canvas");
    await look(priya, "canvas-peer");
    await daniel.context().close();
    await priya.context().close();
  });
});
