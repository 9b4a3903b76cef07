// Browser story of a facilitator's year: a member says they will come; the facilitator changes the
// series' time and the member hears of it by email and in the bell; a reminder the day before; a
// past session's summary from the archive; a series ended; a member removed; an invitation
// revoked. With a real mail server.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { createSeries } from "../../db/queries/meetings";
import { sendMeetingReminders } from "../../server/meetingNotices";
import { defaultAgenda } from "../../shared/agenda";
import { until } from "../helpers/wait";
import { look, newPage, signIn, storyStage } from "./browser";

const stage = storyStage({ smtp: true });
const slug = "provincial-community-of-practice";
const mailFor = (email: string, subject: string) => stage.smtp.received.filter((m) => m.to.includes(email) && m.body.replace(/=\r?\n/g, "").includes(subject));

describe("a facilitator's meeting series and community", () => {
  it("changes and ends series with notices, reminds, keeps an archive, removes a member and revokes an invitation", async () => {
    const base = stage.server.url;
    const sam = await newPage(stage.browser);
    await signIn(sam, base, "member@csl-commons.example");
    await sam.goto(`${base}/communities/${slug}`);
    const upcoming = sam.locator("section", { has: sam.getByRole("heading", { name: "Upcoming meetings" }) });
    await upcoming.locator("li", { hasText: "Provincial CoP circle" }).first().getByRole("link").click();
    await sam.getByRole("button", { name: "I'll be there" }).click();
    await sam.getByText("Thank you, your answer is saved.").waitFor();

    const daniel = await newPage(stage.browser);
    await signIn(daniel, base, "daniel.okafor@csl-commons.example");
    await daniel.goto(`${base}/communities/${slug}`);
    await daniel.getByRole("link", { name: "Change or end Provincial CoP circle" }).click();
    await look(daniel, "series-edit");
    await daniel.getByLabel("Starts at").fill("16:00");
    await daniel.getByRole("button", { name: "Save changes" }).click();
    await daniel.getByText(/The series is changed from its next meeting on/).waitFor();

    // Sam said yes: the email comes, and the bell counts it.
    await until(() => mailFor("member@csl-commons.example", "Changed: Provincial CoP circle").length === 1, "the change email to Sam");
    await sam.goto(`${base}/`);
    await sam.getByRole("link", { name: /Notifications/ }).click();
    await sam.getByText("Changed: Provincial CoP circle").waitFor();
    await look(sam, "notifications");
    await sam.getByRole("button", { name: "Open: Changed: Provincial CoP circle" }).click();
    await sam.getByText(/4:00 p\.m\. – 5:30 p\.m\. Pacific Time/).waitFor();

    // A meeting tomorrow: the reminder job (what the server runs every ten minutes) reminds Sam once.
    const community = await stage.server.services.db.selectFrom("communities").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
    const tomorrow = DateTime.now().setZone("America/Vancouver").plus({ hours: 20 });
    await createSeries(stage.server.services.db, {
      communityId: community.id,
      title: "Tomorrow's reading circle",
      description: "",
      startLocal: tomorrow.toFormat("yyyy-MM-dd'T'HH:mm"),
      timezone: "America/Vancouver",
      durationMinutes: 60,
      rrule: "FREQ=DAILY;COUNT=1",
      videoUrl: null,
      agenda: defaultAgenda,
      createdBy: community.created_by,
    });
    await sendMeetingReminders(stage.server.services);
    await until(() => mailFor("member@csl-commons.example", "Tomorrow: Tomorrow's reading circle").length === 1, "the reminder email");
    expect(mailFor("member@csl-commons.example", "Tomorrow: Tomorrow's reading circle")[0].body.replace(/=\r?\n/g, "")).toMatch(/\/room/);
    await sam.goto(`${base}/notifications`);
    await sam.getByText("Tomorrow: Tomorrow's reading circle").waitFor();

    // The archive: a past session and its summary.
    await sam.goto(`${base}/communities/${slug}`);
    await sam.getByRole("heading", { name: "Past meetings" }).waitFor();
    await sam.getByRole("link", { name: /^Summary of Provincial CoP circle/ }).first().click();
    await sam.waitForURL(/\/summary$/);
    await look(sam, "archive-summary");

    // Ending the study group's series, after confirming.
    await daniel.goto(`${base}/communities/systems-thinking-study-group`);
    await daniel.getByRole("link", { name: "Change or end Study group" }).click();
    await daniel.getByText("End this series").click();
    await daniel.getByRole("button", { name: "Yes, end it" }).click();
    await daniel.getByText(/The series has ended/).waitFor();

    // Removing a member, after confirming.
    await daniel.goto(`${base}/communities/${slug}/members`);
    await daniel.getByText("Remove Lena Fischer").click();
    await daniel.getByRole("button", { name: "Yes, remove" }).first().click();
    await daniel.getByText("Lena Fischer is removed. They have been told.").waitFor();
    await look(daniel, "members-managed");

    // Inviting someone, then revoking the invitation.
    await daniel.goto(`${base}/communities/${slug}/invite`);
    await daniel.getByLabel("Email addresses").fill("new.principal@school.example");
    await daniel.getByRole("button", { name: "Send invitations" }).click();
    await daniel.getByText("1 invitation is on its way").waitFor();
    await daniel.getByText("Revoke", { exact: true }).click();
    await daniel.getByRole("button", { name: "Yes, revoke the invitation to new.principal@school.example" }).click();
    await daniel.getByText("The invitation to new.principal@school.example is revoked").waitFor();
    await daniel.getByText("No invitations are waiting.").waitFor();
    await look(daniel, "invitations");
    for (const page of [sam, daniel]) await page.context().close();
  });
});
