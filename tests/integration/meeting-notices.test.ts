// Meeting series that change, end and go, and the notices they send: against a started server
// with a real SMTP server, on SQLite and (TEST_SERVER_DIALECT=postgres) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { parseCalendar } from "../helpers/calendar";
import { startSmtp } from "../helpers/smtp";
import { startTestServer, visibleText, Visitor, type TestServer } from "../helpers/server";
import { until } from "../helpers/wait";
import { sendMeetingReminders } from "../../server/meetingNotices";

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const slug = "provincial-community-of-practice";
const daniel = "daniel.okafor@csl-commons.example";
const sam = "member@csl-commons.example";

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startTestServer({ env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const signedIn = async (email: string) => {
  const v = new Visitor(server.url);
  await v.signIn(email);
  return v;
};
const userId = async (email: string) => (await server.services.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
const noticesOf = async (email: string) =>
  server.services.db.selectFrom("notifications").selectAll().where("user_id", "=", await userId(email)).orderBy("created_at").execute();
const mailTo = (email: string, subject: RegExp) => smtp.received.filter((m) => m.to.includes(email) && subject.test(m.body.replace(/=\r?\n/g, "")));
const seriesOf = (title: string) => server.services.db.selectFrom("meeting_series").selectAll().where("title", "=", title).where("continued_as", "is", null).executeTakeFirstOrThrow();

async function upcomingHrefs(v: Visitor, seriesId: string): Promise<string[]> {
  const html = (await v.page(`/communities/${slug}`)).html;
  return [...html.matchAll(new RegExp(`href="(/meetings/${seriesId}/\\d{4}-\\d{2}-\\d{2})"`, "g"))].map((m) => m[1]);
}

describe("changing a series that has met", () => {
  it("keeps past meetings, carries RSVPs to the new time, leads old addresses on, raises SEQUENCE and tells those coming", async () => {
    const series = await seriesOf("Provincial CoP circle");
    const samPage = await signedIn(sam);
    const [next] = await upcomingHrefs(samPage, series.id);
    expect((await samPage.post(next, { intent: "rsvp", response: "yes" })).status).toBe(200);
    const nextDate = next.slice(-10);
    const icsBefore = parseCalendar((await samPage.page(`${next}/calendar.ics`)).html)[0];

    const danielPage = await signedIn(daniel);
    expect((await samPage.post(`/meetings/${series.id}/edit`, { intent: "save" })).status).toBe(403);
    const form = { intent: "save", title: "Provincial CoP circle", description: series.description, date: nextDate, time: "16:00", durationMinutes: "75", repeat: "biweekly", timezone: "America/Vancouver", videoUrl: series.video_url ?? "" };
    const lastPast = DateTime.fromISO(nextDate).minus({ weeks: 2 }).toISODate()!;
    const tooEarly = await danielPage.post(`/meetings/${series.id}/edit`, { ...form, date: lastPast });
    expect(tooEarly.status).toBe(400);
    expect(visibleText(tooEarly.html)).toContain(`This series has met up to ${lastPast}`);

    const saved = await danielPage.post(`/meetings/${series.id}/edit`, form);
    expect(saved.status).toBe(302);
    const old = await seriesOf("Provincial CoP circle").then(() => server.services.db.selectFrom("meeting_series").selectAll().where("id", "=", series.id).executeTakeFirstOrThrow());
    expect(old.ends_on).toBe(lastPast);
    expect(old.continued_as).toBeTruthy();
    const carried = old.continued_as!;

    // The past meeting stays at its time; the next one is at 16:00 for 75 minutes, with Sam's RSVP.
    expect(visibleText((await samPage.page(`/meetings/${series.id}/${lastPast}`)).html)).toContain("3:30 p.m. – 5:00 p.m.");
    const moved = await samPage.page(next);
    expect(moved.status).toBe(301);
    expect(moved.location).toBe(`/meetings/${carried}/${nextDate}`);
    const page = visibleText((await samPage.page(`/meetings/${carried}/${nextDate}`)).html);
    expect(page).toContain("4:00 p.m. – 5:15 p.m. Pacific Time");
    expect(page).toContain("1 coming");
    const icsAfter = parseCalendar((await samPage.page(`/meetings/${carried}/${nextDate}/calendar.ics`)).html)[0];
    expect(icsAfter.uid).toBe(icsBefore.uid);
    expect(icsAfter.sequence).toBeGreaterThan(icsBefore.sequence);

    // Sam said yes: he hears of it in the platform and by email; Daniel, who made the change, does not.
    const notices = await noticesOf(sam);
    expect(notices.map((n) => n.title)).toContain("Changed: Provincial CoP circle");
    expect(notices.find((n) => n.title.startsWith("Changed"))!.href).toBe(`/meetings/${carried}/${nextDate}`);
    await until(() => mailTo(sam, /Changed: Provincial CoP circle/).length === 1, "the change email to Sam");
    expect(mailTo(sam, /Changed/)[0].body.replace(/=\r?\n/g, "")).toContain(`${server.services.origin()}/meetings/${carried}/${nextDate}`);
    expect((await noticesOf(daniel)).some((n) => n.title.startsWith("Changed"))).toBe(false);

    // The community lists the series once, as it now is, and the past meeting in its archive.
    const community = visibleText((await samPage.page(`/communities/${slug}`)).html);
    expect(community.match(/Provincial CoP circle: every two weeks/g)).toHaveLength(1);
    expect(community).toContain("Past meetings");
  });
});

describe("two facilitators changing one series at once", () => {
  it("one change wins; the other is told to look again, and the series goes on once", async () => {
    const series = await seriesOf("Early Years evening circle");
    const priya = await signedIn("priya.sandhu@csl-commons.example");
    const admin = await signedIn("admin@csl-commons.example");
    const next = (await server.services.db.selectFrom("meeting_series").select("start_local").where("id", "=", series.id).executeTakeFirstOrThrow()).start_local.slice(0, 10);
    const date = DateTime.fromISO(next).plus({ weeks: 8 }).toISODate()!;
    const form = { intent: "save", title: series.title, date, time: "19:00", durationMinutes: "60", repeat: "fourweekly", timezone: "America/Vancouver" };
    const results = await Promise.all([priya.post(`/meetings/${series.id}/edit`, form), admin.post(`/meetings/${series.id}/edit`, { ...form, time: "19:15" })]);
    const continued = await server.services.db.selectFrom("meeting_series").select("id").where("community_id", "=", series.community_id).where("continued_as", "is", null).execute();
    expect(continued).toHaveLength(1);
    expect(results.map((r) => r.location).sort()).toEqual(["/communities/early-years-circle?series=continued", `/meetings/${continued[0].id}/edit?changed=meanwhile`]);
    const loser = results.find((r) => r.location?.includes("meanwhile"))!;
    const told = await (loser === results[0] ? priya : admin).page(loser.location!);
    expect(visibleText(told.html)).toContain("Someone changed this series a moment ago.");
    // Its old address for changes leads to the series as it goes on.
    const old = await priya.page(`/meetings/${series.id}/edit`);
    expect(old.status).toBe(302);
    expect(old.location).toBe(`/meetings/${continued[0].id}/edit`);
  });
});

describe("a series that has not met yet", () => {
  it("changes in place, and can be deleted; ending is for a series that has met", async () => {
    const danielPage = await signedIn(daniel);
    const first = DateTime.now().plus({ days: 20 }).toISODate()!;
    const created = await danielPage.post(`/communities/${slug}/meetings/new`, { title: "Winter reading circle", date: first, time: "12:00", durationMinutes: "60", repeat: "weekly", timezone: "America/Vancouver", phaseTitle: "Reading", phaseMinutes: "60", phaseKind: "dialogue" });
    expect(created.status).toBe(302);
    const series = await seriesOf("Winter reading circle");
    const later = DateTime.fromISO(first).plus({ days: 1 }).toISODate()!;
    const saved = await danielPage.post(`/meetings/${series.id}/edit`, { intent: "save", title: "Winter reading circle", date: later, time: "12:30", durationMinutes: "60", repeat: "weekly", timezone: "America/Vancouver" });
    expect(saved.status).toBe(302);
    const after = await seriesOf("Winter reading circle");
    expect(after.id).toBe(series.id);
    expect(after.start_local).toBe(`${later}T12:30`);
    expect(after.revision).toBe(1);

    // Ending needs a meeting that happened; without confirmation nothing is deleted.
    expect((await danielPage.post(`/meetings/${series.id}/edit`, { intent: "end", confirmed: "yes" })).status).toBe(400);
    expect((await danielPage.post(`/meetings/${series.id}/edit`, { intent: "delete" })).status).toBe(400);
    const deleted = await danielPage.post(`/meetings/${series.id}/edit`, { intent: "delete", confirmed: "yes" });
    expect(deleted.status).toBe(302);
    expect(await server.services.db.selectFrom("meeting_series").select("id").where("id", "=", series.id).executeTakeFirst()).toBeUndefined();
    const members = await server.services.db.selectFrom("memberships").innerJoin("communities", "communities.id", "memberships.community_id").select("user_id").where("communities.slug", "=", slug).execute();
    const told = await server.services.db.selectFrom("notifications").select("user_id").where("title", "=", "Removed: Winter reading circle").execute();
    expect(told).toHaveLength(members.length - 1);
  });

  it("a series that has met is not deleted, and ending it tells every member", async () => {
    const danielPage = await signedIn(daniel);
    const study = await seriesOf("Study group");
    const refused = await danielPage.post(`/meetings/${study.id}/edit`, { intent: "delete", confirmed: "yes" });
    expect(refused.status).toBe(400);
    expect(visibleText(refused.html)).toContain("end it instead");
    const ended = await danielPage.post(`/meetings/${study.id}/edit`, { intent: "end", confirmed: "yes" });
    expect(ended.status).toBe(302);
    const row = await seriesOf("Study group");
    expect(row.ends_on).not.toBeNull();
    const text = visibleText((await danielPage.page("/communities/systems-thinking-study-group")).html);
    expect(text).toContain(`Study group: ended ${row.ends_on}`);
    expect(text).toContain("Upcoming meetings No meetings are planned yet.");
    const told = await server.services.db.selectFrom("notifications").select("user_id").where("title", "=", "Ended: Study group").execute();
    expect(told).toHaveLength(3);
  });
});

describe("one meeting moved or cancelled", () => {
  it("a move reaches those coming once, however often the page is sent; a cancellation reaches every member", async () => {
    const series = await server.services.db.selectFrom("meeting_series").selectAll().where("title", "=", "Early Years evening circle").where("continued_as", "is", null).executeTakeFirstOrThrow();
    const members = await server.services.db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["users.email", "memberships.role"])
      .where("memberships.community_id", "=", series.community_id)
      .execute();
    const member = members.find((m) => m.role === "member")!.email;
    const memberPage = await signedIn(member);
    const html = (await memberPage.page("/communities/early-years-circle")).html;
    const href = new RegExp(`href="(/meetings/${series.id}/\\d{4}-\\d{2}-\\d{2})"`).exec(html)![1];
    await memberPage.post(href, { intent: "rsvp", response: "yes" });
    const priya = await signedIn("priya.sandhu@csl-commons.example");
    const date = href.slice(-10);
    const later = DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;
    // Two facilitators' tabs send the same move at once: one notice each.
    await Promise.all([priya.post(href, { intent: "move", date: later, time: "18:30" }), priya.post(href, { intent: "move", date: later, time: "18:30" })]);
    const moves = (await noticesOf(member)).filter((n) => n.title.startsWith("Moved"));
    expect(moves).toHaveLength(1);
    expect(moves[0].body).toMatch(/has moved from .* to .*Pacific Time/);

    const cancelled = await priya.post(href, { intent: "cancel", confirmed: "yes" });
    expect(visibleText(cancelled.html)).toContain("Every member has been told.");
    const told = await server.services.db.selectFrom("notifications").select("user_id").where("kind", "=", "meeting-cancelled").where("key", "like", `meeting:${series.id}/${date}:%`).execute();
    expect(told).toHaveLength(members.length - 1);
    await until(() => mailTo(member, /Cancelled: Early Years evening circle/).length === 1, "the cancellation email");
  });
});

describe("reminders the day before", () => {
  it("each member once, even with two runs at once; none for those who said no or turned reminders off", async () => {
    const db = server.services.db;
    const first = DateTime.now().plus({ hours: 20 }).setZone("America/Vancouver");
    const danielPage = await signedIn(daniel);
    await danielPage.post(`/communities/systems-thinking-study-group/meetings/new`, {
      title: "Tomorrow's reading",
      date: first.toISODate()!,
      time: first.toFormat("HH:mm"),
      durationMinutes: "60",
      repeat: "once",
      timezone: "America/Vancouver",
      phaseTitle: "Reading",
      phaseMinutes: "60",
      phaseKind: "dialogue",
    });
    const series = await seriesOf("Tomorrow's reading");
    const readers = await db.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id").select(["users.id", "users.email"]).where("memberships.community_id", "=", series.community_id).execute();
    const [declines, optsOut, ...others] = readers.filter((r) => r.email !== daniel);
    const declinePage = await signedIn(declines.email);
    await declinePage.post(`/meetings/${series.id}/${first.toISODate()}`, { intent: "rsvp", response: "no" });
    const optOutPage = await signedIn(optsOut.email);
    expect((await optOutPage.post("/settings", { intent: "notices", emailNotices: "on", timezone: "" })).status).toBe(200);

    const [a, b] = await Promise.all([sendMeetingReminders(server.services), sendMeetingReminders(server.services)]);
    const reminded = await db.selectFrom("notifications").select("user_id").where("key", "=", `reminder:${series.id}/${first.toISODate()}`).execute();
    expect(a + b).toBe(reminded.length);
    expect(new Set(reminded.map((r) => r.user_id))).toEqual(new Set([await userId(daniel), ...others.map((o) => o.id)]));
    expect(await sendMeetingReminders(server.services)).toBe(0);
    const other = others[0].email;
    await until(() => mailTo(other, /Tomorrow: Tomorrow's reading/).length === 1, "the reminder email");
    expect(mailTo(other, /Tomorrow/)[0].body.replace(/=\r?\n/g, "")).toContain(`/meetings/${series.id}/${first.toISODate()}/room`);
  });
});

describe("the bell", () => {
  it("counts unread notices in the header; opening one marks it read and goes to it", async () => {
    const samPage = await signedIn(sam);
    const unread = (await noticesOf(sam)).filter((n) => !n.read_at);
    expect(unread.length).toBeGreaterThan(0);
    expect((await samPage.page("/")).html).toContain(`aria-label="${unread.length} unread"`);
    const opened = await samPage.post("/notifications", { id: unread[0].id });
    expect(opened.status).toBe(302);
    expect(opened.location).toBe(unread[0].href);
    expect((await noticesOf(sam)).filter((n) => !n.read_at)).toHaveLength(unread.length - 1);
    // Someone else's notice cannot be opened or marked.
    const priya = await signedIn("priya.sandhu@csl-commons.example");
    expect((await priya.post("/notifications", { id: unread[1]?.id ?? unread[0].id })).status).toBe(200);
    await samPage.post("/notifications", { intent: "read-all" });
    expect(visibleText((await samPage.page("/")).html)).toContain("none unread");
  });
});
