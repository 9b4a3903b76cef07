import { afterEach, describe, expect, it } from "vitest";
import olderRelease from "../fixtures/tzdata-2025b.json";
import { formatDateTime, formatMeetingTime } from "../../shared/format";
import { localToUtc, occurrenceOn } from "../../shared/recurrence";
import { packedZoneDatabase, rulesFromSnapshot, runtimeZoneRules, snapshotOf, useZoneDatabase, zoneDatabase, zoneLabel } from "../../shared/timezones";

const vancouver = "America/Vancouver";
const biweekly = { startLocal: "2026-02-25T15:30", timezone: vancouver, rrule: "FREQ=WEEKLY;INTERVAL=2" };

afterEach(() => useZoneDatabase(null));

describe("time-zone rules come from the shipped tz database, not the runtime", () => {
  it("ships IANA 2026a or later, which has British Columbia on UTC-7 for good", () => {
    expect(zoneDatabase().version >= "2026a").toBe(true);
    const rules = zoneDatabase().zone(vancouver)!;
    expect(rules.offsetMinutes(Date.parse("2026-07-15T12:00Z"))).toBe(-420);
    expect(rules.offsetMinutes(Date.parse("2026-12-09T12:00Z"))).toBe(-420);
    expect(rules.offsetMinutes(Date.parse("2028-01-15T12:00Z"))).toBe(-420);
    expect(rules.transitions(Date.parse("2026-03-09Z"), Date.parse("2030-01-01Z"))).toEqual([]);
  });

  it("places a 15:30 meeting on 9 December 2026 at 22:30 UTC, whatever the runtime's ICU says", () => {
    expect(localToUtc("2026-12-09T15:30", vancouver).toISOString()).toBe("2026-12-09T22:30:00.000Z");
  });

  it("an older release (2025b) still falls back in November: the same wall-clock time is an hour later in UTC", () => {
    useZoneDatabase(packedZoneDatabase(olderRelease));
    expect(zoneDatabase().version).toBe("2025b");
    expect(localToUtc("2026-12-09T15:30", vancouver).toISOString()).toBe("2026-12-09T23:30:00.000Z");
    expect(occurrenceOn(biweekly, "2026-12-16")?.start.toISOString()).toBe("2026-12-16T23:30:00.000Z");
    useZoneDatabase(null);
    expect(occurrenceOn(biweekly, "2026-12-16")?.start.toISOString()).toBe("2026-12-16T22:30:00.000Z");
  });

  it("reads links between zone names, and knows no made-up zone", () => {
    expect(zoneDatabase().zone("Canada/Pacific")?.offsetMinutes(Date.parse("2026-12-09Z"))).toBe(-420);
    expect(zoneDatabase().zone("Mars/Olympus")).toBeNull();
  });
});

describe("times as a reader in each place says them", () => {
  it("a BC reader sees Pacific Time, never PST or MST", () => {
    const { date, time } = formatMeetingTime("2026-12-09T22:30:00Z", "2026-12-10T00:00:00Z", vancouver);
    expect(date).toBe("Wednesday, December 9, 2026");
    expect(time).toBe("3:30 p.m. – 5:00 p.m. Pacific Time");
    expect(zoneLabel(vancouver, Date.parse("2026-07-01Z"))).toBe("Pacific Time");
  });

  it("other zones keep their usual abbreviation, with summer time where they have it", () => {
    expect(formatMeetingTime("2026-12-09T21:00:00Z", "2026-12-09T22:00:00Z", "America/Toronto").time).toBe("4:00 p.m. – 5:00 p.m. EST");
    expect(formatMeetingTime("2026-07-15T20:00:00Z", "2026-07-15T21:00:00Z", "America/Toronto").time).toBe("4:00 p.m. – 5:00 p.m. EDT");
    expect(zoneLabel("Asia/Dubai", Date.parse("2026-07-01Z"))).toBe("UTC+04");
  });

  it("short date-times come from the same rules", () => {
    expect(formatDateTime("2026-12-09T22:30:00Z", vancouver)).toBe("Dec 9, 2026, 3:30 p.m.");
  });
});

describe("snapshots of rules, to compare a new release with the rules published times came from", () => {
  it("a snapshot answers as the rules it was taken from, over its stretch", () => {
    const older = packedZoneDatabase(olderRelease).zone(vancouver)!;
    const from = Date.parse("2026-06-01Z");
    const to = Date.parse("2029-06-01Z");
    const snapshot = snapshotOf(older, from, to);
    expect(snapshot.offset).toBe(-420);
    expect(snapshot.transitions[0]).toEqual([Date.parse("2026-11-01T09:00:00Z"), -480]);
    const replayed = rulesFromSnapshot(vancouver, JSON.parse(JSON.stringify(snapshot)));
    for (let t = from; t < to; t += 17 * 3600_000) expect(replayed.offsetMinutes(t)).toBe(older.offsetMinutes(t));
  });

  it("the runtime's rules are read to the millisecond of each change", () => {
    const runtime = runtimeZoneRules("America/Toronto")!;
    const changes = runtime.transitions(Date.parse("2027-01-01Z"), Date.parse("2028-01-01Z"));
    expect(changes).toEqual([
      [Date.parse("2027-03-14T07:00:00Z"), -240],
      [Date.parse("2027-11-07T06:00:00Z"), -300],
    ]);
    expect(runtimeZoneRules("Mars/Olympus")).toBeNull();
  });
});
