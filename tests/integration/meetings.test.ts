// Communities and meetings against a started server; calendars read by an independent
// iCalendar parser (ical.js).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { parseCalendar } from "../helpers/calendar";
import { startTestServer, visibleText, Visitor, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const visitor = () => new Visitor(server.url);
const slug = "provincial-community-of-practice";


async function firstMeetingHref(v: Visitor): Promise<string> {
  const html = (await v.page(`/communities/${slug}`)).html;
  const href = /href="(\/meetings\/[a-z2-9]+\/\d{4}-\d{2}-\d{2})"/.exec(html)?.[1];
  if (!href) throw new Error("no meeting link on the community page");
  return href;
}

describe("communities", () => {
  it("a member of the network joins an open community and leaves it again", async () => {
    const admin = visitor();
    await admin.signIn("admin@csl-commons.example");
    await admin.post("/communities/new", { name: "Okanagan Circle", description: "Open circle", visibility: "open" });
    const sam = visitor();
    await sam.signIn("member@csl-commons.example");
    const before = visibleText((await sam.page("/communities/okanagan-circle")).html);
    expect(before).toContain("Join this community");
    expect((await sam.page("/communities/okanagan-circle/members")).status).toBe(403);
    await sam.post("/communities/okanagan-circle", { intent: "join" });
    expect(visibleText((await sam.page("/communities/okanagan-circle/members")).html)).toContain("Sam Whitehorse");
    expect(visibleText((await sam.page("/communities")).html)).toMatch(/Yours.*Okanagan Circle/);
    const left = await sam.post("/communities/okanagan-circle", { intent: "leave", confirmed: "yes" });
    expect(left.status).toBe(302);
    expect((await sam.page("/communities/okanagan-circle/members")).status).toBe(403);
  });

  it("the only facilitator cannot leave a community without someone to hold it", async () => {
    const admin = visitor();
    await admin.signIn("admin@csl-commons.example");
    const result = await admin.post("/communities/okanagan-circle", { intent: "leave", confirmed: "yes" });
    expect(result.status).toBe(409);
    expect(visibleText(result.html)).toContain("only facilitator");
  });

  it("shows the member directory with names, organizations and roles", async () => {
    const sam = visitor();
    await sam.signIn("member@csl-commons.example");
    const text = visibleText((await sam.page(`/communities/${slug}/members`)).html);
    expect(text).toContain("Daniel Okafor (he/him) Facilitator Vice-principal SD 39 Vancouver");
    expect(text).toContain("Aiyana George");
  });
});

describe("meetings", () => {
  it("a facilitator plans a bi-weekly series that stays at 15:30 Pacific Time, at 22:30 UTC, since BC stopped changing clocks", async () => {
    const daniel = visitor();
    await daniel.signIn("daniel.okafor@csl-commons.example");
    const bad = await daniel.post(`/communities/${slug}/meetings/new`, { title: "X", date: "", time: "25:99", durationMinutes: "5", repeat: "hourly", timezone: "Mars/Olympus", videoUrl: "javascript:alert(1)", phaseTitle: ["Check-in"], phaseMinutes: ["0"], phaseKind: ["check-in"] });
    expect(bad.status).toBe(400);
    const errors = visibleText(bad.html);
    for (const message of ["at least 3 characters", "Choose a date", "Choose a time", "At least 15 minutes", "Choose how often it repeats", "Choose a time zone", "Use a full https:// link", "Phase 1: At least 1 minute"]) {
      expect(errors).toContain(message);
    }
    const created = await daniel.post(`/communities/${slug}/meetings/new`, {
      title: "Spring systems circle",
      description: "",
      date: "2027-02-24",
      time: "15:30",
      durationMinutes: "90",
      repeat: "biweekly",
      timezone: "America/Vancouver",
      videoUrl: "https://video.example.org/spring",
      phaseTitle: ["Arrival", "Check-in round", "", ""],
      phaseMinutes: ["5", "25", "", ""],
      phaseKind: ["arrival", "check-in", "other", "other"],
    });
    expect(created.location).toBe(`/communities/${slug}`);
    const series = await server.services.db.selectFrom("meeting_series").selectAll().where("title", "=", "Spring systems circle").executeTakeFirstOrThrow();
    expect(JSON.parse(series.agenda)).toEqual([
      { kind: "arrival", title: "Arrival", minutes: 5 },
      { kind: "check-in", title: "Check-in round", minutes: 25 },
    ]);
    // 10 and 24 March 2027 straddle what was the spring-forward: BC no longer has one.
    for (const key of ["2027-03-10", "2027-03-24"]) {
      const page = await daniel.page(`/meetings/${series.id}/${key}`);
      expect(page.status).toBe(200);
      expect(visibleText(page.html)).toContain("3:30 p.m. – 5:00 p.m. Pacific Time");
      const event = parseCalendar(await (await daniel.get(`/meetings/${series.id}/${key}/calendar.ics`)).text())[0];
      expect(event.start.toISOString()).toBe(`${key}T22:30:00.000Z`);
    }
    // Not occurrences of the series: a week off, no such date, no address at all.
    expect((await daniel.page(`/meetings/${series.id}/2027-03-17`)).status).toBe(404);
    expect((await daniel.page(`/meetings/${series.id}/2027-02-31`)).status).toBe(404);
    expect((await daniel.page(`/meetings/${series.id}/garbage`)).status).toBe(404);
    // An address of the older form (UTC start, under the old rules an hour later) leads to the meeting.
    const old = await daniel.page(`/meetings/${series.id}/20270324T233000Z`);
    expect(old.status).toBe(301);
    expect(old.location).toBe(`/meetings/${series.id}/2027-03-24`);
    expect((await daniel.page(`/meetings/${series.id}/20270317T223000Z`)).status).toBe(404);
  });

  it("members RSVP; facilitators move, cancel and edit the agenda of one occurrence; members cannot", async () => {
    const sam = visitor();
    await sam.signIn("member@csl-commons.example");
    const href = await firstMeetingHref(sam);
    expect((await sam.post(href, { intent: "rsvp", response: "yes" })).status).toBe(200);
    expect(visibleText((await sam.page(href)).html)).toContain("1 coming");
    expect((await sam.post(href, { intent: "rsvp", response: "definitely" })).status).toBe(400);
    expect((await sam.post(href, { intent: "cancel", confirmed: "yes" })).status).toBe(403);

    const daniel = visitor();
    await daniel.signIn("daniel.okafor@csl-commons.example");
    const page = (await daniel.page(href)).html;
    const date = /name="date"[^>]*value="([\d-]+)"/.exec(page)?.[1] ?? /value="([\d-]+)"[^>]*name="date"/.exec(page)![1];
    const later = DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;
    expect((await daniel.post(href, { intent: "move", date: later, time: "16:00" })).status).toBe(200);
    expect(visibleText((await daniel.page(href)).html)).toContain("Moved from");
    const farAway = DateTime.fromISO(date).plus({ days: 45 }).toISODate()!;
    expect((await daniel.post(href, { intent: "move", date: farAway, time: "16:00" })).status).toBe(400);
    const agenda = await daniel.post(href, { intent: "agenda", phaseTitle: ["Arrival", "Long check-in", ""], phaseMinutes: ["5", "40", ""], phaseKind: ["arrival", "check-in", "other"] });
    expect(agenda.status).toBe(200);
    expect(visibleText((await sam.page(href)).html)).toContain("Long check-in 40 min");
    await daniel.post(href, { intent: "cancel", confirmed: "yes" });
    expect(visibleText((await sam.page(href)).html)).toContain("This meeting is cancelled.");
    await daniel.post(href, { intent: "restore" });
    expect(visibleText((await sam.page(href)).html)).not.toContain("This meeting is cancelled.");
  });

  it("an outsider cannot see or change an invitation-only community's meetings", async () => {
    const priya = visitor();
    await priya.signIn("priya.sandhu@csl-commons.example");
    const html = (await priya.page("/communities/early-years-circle")).html;
    const href = /href="(\/meetings\/[a-z2-9]+\/\d{4}-\d{2}-\d{2})"/.exec(html)![1];
    const outsider = visitor();
    await outsider.signIn("marcus.lee@csl-commons.example");
    expect((await outsider.page(href)).status).toBe(404);
    expect((await outsider.post(href, { intent: "rsvp", response: "yes" })).status).toBe(404);
    expect((await outsider.page(`${href}/calendar.ics`)).status).toBe(404);
  });
});

describe("calendars", () => {
  it("the .ics download of a meeting holds that one meeting", async () => {
    const sam = visitor();
    await sam.signIn("lena.fischer@csl-commons.example");
    const href = await firstMeetingHref(sam);
    const response = await sam.get(`${href}/calendar.ics`);
    expect(response.headers.get("content-type")).toContain("text/calendar");
    const events = parseCalendar(await response.text());
    expect(events).toHaveLength(1);
    expect(events[0].summary).toContain("Provincial CoP circle");
    expect(events[0].end.getTime() - events[0].start.getTime()).toBe(90 * 60_000);
    // The page and the calendar agree: 15:30 Pacific Time is 22:30 UTC on the occurrence's date
    // (the one after the first, which another test moves).
    const date = DateTime.fromISO(href.split("/").pop()!).plus({ days: 14 }).toISODate()!;
    const next = href.replace(/[\d-]+$/, date);
    expect(visibleText((await sam.page(next)).html)).toContain("3:30 p.m. – 5:00 p.m. Pacific Time");
    expect(parseCalendar(await (await sam.get(`${next}/calendar.ics`)).text())[0].start.toISOString()).toBe(`${date}T22:30:00.000Z`);
  });

  it("the private calendar feed lists the bi-weekly occurrences at 15:30 Vancouver time, and stops when revoked", async () => {
    const aiyana = visitor();
    await aiyana.signIn("aiyana.george@csl-commons.example");
    const made = await aiyana.post("/settings", { intent: "calendar-create" });
    const feedUrl = /value="(http[^"]+\/calendar\/[a-z2-9]{32}\.ics)"/.exec(made.html)?.[1];
    expect(feedUrl).toBeDefined();
    const response = await fetch(feedUrl!);
    expect(response.status).toBe(200);
    const events = parseCalendar(await response.text()).filter((e) => e.summary.includes("Provincial CoP circle"));
    expect(events.length).toBeGreaterThanOrEqual(25);
    const regular = events.filter((e) => e.status === "CONFIRMED");
    // 15:30 in Vancouver is 22:30 UTC all year since March 2026, on a Wednesday.
    const onTime = regular.filter((e) => e.start.toISOString().slice(11, 16) === "22:30");
    for (const event of onTime) expect(event.start.getUTCDay()).toBe(3);
    expect(onTime.length).toBeGreaterThanOrEqual(events.length - 2);
    const gaps = onTime.slice(1).map((e, i) => Math.round((e.start.getTime() - onTime[i].start.getTime()) / 86_400_000));
    expect(gaps.every((days) => days % 14 === 0)).toBe(true);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);

    await aiyana.post("/settings", { intent: "calendar-revoke" });
    expect((await fetch(feedUrl!)).status).toBe(404);
  });

  it("the feed shows a cancelled occurrence as cancelled", async () => {
    const daniel = visitor();
    await daniel.signIn("daniel.okafor@csl-commons.example");
    const href = await firstMeetingHref(daniel);
    await daniel.post(href, { intent: "cancel", confirmed: "yes" });
    const made = await daniel.post("/settings", { intent: "calendar-create" });
    const feedUrl = /value="(http[^"]+\.ics)"/.exec(made.html)![1];
    const key = href.split("/").pop();
    const events = parseCalendar(await (await fetch(feedUrl)).text());
    const cancelled = events.find((e) => e.uid.endsWith(`${key}@csl-commons`));
    expect(cancelled?.status).toBe("CANCELLED");
    await daniel.post(href, { intent: "restore" });
  });
});
