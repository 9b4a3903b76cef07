// Browser story (axe on every page): a visitor without an account finds the demo workshop from the
// footer, registers, and receives the confirmation with its calendar file; the coordinator sees her
// on the check-in list and ticks her in.
import { describe, expect, it } from "vitest";
import { look, newPage, signIn, storyStage } from "./browser";
import { until } from "../helpers/wait";

const stage = storyStage({ smtp: true });

describe("events and workshops", () => {
  it("a visitor registers for the workshop and gets the calendar file; the coordinator checks her in", async () => {
    const base = stage.server.url;
    const visitor = await newPage(stage.browser);
    await visitor.goto(`${base}/login`);
    await visitor.getByRole("link", { name: "Events and workshops" }).click();
    await visitor.getByRole("heading", { name: "Events and workshops", level: 1 }).waitFor();
    await look(visitor, "events");
    await visitor.getByRole("link", { name: /Growing Capacity/ }).click();
    await visitor.getByText("60 places left.").waitFor();
    await look(visitor, "event");
    await visitor.getByLabel("Your name").fill("Mina Patel");
    await visitor.getByLabel("Email").fill("mina.patel@school.example");
    await visitor.getByLabel("Organization (optional)").fill("SD 61 Greater Victoria");
    await visitor.getByRole("button", { name: "Register" }).click();
    await visitor.getByText(/You are registered\. An email with the calendar file is on its way to mina\.patel@school\.example/).waitFor();
    await look(visitor, "event-registered");
    await visitor.context().close();
    await until(() => stage.smtp.received.some((m) => m.to.includes("mina.patel@school.example")), "the confirmation");
    const mail = stage.smtp.received.find((m) => m.to.includes("mina.patel@school.example"))!.body;
    expect(mail).toMatch(/filename=event\.ics/);
    const attached = mail.split(/filename=event\.ics/)[1].split(/\r?\n\r?\n/)[1].split(/\r?\n--/)[0];
    const calendar = /^[A-Za-z0-9+/=\r\n]+$/.test(attached) ? Buffer.from(attached, "base64").toString("utf8") : attached;
    expect(calendar).toContain("BEGIN:VCALENDAR");
    expect(calendar).toContain("SUMMARY:Growing Capacity");

    const maya = await newPage(stage.browser);
    await signIn(maya, base, "admin@csl-commons.example");
    await maya.goto(`${base}/network/events`);
    await maya.getByRole("link", { name: /Growing Capacity/ }).click();
    await maya.getByRole("heading", { name: "Check-in list" }).waitFor();
    await maya.getByRole("button", { name: "Mark that Mina Patel came" }).click();
    await maya.getByRole("button", { name: "Mina Patel came: undo" }).waitFor();
    await look(maya, "event-check-in");
    await maya.context().close();
  });
});
