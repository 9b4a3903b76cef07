// Browser stories of the foundation: accept an invitation and sign up, sign in, join a
// community, see the next meeting, download its calendar file, sign out.
import fs from "node:fs";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { look, lookWithoutScripts, newPage, signIn, storyStage } from "./browser";

const stage = storyStage();

describe("a member's first weeks on CSL Commons", () => {
  let invitationLink = "";

  it("a facilitator invites a new teacher to the provincial community", async () => {
    const page = await newPage(stage.browser);
    await page.goto(`${stage.server.url}/login`);
    await look(page, "login");
    await signIn(page, stage.server.url, "daniel.okafor@csl-commons.example");
    await page.goto(`${stage.server.url}/communities/provincial-community-of-practice`);
    await look(page, "community");
    await page.getByRole("link", { name: "Invite people" }).click();
    await page.getByLabel("Email addresses").fill("jordan.new@school.example");
    await page.getByRole("button", { name: "Send invitations" }).click();
    await page.getByText("1 invitation is on its way").waitFor();
    await look(page, "invite");
    invitationLink = (await page.locator('a[href*="/invite/"]').first().getAttribute("href")) ?? "";
    expect(invitationLink).toMatch(/\/invite\/[a-z2-9]{32}$/);
    await page.context().close();
  });

  it("the new teacher accepts the invitation and signs up", async () => {
    const page = await newPage(stage.browser);
    await page.goto(invitationLink);
    await page.getByRole("heading", { name: "You are invited to Provincial Community of Practice" }).waitFor();
    await look(page, "invitation");
    await page.getByLabel("Your name").fill("Jordan Price");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("Password again").fill("short");
    await page.getByRole("button", { name: "Create account and join" }).click();
    await page.getByText("Use at least 10 characters").waitFor();
    await look(page);
    await page.getByLabel("Password", { exact: true }).fill("jordan-long-password");
    await page.getByLabel("Password again").fill("jordan-long-password");
    await page.getByRole("button", { name: "Create account and join" }).click();
    await page.waitForURL(`${stage.server.url}/communities/provincial-community-of-practice`);
    await page.getByText("You are a member").waitFor();
    await page.context().close();
  });

  it("a member signs in, joins a community, finds the next meeting, downloads it and signs out", async () => {
    const page = await newPage(stage.browser);
    await signIn(page, stage.server.url, "member@csl-commons.example");
    await page.getByRole("heading", { name: "Welcome, Sam" }).waitFor();
    await look(page, "home");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Communities" }).click();
    await look(page, "communities");
    await page.getByRole("link", { name: "Systems Thinking Study Group" }).click();
    await page.getByRole("button", { name: "Join this community" }).click();
    await page.getByRole("heading", { name: "Upcoming meetings" }).waitFor();
    await page.getByRole("link", { name: "Members" }).click();
    await page.getByRole("cell", { name: /Sam Whitehorse/ }).waitFor();
    await look(page, "members");

    await page.goto(`${stage.server.url}/`);
    await page.getByRole("link", { name: "Meeting details" }).click();
    await page.getByRole("heading", { name: /Agenda/ }).waitFor();
    await page.getByRole("button", { name: "I'll be there" }).click();
    await page.getByText("Thank you, your answer is saved.").waitFor();
    await look(page, "meeting");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Add to calendar/ }).click()]);
    const file = await download.path();
    const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
    const events = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    expect(events).toHaveLength(1);
    expect(events[0].summary).toMatch(/circle|Study group/);

    await page.goto(`${stage.server.url}/profile`);
    await look(page, "profile");
    await page.goto(`${stage.server.url}/settings`);
    await look(page, "settings");

    await page.getByRole("button", { name: "Sign out", exact: true }).first().click();
    await page.waitForURL(`${stage.server.url}/login`);
    // Signed out, the home is the network's public one, and a member's page asks to sign in.
    await page.goto(`${stage.server.url}/`);
    await page.getByRole("heading", { name: "BC Compassionate Systems Leadership Network", level: 1 }).waitFor();
    await page.goto(`${stage.server.url}/settings`);
    await page.waitForURL(/\/login/);
    await page.context().close();
  });

  it("every form works without JavaScript", async () => {
    const page = await newPage(stage.browser, { javaScriptEnabled: false });
    await signIn(page, stage.server.url, "lena.fischer@csl-commons.example");
    await page.getByRole("link", { name: "Meeting details" }).click();
    await page.getByRole("button", { name: "Maybe" }).click();
    await page.getByText("Thank you, your answer is saved.").waitFor();
    await page.goto(`${stage.server.url}/profile`);
    await page.getByLabel("Name").fill("");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Enter your name").waitFor();
    await lookWithoutScripts(page, stage.browser);
    await page.context().close();
  });

  it("reads well in the dark colour scheme and on a phone", async () => {
    const dark = await newPage(stage.browser, { colorScheme: "dark" });
    await signIn(dark, stage.server.url, "priya.sandhu@csl-commons.example");
    await look(dark, "home-dark");
    await dark.getByRole("link", { name: "Meeting details" }).click();
    await look(dark, "meeting-dark");
    await dark.context().close();
    const phone = await newPage(stage.browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(phone, stage.server.url, "member@csl-commons.example");
    await look(phone, "home-phone");
    await phone.context().close();
  });
});
