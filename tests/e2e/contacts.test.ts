// Browser story (axe on every page): a coordinator imports a Mailchimp export, checks the report,
// imports with the consent its sign-up gave, opens a contact's proof of consent and saves a segment;
// a visitor asks for the newsletter.
import { describe, expect, it } from "vitest";
import { look, newPage, signIn, storyStage } from "./browser";
import { importMailchimpExport, saveTagSegment } from "./contactSteps";

const stage = storyStage();

describe("the network's contacts", () => {
  it("a coordinator imports a spreadsheet and reads a contact's proof of consent; a visitor signs up", async () => {
    const base = stage.server.url;
    const maya = await newPage(stage.browser);
    await signIn(maya, base, "admin@csl-commons.example");
    await maya.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Network", exact: true }).click();
    await maya.getByRole("link", { name: "Contacts", exact: true }).click();
    await maya.getByRole("heading", { name: "Contacts", level: 1 }).waitFor();
    await look(maya);
    await maya.getByRole("link", { name: "Import a spreadsheet" }).click();
    await importMailchimpExport(maya, "contacts-import");
    await saveTagSegment(maya, "sey2kt", "Aroha Ngata", "SEY2KT people");
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
