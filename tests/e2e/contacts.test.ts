// Browser story (axe on every page): a coordinator imports a Mailchimp export, checks the report,
// imports with the consent its sign-up gave, opens a contact's proof of consent and saves a segment;
// a visitor asks for the newsletter.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { look, newPage, signIn, storyStage } from "./browser";

const stage = storyStage();

describe("the network's contacts", () => {
  it("a coordinator imports a spreadsheet and reads a contact's proof of consent; a visitor signs up", async () => {
    const base = stage.server.url;
    const maya = await newPage(stage.browser);
    await signIn(maya, base, "admin@csl-commons.example");
    await maya.getByRole("link", { name: "Contacts", exact: true }).click();
    await maya.getByRole("heading", { name: "Contacts", level: 1 }).waitFor();
    await look(maya);
    await maya.getByRole("link", { name: "Import a spreadsheet" }).click();
    await maya.getByLabel("CSV file").setInputFiles(path.resolve("tests/fixtures/contacts/mailchimp-subscribed-members.csv"));
    await maya.getByRole("button", { name: "Upload and check" }).click();
    await maya.getByText("3 rows are ready; no problem found.").waitFor();
    await maya.getByLabel("How these people agreed to hear from the network").selectOption("express");
    await maya.getByLabel("Where (the sign-up sheet or the event)").fill("the Summer Institute sign-up form");
    await maya.getByLabel("The words they agreed to (for sign-ups)").fill("Yes, send me the network's newsletter.");
    await look(maya, "contacts-import");
    await maya.getByRole("button", { name: "Import 3 contacts" }).click();
    await maya.getByText("3 new contacts, 0 filled in").waitFor();
    await maya.getByRole("link", { name: "Back to the contacts" }).click();
    await maya.getByLabel("Tag", { exact: true }).fill("sey2kt");
    await maya.getByRole("button", { name: "Search" }).click();
    await maya.getByRole("link", { name: "Aroha Ngata" }).waitFor();
    await maya.getByLabel("Save this search as a segment").fill("SEY2KT people");
    await maya.getByRole("button", { name: "Save", exact: true }).click();
    await maya.getByText("Saved as the segment “SEY2KT people”.").waitFor();
    await look(maya, "contacts");
    await maya.getByRole("link", { name: "Aroha Ngata" }).click();
    await maya.getByText(/May be sent newsletters: express consent since/).waitFor();
    expect(await maya.getByRole("table", { name: "Proof of consent" }).innerText()).toContain("the Summer Institute sign-up form");
    await look(maya, "contact-consent");
    await maya.context().close();

    const visitor = await newPage(stage.browser);
    await visitor.goto(`${base}/stay-up-to-date`);
    await visitor.getByLabel("Your name").fill("Mina Patel");
    await visitor.getByLabel("Email").fill("mina.patel@school.example");
    await visitor.getByRole("checkbox").check();
    await look(visitor, "stay-up-to-date");
    await visitor.getByRole("button", { name: "Sign me up" }).click();
    await visitor.getByText(/Please open the link in the email we have just sent/).waitFor();
    await look(visitor);
    await visitor.context().close();
  });
});
