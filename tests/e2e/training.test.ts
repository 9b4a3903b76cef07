// Browser story (axe on every page): a district asks for training from the footer's link and sees
// an estimate at once; the director opens the request, revises the quote and sends it, prints it,
// downloads it as PDF, and finds it on the board and the dashboard.
import { describe, expect, it } from "vitest";
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
    await district.getByLabel("District, school or organization").fill("SD 43 Coquitlam");
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
    await director.getByRole("link", { name: "SD 43 Coquitlam" }).click();
    await director.getByRole("heading", { name: "Introduction to CSL for SD 43 Coquitlam" }).waitFor();
    // Revised after a call: 12 hours with 2 facilitators and 3 hours of preparation, sent at once.
    await director.getByLabel("Hours", { exact: true }).fill("12");
    await director.getByLabel("Preparation and follow-up coaching (hours)").fill("3");
    await director.getByLabel("A note on the quote (optional)").fill("As discussed on the phone.");
    await director.getByRole("button", { name: "Save and send to Priya Sandhu" }).click();
    await director.getByText("Version 1 sent to priya@surrey.example.").waitFor();
    await director.getByRole("heading", { name: "Quote, version 1" }).waitFor();
    await director.getByText("$5,940.00").first().waitFor();
    await look(director, "training-quote");
    // It prints without the site's header and forms.
    await director.emulateMedia({ media: "print" });
    expect(await director.getByRole("banner").isVisible()).toBe(false);
    expect(await director.getByRole("button", { name: "Save and send to Priya Sandhu" }).isVisible()).toBe(false);
    expect(await director.getByText("Total (CAD)").first().isVisible()).toBe(true);
    await director.screenshot({ path: "docs/screenshots/training-quote-print.png", fullPage: true });
    await director.emulateMedia({ media: "screen" });
    const [download] = await Promise.all([director.waitForEvent("download"), director.getByRole("link", { name: "Download version 1 as PDF" }).click()]);
    expect(download.suggestedFilename()).toBe("Quote SD 43 Coquitlam v1.pdf");
    // The board shows it under Quoted with its quote.
    await director.goto(`${base}/network/training`);
    await director.getByRole("region", { name: "Quoted (2)" }).getByText("$5,940.00 (quote v1)").waitFor();
    await look(director, "training-board");
    await director.getByRole("link", { name: "Dashboard" }).click();
    await director.getByRole("heading", { name: "Training dashboard" }).waitFor();
    await look(director, "training-dashboard");
    await director.context().close();
  });
});
