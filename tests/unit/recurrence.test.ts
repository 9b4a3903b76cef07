import { describe, expect, it } from "vitest";
import {
  isOccurrence,
  localToUtc,
  occurrenceKey,
  occurrencesBetween,
  parseOccurrenceKey,
  rruleProblem,
  utcToLocal,
} from "../../shared/recurrence";

const vancouver = "America/Vancouver";
const biweekly = { startLocal: "2026-02-25T15:30", timezone: vancouver, rrule: "FREQ=WEEKLY;INTERVAL=2" };

describe("a bi-weekly community-of-practice series in Vancouver", () => {
  const starts = occurrencesBetween(biweekly, new Date("2026-01-01T00:00:00Z"), new Date("2026-12-31T00:00:00Z"));

  it("meets every fourteen days from its first Wednesday", () => {
    expect(starts[0].toISOString()).toBe("2026-02-25T23:30:00.000Z");
    expect(starts).toHaveLength(23);
    for (const start of starts) expect(new Date(utcToLocal(start, vancouver)).getDay()).toBe(3);
  });

  it("stays at 15:30 local time across both DST changes of 2026", () => {
    for (const start of starts) expect(utcToLocal(start, vancouver).slice(11)).toBe("15:30");
    // Before 8 March (PST, UTC-8) and after (PDT, UTC-7), then after 1 November (PST again).
    expect(starts.map((s) => s.toISOString())).toContain("2026-03-11T22:30:00.000Z");
    expect(starts.map((s) => s.toISOString())).toContain("2026-11-04T23:30:00.000Z");
  });

  it("gives only the occurrences inside the window, in order", () => {
    const window = occurrencesBetween(biweekly, new Date("2026-03-01T00:00:00Z"), new Date("2026-03-31T00:00:00Z"));
    expect(window.map((s) => s.toISOString())).toEqual(["2026-03-11T22:30:00.000Z", "2026-03-25T22:30:00.000Z"]);
  });

  it("recognises its own occurrences and nothing else", () => {
    expect(isOccurrence(biweekly, new Date("2026-03-11T22:30:00Z"))).toBe(true);
    expect(isOccurrence(biweekly, new Date("2026-03-18T22:30:00Z"))).toBe(false);
    expect(isOccurrence(biweekly, new Date("2026-03-11T22:31:00Z"))).toBe(false);
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

  it("names an occurrence by its original start and reads the name back", () => {
    const start = new Date("2026-03-11T22:30:00Z");
    expect(occurrenceKey(start)).toBe("20260311T223000Z");
    expect(parseOccurrenceKey("20260311T223000Z")?.toISOString()).toBe(start.toISOString());
    expect(parseOccurrenceKey("2026-03-11")).toBeNull();
    expect(parseOccurrenceKey("20261399T993000Z")).toBeNull();
  });
});
