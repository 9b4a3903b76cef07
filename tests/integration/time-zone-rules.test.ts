// When the time-zone rules change under existing data: a community plans its winter circles while
// the server still has an older tz release (2025b, in which BC falls back to UTC−8 each November),
// members answer and a facilitator moves a date; then the server restarts with the shipped
// release, in which BC keeps UTC−7. Nothing anyone did is lost, every address still works, and
// calendars are told which events moved, once, even when two nodes start together.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import olderRelease from "../fixtures/tzdata-2025b.json";
import { parseCalendar } from "../helpers/calendar";
import { dialects, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { startTestServer, visibleText, Visitor, type TestServer } from "../helpers/server";
import { sql } from "kysely";
import { migrateToLatest } from "../../db/connect";
import { getOccurrence, getSeries, rsvpSummary } from "../../db/queries/meetings";
import { reconcileZoneRules } from "../../db/queries/zoneRules";
import { packedZoneDatabase, useZoneDatabase, zoneDatabase } from "../../shared/timezones";

const slug = "provincial-community-of-practice";

/** The first Wednesday in December or January at least two days from now: winter, where the releases differ. */
function winterWednesday(): DateTime {
  let day = DateTime.utc().plus({ days: 2 }).startOf("day");
  while (!(day.weekday === 3 && (day.month === 12 || day.month === 1))) day = day.plus({ days: 1 });
  return day;
}

afterEach(() => useZoneDatabase(null));

describe.each(dialects)("time-zone rules change under existing meetings, on %s", (dialect) => {
  let database: TestDatabase;
  const servers: TestServer[] = [];
  const start = async () => {
    const server = await startTestServer({ databaseUrl: database.url, databaseSchema: database.schema });
    servers.push(server);
    return server;
  };
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await database?.close();
  });

  it("keeps RSVPs, moves and addresses, puts every winter circle at 15:30 Pacific Time (22:30 UTC) and raises SEQUENCE once", async () => {
    database = await openTestDatabase(dialect);
    useZoneDatabase(packedZoneDatabase(olderRelease));
    const before = await start();
    const daniel = new Visitor(before.url);
    await daniel.signIn("daniel.okafor@csl-commons.example");
    const first = winterWednesday();
    const dates = [0, 14, 28].map((days) => first.plus({ days }).toISODate()!);
    const created = await daniel.post(`/communities/${slug}/meetings/new`, {
      title: "Winter systems circle",
      description: "",
      date: dates[0],
      time: "15:30",
      durationMinutes: "90",
      repeat: "biweekly",
      timezone: "America/Vancouver",
      videoUrl: "",
      phaseTitle: ["Check-in"],
      phaseMinutes: ["20"],
      phaseKind: ["check-in"],
    });
    expect(created.status).toBe(302);
    const series = await before.services.db.selectFrom("meeting_series").select("id").where("title", "=", "Winter systems circle").executeTakeFirstOrThrow();
    const href = (date: string) => `/meetings/${series.id}/${date}`;
    const event = async (visitor: Visitor, date: string) => parseCalendar(await (await visitor.get(`${href(date)}/calendar.ics`)).text())[0];

    // Under 2025b: 15:30 in December is 23:30 UTC.
    const published = await event(daniel, dates[0]);
    expect(published.start.toISOString()).toBe(`${dates[0]}T23:30:00.000Z`);
    expect(published.sequence).toBe(0);
    const member = new Visitor(before.url);
    await member.signIn("member@csl-commons.example");
    expect((await member.post(href(dates[1]), { intent: "rsvp", response: "yes" })).status).toBe(200);
    const movedDay = first.plus({ days: 29 }).toISODate()!;
    expect((await daniel.post(href(dates[2]), { intent: "move", date: movedDay, time: "16:00" })).status).toBe(200);
    expect((await event(daniel, dates[2])).start.toISOString()).toBe(`${first.plus({ days: 30 }).toISODate()}T00:00:00.000Z`);
    await before.stop();

    // The shipped release; on PostgreSQL, two nodes starting on the same database at once
    // (a SQLite file has one server process).
    useZoneDatabase(null);
    const [after] = dialect === "postgres" ? await Promise.all([start(), start()]) : [await start()];
    const health = (await (await fetch(`${after.url}/healthz`)).json()) as { tzdata: string };
    expect(health.tzdata).toBe(zoneDatabase().version);
    const again = new Visitor(after.url);
    await again.signIn("daniel.okafor@csl-commons.example");

    const moved = await event(again, dates[0]);
    expect(moved.start.toISOString()).toBe(`${dates[0]}T22:30:00.000Z`);
    expect(moved.uid).toBe(published.uid);
    expect(moved.sequence).toBe(1);
    const page = visibleText((await again.page(href(dates[1]))).html);
    expect(page).toContain("3:30 p.m. – 5:00 p.m. Pacific Time");
    expect(page).toContain("1 coming");
    expect((await event(again, dates[1])).sequence).toBe(1);
    // The moved date keeps its wall-clock time, 16:00, now at UTC−7; moved once, republished once.
    const movedEvent = await event(again, dates[2]);
    expect(movedEvent.start.toISOString()).toBe(`${movedDay}T23:00:00.000Z`);
    expect(movedEvent.sequence).toBe(2);
    expect(visibleText((await again.page(href(dates[2]))).html)).toContain("Moved from");
    // A summer date was 22:30 UTC under both releases: its calendar event did not change.
    let july = first;
    while (july.month !== 7) july = july.plus({ days: 14 });
    const summer = july.toISODate()!;
    const summerEvent = await event(again, summer);
    expect(summerEvent.start.toISOString()).toBe(`${summer}T22:30:00.000Z`);
    expect(summerEvent.sequence).toBe(0);

    // Another restart with the same rules raises nothing.
    for (const server of servers.splice(0)) await server.stop();
    const third = await start();
    const last = new Visitor(third.url);
    await last.signIn("daniel.okafor@csl-commons.example");
    expect((await event(last, dates[0])).sequence).toBe(1);
    expect((await event(last, dates[2])).sequence).toBe(2);
  });
});

