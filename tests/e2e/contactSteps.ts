// Steps the coordinator's stories share: importing the Mailchimp export with the consent its
// sign-up gave (from the import page), and saving a tag search as a segment (from the contacts page).
import path from "node:path";
import type { Page } from "playwright-core";
import { look } from "./browser";

export async function importMailchimpExport(page: Page, screenshot?: string): Promise<void> {
  await page.getByLabel("CSV file").setInputFiles(path.resolve("tests/fixtures/contacts/mailchimp-subscribed-members.csv"));
  await page.getByRole("button", { name: "Upload and check" }).click();
  await page.getByText("3 rows are ready; no problem found.").waitFor();
  await page.getByLabel("How these people agreed to hear from the network").selectOption("express");
  await page.getByLabel("Where (the sign-up sheet or the event)").fill("the Summer Institute sign-up form");
  await page.getByLabel("The words they agreed to (for sign-ups)").fill("Yes, send me the network's newsletter.");
  if (screenshot) await look(page, screenshot);
  await page.getByRole("button", { name: "Import 3 contacts" }).click();
  await page.getByText("3 new contacts, 0 filled in").waitFor();
  await page.getByRole("link", { name: "Back to the contacts" }).click();
}

export async function saveTagSegment(page: Page, tag: string, someone: string, name: string): Promise<void> {
  await page.getByLabel("Tag", { exact: true }).fill(tag);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: someone }).waitFor();
  await page.getByLabel("Save this search as a segment").fill(name);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText(`Saved as the segment “${name}”.`).waitFor();
}
