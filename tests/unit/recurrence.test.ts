import { describe, expect, it } from "vitest";
import {
  lastStartedOn,
  localToUtc,
  occurrenceOn,
  occurrencesBetween,
  parseLegacyOccurrenceKey,
  rruleProblem,
  utcToLocal,
} from "../../shared/recurrence";

const vancouver = "America/Vancouver";
const biweekly = { startLocal: "2026-02-25T15:30", timezone: vancouver, rrule: "FREQ=WEEKLY;INTERVAL=2" };

describe("a bi-weekly community-of-practice series in Vancouver", () => {
  const slots = occurrencesBetween(biweekly, new Date("2026-01-01T00:00:00Z"), new Date("2026-12-31T00:00:00Z"));
  const instants = slots.map((s) => s.start.toISOString());

  it("meets every fourteen days from its first Wednesday", () => {
    expect(slots[0]).toEqual({ date: "2026-02-25", start: new Date("2026-02-25T23:30:00Z") });
    expect(slots).toHaveLength(23);
    for (const slot of slots) expect(new Date(`${slot.date}T12:00Z`).getUTCDay()).toBe(3);
  });

  it("stays at 15:30 local time through 2026, with the spring-forward of 8 March as BC's last clock change", () => {
    for (const slot of slots) expect(utcToLocal(slot.start, vancouver)).toBe(`${slot.date}T15:30`);
    // Before 8 March: UTC-8. From then on BC keeps UTC-7: no fall-back on 1 November 2026.
    expect(instants).toContain("2026-03-11T22:30:00.000Z");
    expect(instants).toContain("2026-07-15T22:30:00.000Z");
    expect(instants).toContain("2026-11-04T22:30:00.000Z");
    expect(instants).toContain("2026-12-16T22:30:00.000Z");
  });

  it("keeps 15:30 local at 22:30 UTC on every occurrence of 2027 and 2028", () => {
    const later = occurrencesBetween(biweekly, new Date("2027-01-01T00:00:00Z"), new Date("2029-01-01T00:00:00Z"));
    expect(later.length).toBeGreaterThan(50);
    for (const slot of later) expect(slot.start.toISOString().slice(11)).toBe("22:30:00.000Z");
  });

  it("gives only the occurrences inside the window, in order", () => {
    const window = occurrencesBetween(biweekly, new Date("2026-03-01T00:00:00Z"), new Date("2026-03-31T00:00:00Z"));
    expect(window.map((s) => s.date)).toEqual(["2026-03-11", "2026-03-25"]);
  });

  it("finds its occurrence by local date, and nothing on other dates", () => {
    expect(occurrenceOn(biweekly, "2026-12-16")).toEqual({ date: "2026-12-16", start: new Date("2026-12-16T22:30:00Z") });
    expect(occurrenceOn(biweekly, "2026-12-09")).toBeNull();
    expect(occurrenceOn(biweekly, "2026-02-11")).toBeNull();
    expect(occurrenceOn(biweekly, "2026-02-30")).toBeNull();
    expect(occurrenceOn(biweekly, "20261216T223000Z")).toBeNull();
  });
});

describe("a weekly series in Toronto, where clocks still change", () => {
  const toronto = { startLocal: "2026-01-07T16:00", timezone: "America/Toronto", rrule: "FREQ=WEEKLY" };

  it("moves between UTC-5 in winter and UTC-4 in summer, at 16:00 local", () => {
    expect(occurrenceOn(toronto, "2026-07-15")?.start.toISOString()).toBe("2026-07-15T20:00:00.000Z");
    expect(occurrenceOn(toronto, "2026-12-16")?.start.toISOString()).toBe("2026-12-16T21:00:00.000Z");
    expect(occurrenceOn(toronto, "2027-11-10")?.start.toISOString()).toBe("2027-11-10T21:00:00.000Z");
  });
});

describe("recurrence edge cases", () => {
  it("moves a start that falls in the spring-forward gap to a real instant", () => {
    const gap = localToUtc("2026-03-08T02:30", vancouver);
    expect(utcToLocal(gap, vancouver)).toBe("2026-03-08T03:30");
  });

  it("honours COUNT and UNTIL", () => {
    const counted = { ...biweekly, rrule: "FREQ=WEEKLY;INTERVAL=2;COUNT=3" };
    expect(occurrencesBetween(counted, new Date("2026-01-01Z"), new Date("2027-01-01Z"))).toHaveLength(3);
    const until = { ...biweekly, rrule: "FREQ=WEEKLY;INTERVAL=2;UNTIL=20260401T000000Z" };
    expect(occurrencesBetween(until, new Date("2026-01-01Z"), new Date("2027-01-01Z"))).toHaveLength(3);
  });

  it("refuses rules that are unreadable or set the time of day", () => {
    expect(rruleProblem("FREQ=WEEKLY;INTERVAL=2")).toBeNull();
    expect(rruleProblem("nonsense")).not.toBeNull();
    expect(rruleProblem("FREQ=MINUTELY")).not.toBeNull();
    expect(rruleProblem("FREQ=WEEKLY;BYHOUR=9")).not.toBeNull();
  });

  it("bounds the expansion of a daily rule over a long window", () => {
    const daily = { ...biweekly, rrule: "FREQ=DAILY" };
    expect(occurrencesBetween(daily, new Date("2026-01-01Z"), new Date("2036-01-01Z")).length).toBe(1000);
  });

  it("reads the addresses of the older form, named by UTC start, so old links still lead somewhere", () => {
    expect(parseLegacyOccurrenceKey("20260311T223000Z")?.toISOString()).toBe("2026-03-11T22:30:00.000Z");
    expect(parseLegacyOccurrenceKey("2026-03-11")).toBeNull();
    expect(parseLegacyOccurrenceKey("20261399T993000Z")).toBeNull();
  });
});

describe("a series with an end, and where it stands today", () => {
  it("has no occurrence after its last date", () => {
    const ended = { ...biweekly, endsOn: "2026-04-08" };
    const slots = occurrencesBetween(ended, new Date("2026-01-01T00:00:00Z"), new Date("2026-12-31T00:00:00Z"));
    expect(slots.map((s) => s.date)).toEqual(["2026-02-25", "2026-03-11", "2026-03-25", "2026-04-08"]);
    expect(occurrenceOn(ended, "2026-04-22")).toBeNull();
  });

  it("names the last occurrence that has started, counting one under way, and none before the first", () => {
    expect(lastStartedOn(biweekly, new Date("2026-02-01T00:00:00Z"))).toBeNull();
    expect(lastStartedOn(biweekly, new Date("2026-03-11T22:45:00Z"))).toBe("2026-03-11");
    expect(lastStartedOn(biweekly, new Date("2026-03-11T22:29:00Z"))).toBe("2026-02-25");
    // Years later, the search still finds it.
    expect(lastStartedOn(biweekly, new Date("2029-06-01T00:00:00Z"))).toBe(occurrencesBetween(biweekly, new Date("2029-05-01T00:00:00Z"), new Date("2029-06-01T00:00:00Z")).at(-1)!.date);
  });
});
