// What a person does on a canvas in the browser stories, through its keyboard panel.
import type { Page } from "playwright-core";

export async function addVariable(page: Page, label: string): Promise<void> {
  await page.getByLabel("New variable name").fill(label);
  await page.getByRole("button", { name: "Add", exact: true }).click();
}

/** Links two variables by name, and waits for the link to be listed on this page. */
export async function connect(page: Page, from: string, to: string, polarity: "+" | "-"): Promise<void> {
  const panel = page.getByRole("region", { name: "Add and connect" });
  await panel.getByLabel("Link from").selectOption({ label: from });
  await panel.getByLabel("Link to").selectOption({ label: to });
  await panel.getByLabel("Link polarity").selectOption(polarity);
  await panel.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByText(`${from} → ${to} (${polarity === "-" ? "−" : "+"})`).waitFor();
}