describe.each(dialects)("meetings stored before occurrences were named by date, on %s", (dialect) => {
  let database: TestDatabase;
  afterAll(async () => database?.close());

  it("the migration names each stored occurrence by its local date and keeps its RSVPs, move and calendar UID", async () => {
    database = await openTestDatabase(dialect, { upTo: "0005_mentorship" });
    const { db } = database;
    const now = new Date().toISOString();
    const first = winterWednesday();
    const dates = [0, 14, 28].map((days) => first.plus({ days }).toISODate()!);
    const movedTo = `${first.plus({ days: 29 }).toISODate()}T16:00`;
    // Until now every instant came from the runtime's own ICU rules (Node 20: tzdata 2025c).
    const icu = (local: string) => DateTime.fromISO(local, { zone: "America/Vancouver" }).toUTC().toISO()!;
    await sql`insert into users (id, email, name, password_hash, created_at, updated_at) values ('u1', 'ann@example.org', 'Ann', 'x', ${now}, ${now})`.execute(db);
    await sql`insert into communities (id, slug, name, created_by, created_at) values ('c1', 'circle', 'Circle', 'u1', ${now})`.execute(db);
    await sql`insert into meeting_series (id, community_id, title, start_local, timezone, duration_minutes, rrule, agenda, created_by, created_at, updated_at)
      values ('s1', 'c1', 'Winter circle', ${`${dates[0]}T15:30`}, 'America/Vancouver', 90, 'FREQ=WEEKLY;INTERVAL=2', '[]', 'u1', ${now}, ${now})`.execute(db);
    for (const [id, date, startsAt] of [["m1", dates[1], icu(`${dates[1]}T15:30`)], ["m2", dates[2], icu(movedTo)]]) {
      const original = icu(`${date}T15:30`);
      await sql`insert into meetings (id, series_id, original_start, starts_at, ends_at, status, updated_at)
        values (${id}, 's1', ${original}, ${startsAt}, ${new Date(Date.parse(startsAt) + 90 * 60_000).toISOString()}, 'scheduled', ${now})`.execute(db);
    }
    await sql`insert into rsvps (meeting_id, user_id, response, updated_at) values ('m1', 'u1', 'yes', ${now})`.execute(db);

    await migrateToLatest(db, database.schema);
    await reconcileZoneRules(db);
    const series = (await getSeries(db, "s1"))!;
    const [rowless, answered, moved] = await Promise.all(dates.map((date) => getOccurrence(db, series, date)));
    // Whether this runtime's ICU still has the old rule decides whether the published times moved.
    const runtimeWasOld = icu(`${dates[0]}T15:30`) !== `${dates[0]}T22:30:00.000Z`;
    const legacyUid = (iso: string) => `s1-${iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "")}@csl-commons`;

    expect(answered).toMatchObject({ key: dates[1], startsAt: `${dates[1]}T22:30:00.000Z`, calendarUid: legacyUid(icu(`${dates[1]}T15:30`)), sequence: runtimeWasOld ? 1 : 0 });
    expect((await rsvpSummary(db, answered!.meetingId, "u1")).mine).toBe("yes");
    expect(moved).toMatchObject({ moved: true, startsAt: `${movedTo.slice(0, 10)}T23:00:00.000Z`, calendarUid: legacyUid(icu(`${dates[2]}T15:30`)), sequence: runtimeWasOld ? 1 : 0 });
    expect(rowless).toMatchObject({
      startsAt: `${dates[0]}T22:30:00.000Z`,
      calendarUid: runtimeWasOld ? legacyUid(icu(`${dates[0]}T15:30`)) : `s1-${dates[0]}@csl-commons`,
      sequence: runtimeWasOld ? 1 : 0,
    });
  });
});
