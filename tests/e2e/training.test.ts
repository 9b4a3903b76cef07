// Browser story (axe on every page): a district asks for training from the footer's link and sees
// an estimate at once; the director opens the request, reads the quote and moves it to "Quoted".
import { describe, it } from "vitest";
import { look, newPage, signIn, storyStage } from "./browser";

const stage = storyStage();

describe("training requests", () => {
  it("a district asks for training and sees the estimate; the director quotes it", async () => {
    const base = stage.server.url;
    const district = await newPage(stage.browser);
    await district.goto(`${base}/events`);
    await district.getByRole("link", { name: "Request training" }).click();
    await district.getByRole("heading", { name: "Request training", level: 1 }).waitFor();
    await district.getByLabel("Offering").selectOption({ label: "Introduction to CSL" });
    await district.getByLabel("Hours", { exact: true }).fill("10");
    await district.getByLabel("District, school or organization").fill("SD 36 Surrey");
    await district.getByLabel("Your name").fill("Priya Sandhu");
    await district.getByLabel("Email").fill("priya@surrey.example");
    await district.getByRole("button", { name: "Send the request" }).click();
    // The rule, beside the field.
    await district.getByText("Introduction to CSL: 12 to 20 hours, for up to 250 participants.", { exact: true }).first().waitFor();
    await district.getByLabel("Hours", { exact: true }).fill("14");
    await district.getByLabel("Facilitators").fill("2");
    await look(district, "training-request");
    await district.getByRole("button", { name: "Send the request" }).click();
    await district.getByText("Total (CAD)").waitFor();
    await district.getByText("$6,160.00").waitFor();
    await look(district, "training-estimate");
    await district.context().close();

    const director = await newPage(stage.browser);
    await signIn(director, base, "admin@csl-commons.example");
    await director.goto(`${base}/network`);
    await director.getByRole("link", { name: "Training requests" }).click();
    await director.getByRole("link", { name: "SD 36 Surrey" }).click();
    await director.getByRole("heading", { name: "Introduction to CSL for SD 36 Surrey" }).waitFor();
    await director.getByLabel("Move to").selectOption({ label: "Quoted" });
    await director.getByRole("button", { name: "Move" }).click();
    await director.getByText("Moved to Quoted.").waitFor();
    await look(director, "training-quote");
    await director.context().close();
  });
});
