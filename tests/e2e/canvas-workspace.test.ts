// Browser story: maps from other tools come in with their notes shown (a Kumu map whose blank
// connection types stay unknown, a Vensim sketch whose loop-label comments name loops), and a
// facilitator works the map full screen: search, loop markers, a loop framed, the network lost and
// back.
import { describe, it } from "vitest";
import { look, newPage, signIn, storyStage } from "./browser";

const stage = storyStage();

const kumu = JSON.stringify(
  {
    elements: [
      { _id: "e1", attributes: { label: "Workload" } },
      { _id: "e2", attributes: { label: "Burnout" } },
      { _id: "e3", attributes: { label: "Asking for help" } },
    ],
    connections: [
      { _id: "c1", from: "e1", to: "e2", direction: "directed", attributes: { "connection type": "+" } },
      { _id: "c2", from: "e2", to: "e3", direction: "directed", attributes: {} },
      { _id: "c3", from: "e3", to: "e1", direction: "directed", attributes: { "connection type": "-" } },
      { _id: "c4", from: "e1", to: "e3", direction: "undirected", attributes: {} },
    ],
    loops: [{ _id: "l1", connections: ["c1", "c2", "c3"], attributes: { label: "B1 Reaching out" } }],
  },
  null,
  2,
);

const vensim = [
  "{UTF-8}",
  "\\\\\\---/// Sketch information - do not modify anything except names",
  "V300  Do not put anything below this section - it will be ignored",
  "*View 1",
  "$192-192-192,0,Times New Roman|12||0-0-0|0-0-0|0-0-255|-1--1--1|-1--1--1|96,96,100,0",
  "10,1,Class size,100,100,40,20,8,3,0,0,0,0,0,0",
  "10,2,Time per student,320,100,40,20,8,3,0,0,0,0,0,0",
  "10,3,Results,210,260,40,20,8,3,0,0,0,0,0,0",
  "1,4,1,2,1,0,45,0,0,64,0,-1--1--1,,1|(210,80)|",
  "1,5,2,3,1,0,43,0,0,64,0,-1--1--1,,1|(280,190)|",
  "1,6,3,1,1,0,45,0,0,64,0,-1--1--1,,1|(140,190)|",
  "12,7,0,210,160,30,12,8,135,0,0,-1,0,0,0",
  "R1 Stretched thin",
  "12,8,0,600,500,60,12,8,135,0,0,-1,0,0,0",
  "Note to self: ask Priya",
  "///---\\\\\\",
].join("\r\n");

describe("maps from other tools, worked full screen", () => {
  it("imports a Kumu map and a Vensim sketch with their notes, then searches, frames a loop and shows the network's real state", async () => {
    const daniel = await newPage(stage.browser, { viewport: { width: 1280, height: 800 } });
    await signIn(daniel, stage.server.url, "daniel.okafor@csl-commons.example");
    const community = `${stage.server.url}/communities/provincial-community-of-practice`;

    await daniel.goto(community);
    await daniel.getByText("Bring in a map from Kumu, LOOPY or Vensim").click();
    await daniel.locator('input[type="file"][name="file"]').setInputFiles({ name: "reaching-out.json", mimeType: "application/json", buffer: Buffer.from(kumu) });
    await daniel.getByLabel("Kind of file").selectOption("kumu");
    await daniel.getByRole("button", { name: "Import" }).click();
    await daniel.waitForURL(/\/canvases\/[a-z2-9]{16}/);
    await daniel.getByText("Live", { exact: true }).waitFor();
    await daniel.getByText("How reaching-out.json was read").waitFor();
    await daniel.getByText(/undirected: it says the two are related, not that one causes the other, so it was left out/).waitFor();
    await daniel.getByText(/shown as "\?" \(not known yet\)/).waitFor();
    await daniel.locator("[data-loop-marker='U1']").waitFor();
    await daniel.getByRole("button", { name: /U1 Reaching out.*Unsigned/ }).waitFor();
    await look(daniel, "canvas-imported-kumu");

    await daniel.goto(community);
    await daniel.getByText("Bring in a map from Kumu, LOOPY or Vensim").click();
    await daniel.locator('input[type="file"][name="file"]').setInputFiles({ name: "class-size.mdl", mimeType: "text/plain", buffer: Buffer.from(vensim) });
    await daniel.getByLabel("Kind of file").selectOption("vensim");
    await daniel.getByRole("button", { name: "Import" }).click();
    await daniel.waitForURL(/\/canvases\/[a-z2-9]{16}/);
    await daniel.getByText("How class-size.mdl was read").waitFor();
    await daniel.getByText(/1 loop label was read from comments; 1 gave its loop a name/).waitFor();
    await daniel.getByText(/1 sketch object that is not a variable/).waitFor();
    await daniel.getByRole("button", { name: /R1 Stretched thin.*Reinforcing/ }).waitFor();

    // Full screen: the map takes the window; search finds a variable; a loop marker frames its loop.
    await daniel.getByRole("button", { name: "Full screen" }).click();
    const workspace = daniel.getByRole("dialog", { name: /full screen/ });
    await workspace.waitFor();
    await daniel.getByLabel("Find a variable").fill("time per");
    await daniel.getByRole("button", { name: "Find" }).click();
    await daniel.getByRole("heading", { name: "Time per student" }).or(daniel.locator(".react-flow__node.selected", { hasText: "Time per student" })).first().waitFor();
    await daniel.locator("[data-loop-marker='R1']").click();
    await daniel.getByRole("button", { name: /R1 Stretched thin.*Reinforcing/, pressed: true }).waitFor();
    await daniel.getByRole("button", { name: "Hide panels" }).click();
    await look(daniel, "canvas-full-screen");
    await daniel.keyboard.press("Escape");
    await workspace.waitFor({ state: "detached" });

    // The iceberg template draws its levels as bands behind the map.
    await daniel.goto(community);
    await daniel.getByLabel("New map").fill("What lies beneath our attendance numbers");
    await daniel.getByLabel("Start from").selectOption({ label: "The iceberg model" });
    await daniel.getByRole("button", { name: "Start a map" }).click();
    await daniel.waitForURL(/\/canvases\/[a-z2-9]{16}$/);
    await daniel.locator("[data-band]").nth(3).waitFor();
    await look(daniel, "canvas-iceberg");

    // The network drops: the badge says so at once, and says Live again when it is back.
    await daniel.context().setOffline(true);
    await daniel.getByText("Offline: your changes are kept and will sync").waitFor({ timeout: 2000 });
    await daniel.context().setOffline(false);
    await daniel.getByText("Live", { exact: true }).waitFor({ timeout: 10_000 });
    await daniel.context().close();
  });
});
