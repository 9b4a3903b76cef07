// Browser story of the self domain (axe on every page): in a live circle the facilitator starts a
// mindful pause for everyone and offers a reflection prompt to end with; a member takes it to
// their journal, writes and finds the entry again; later, on their own, they take a one-minute
// pause with the bell.
import { describe, expect, it } from "vitest";
import { look, roomStory } from "./browser";

const { stage, enter } = roomStory("provincial-community-of-practice", { reducedMotion: "reduce" });

describe("reflection and the mindful pause", () => {
  it("a pause for the whole circle, a prompt to end with, a journal entry, and a pause alone", async () => {
    const daniel = await enter("daniel.okafor@csl-commons.example");
    const sam = await enter("member@csl-commons.example");

    await daniel.getByRole("group", { name: "Mindful pause" }).getByRole("button", { name: "3 minutes" }).click();
    await sam.getByRole("heading", { name: "Mindful pause" }).waitFor();
    await sam.getByText(/Breathe (in|out)…/).waitFor();
    await look(sam, "room-mindful-pause");
    await daniel.getByRole("button", { name: "End the pause" }).first().click();
    await sam.getByRole("heading", { name: "Mindful pause" }).waitFor({ state: "detached" });

    await daniel.getByLabel("Reflection prompt").fill("What did you notice in yourself today?");
    await daniel.getByRole("button", { name: "Offer to everyone" }).click();
    await sam.getByText("A reflection to end with:").waitFor();
    const [journal] = await Promise.all([sam.context().waitForEvent("page"), sam.getByRole("link", { name: "Write in your journal" }).click()]);
    await journal.getByRole("heading", { name: "Journal", level: 1 }).waitFor();
    expect(await journal.getByLabel("Prompt (optional)").inputValue()).toBe("What did you notice in yourself today?");
    await journal.getByLabel("Your reflection").fill("I noticed my shoulders drop during the pause. I arrived hurried and left steadier.");
    await journal.getByRole("button", { name: "Save entry" }).click();
    await journal.getByText("Saved.").waitFor();
    await look(journal, "journal-entry");
    await journal.getByRole("link", { name: "← Journal" }).click();
    await journal.getByRole("searchbox", { name: "Search your journal" }).fill("shoulders");
    await journal.getByRole("button", { name: "Search" }).click();
    await journal.getByText(/I noticed my shoulders drop/).waitFor();
    await look(journal, "journal");

    await journal.goto(`${stage.server.url}/pause`);
    await journal.getByRole("button", { name: "1 minute" }).click();
    await journal.getByText(/Breathe (in|out)…/).waitFor();
    await journal.getByText("0:5", { exact: false }).waitFor();
    await look(journal, "mindful-pause");
    await journal.getByRole("button", { name: "Stop early" }).click();
    await journal.getByRole("button", { name: "3 minutes" }).waitFor();
  });
});
