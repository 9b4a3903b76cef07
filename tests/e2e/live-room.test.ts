// Browser story of a live circle: a facilitator and two members in three browser contexts hold
// a check-in round, a hand is raised and called, a chat message goes round, and a breakout
// happens and everyone returns.
import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import { look, newPage, roomStory, signIn } from "./browser";

const { stage, room, enter } = roomStory();

describe("a live community-of-practice circle", () => {
  it("holds a check-in round, a hand raise, chat and a breakout with three people", async () => {
    const daniel = await enter("daniel.okafor@csl-commons.example");
    const sam = await enter("member@csl-commons.example");
    const lena = await enter("lena.fischer@csl-commons.example");
    await daniel.getByRole("list").getByLabel(/Lena Fischer/).waitFor();

    await daniel.getByRole("button", { name: /^Begin:/ }).click();
    await sam.getByRole("heading", { name: "Arrival", level: 1 }).waitFor();
    // A screen reader hears the new phase once, from the room's one live region.
    const announcer = (page: Page) => page.getByTestId("room-announcer");
    await announcer(sam).getByText("Now: Arrival.").waitFor({ state: "attached" });

    await daniel.getByLabel("Round prompt").fill("How are you arriving today?");
    await daniel.getByRole("button", { name: "Start round" }).click();
    await daniel.getByText("You have the talking piece. Take your time.").waitFor();
    await sam.getByText("Daniel Okafor has the talking piece", { exact: true }).waitFor();
    await announcer(sam).getByText("A round begins: How are you arriving today? Daniel Okafor has the talking piece.").waitFor({ state: "attached" });
    await look(daniel, "room-facilitator");
    await daniel.getByRole("button", { name: "I'm done, pass it on" }).click();
    await sam.getByText("You have the talking piece. Take your time.").waitFor();
    await look(sam, "room-member-holding");
    await sam.getByRole("button", { name: "Pass", exact: true }).click();
    await lena.getByText("You have the talking piece. Take your time.").waitFor();
    await lena.getByRole("button", { name: "I'm done, pass it on" }).click();
    await daniel.getByText("3 people in the circle").waitFor();

    await lena.getByRole("button", { name: "Raise my hand" }).click();
    await daniel.getByRole("heading", { name: "Raised hands" }).locator("..").getByText("Lena Fischer").waitFor();
    await announcer(daniel).getByText("Lena Fischer raised a hand.").waitFor({ state: "attached" });
    await daniel.getByRole("button", { name: "Call next hand" }).click();
    await sam.getByRole("heading", { name: "Raised hands" }).locator("..").getByText("Lena Fischer has the floor.").waitFor();
    await announcer(sam).getByText("Lena Fischer has the floor.").waitFor({ state: "attached" });
    await daniel.getByRole("button", { name: "Clear the floor" }).click();
    await announcer(sam).getByText("The floor is open.").waitFor({ state: "attached" });

    await sam.getByLabel("Message").fill("Glad to be here <b>today</b>");
    await sam.getByRole("button", { name: "Send" }).click();
    await lena.getByText("Glad to be here <b>today</b>").waitFor();
    await look(lena, "room-member");

    // Two groups need four people: nobody sits in a breakout alone.
    const more = [await enter("hana.sato@csl-commons.example"), await enter("owen.macdonald@csl-commons.example")];
    await daniel.getByText("Timer, breakouts, spotlight and maps").click();
    await daniel.getByLabel("Groups", { exact: true }).fill("2");
    await daniel.getByRole("button", { name: "Start breakouts" }).click();
    await sam.getByText(/You are in Group \d with/).waitFor();
    await lena.getByText(/You are in Group \d/).waitFor();
    await look(sam, "room-breakout");
    await daniel.getByRole("button", { name: "Return everyone" }).click();
    await sam.getByText(/You are in Group/).waitFor({ state: "detached" });
    await announcer(sam).getByText("Everyone is back in the main circle.").waitFor({ state: "attached" });
    // On a phone the facilitator's controls fold away and the circle stays near the top.
    const phone = await newPage(stage.browser, { viewport: { width: 390, height: 844 } });
    await signIn(phone, stage.server.url, "daniel.okafor@csl-commons.example");
    await phone.goto(room.url);
    await phone.getByText("Connected", { exact: true }).waitFor();
    await look(phone, "room-facilitator-phone");
    more.push(phone);
    for (const page of [daniel, sam, lena, ...more]) await page.context().close();
  });
});
