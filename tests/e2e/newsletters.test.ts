// Browser story (axe on every page): a coordinator imports a CSV with the consent its sign-up gave,
// builds a segment, writes a newsletter with the preview following her typing, sends it to the
// segment; a reader opens the unsubscribe link of the copy the mail server received, and is
// unsubscribed at once. The web version and the archive are public.
import { describe, expect, it } from "vitest";
import { look, newPage, signIn, storyStage } from "./browser";
import { importMailchimpExport, saveTagSegment } from "./contactSteps";
import { until } from "../helpers/wait";

const stage = storyStage({ smtp: true });

describe("the network's newsletter", () => {
  it("a coordinator imports, builds a segment, composes with preview and sends; a reader unsubscribes with one click", async () => {
    const base = stage.server.url;
    const maya = await newPage(stage.browser);
    await signIn(maya, base, "admin@csl-commons.example");
    await maya.goto(`${base}/network/contacts/import`);
    await importMailchimpExport(maya);
    await saveTagSegment(maya, "summer institute 2025", "Jean-François Bélanger", "Summer Institute 2025");

    await maya.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Network", exact: true }).click();
    await look(maya, "network");
    await maya.getByRole("link", { name: "Newsletters", exact: true }).first().click();
    await maya.getByRole("heading", { name: "Newsletters", level: 1 }).waitFor();
    await look(maya, "newsletters");
    await maya.getByLabel("Subject").fill("After the Summer Institute");
    await maya.getByRole("button", { name: "Start writing" }).click();
    await maya.getByRole("heading", { name: "After the Summer Institute", level: 1 }).waitFor();
    await maya.getByLabel("Newsletter (Markdown)").fill("## Thank you\n\nThe **circles** begin again in October.\n\n<script>alert('no')</script>");
    // The preview follows the typing, rendered and made harmless by the server.
    const preview = maya.locator(".markdown-body");
    await preview.getByRole("heading", { name: "Thank you" }).waitFor();
    await preview.getByText("circles", { exact: true }).waitFor();
    expect(await preview.innerHTML()).not.toContain("<script>");
    await maya.getByLabel("A saved segment").selectOption({ label: "Summer Institute 2025" });
    await maya.getByRole("button", { name: "Save and count" }).click();
    await maya.getByText("2 of the 2 people chosen may be sent it now (live consent).").waitFor();
    await look(maya, "newsletter-compose");
    await maya.getByText("Send now", { exact: true }).click();
    await maya.getByRole("button", { name: "Yes, send it now" }).click();
    await maya.getByText("Unsubscribed since it went").waitFor();
    const smtp = stage.smtp;
    await until(() => smtp.countFor("jean-francois.belanger@csf.example") === 1 && smtp.countFor("aroha.ngata@sd61.example") === 1, "both copies at the mail server", 15_000);
    await maya.reload();
    await maya.getByRole("heading", { name: "Report" }).waitFor();
    await look(maya, "newsletter-report");
    await maya.context().close();

    // The reader opens the unsubscribe link of the copy she received.
    const copy = smtp.received.find((m) => m.to.includes("aroha.ngata@sd61.example"))!.body.replace(/=\r?\n/g, "").replace(/\r?\n[ \t]+/g, " ");
    const link = /^List-Unsubscribe: <([^>]+)>/m.exec(copy)![1];
    expect(link.startsWith(`${base}/unsubscribe/`)).toBe(true);
    const aroha = await newPage(stage.browser);
    await aroha.goto(link);
    await look(aroha, "unsubscribe");
    await aroha.getByRole("button", { name: "Unsubscribe" }).click();
    await aroha.getByText("You are unsubscribed").waitFor();
    await look(aroha);
    // The web version and the archive need no account.
    await aroha.goto(`${base}/newsletters`);
    await aroha.getByRole("link", { name: "After the Summer Institute" }).click();
    await aroha.getByRole("heading", { name: "Thank you" }).waitFor();
    await look(aroha, "newsletter-web");
    await aroha.context().close();
  });
});
