import { describe, expect, it } from "vitest";
import { dueCheckin, isStalled, nextCheckin, shouldRemind } from "../../shared/mentorship/followUp";

const pair = { since: "2026-09-01T00:00:00.000Z", lastMeeting: null, remindedAt: null, checkinDays: 14 };

describe("pair follow-up", () => {
  it("the next check-in falls a rhythm after the last meeting, or after the start", () => {
    expect(nextCheckin(pair).toISOString()).toBe("2026-09-15T00:00:00.000Z");
    expect(nextCheckin({ ...pair, lastMeeting: "2026-09-20T00:00:00.000Z" }).toISOString()).toBe("2026-10-04T00:00:00.000Z");
  });

  it("reminds once when a check-in is due, and again only when the next falls due", () => {
    expect(shouldRemind(pair, new Date("2026-09-14T00:00:00Z"))).toBe(false);
    expect(shouldRemind(pair, new Date("2026-09-15T01:00:00Z"))).toBe(true);
    expect(shouldRemind({ ...pair, remindedAt: "2026-09-15T01:00:00.000Z" }, new Date("2026-09-20T00:00:00Z"))).toBe(false);
    const met = { ...pair, lastMeeting: "2026-09-16T00:00:00.000Z", remindedAt: "2026-09-15T01:00:00.000Z" };
    expect(shouldRemind(met, new Date("2026-09-30T00:00:00Z"))).toBe(true);
  });

  it("reminds again a rhythm later while nothing is logged, and never after the cycle has ended", () => {
    const reminded = { ...pair, remindedAt: "2026-09-15T01:00:00.000Z" };
    expect(shouldRemind(reminded, new Date("2026-09-28T23:00:00Z"))).toBe(false);
    expect(dueCheckin(reminded, new Date("2026-09-29T01:00:00Z"))?.toISOString()).toBe("2026-09-29T00:00:00.000Z");
    expect(shouldRemind(reminded, new Date("2026-09-29T01:00:00Z"))).toBe(true);
    expect(shouldRemind(reminded, new Date("2026-09-29T01:00:00Z"), new Date("2026-09-25T00:00:00Z"))).toBe(false);
  });

  it("a pair stalls after 21 days without a check-in", () => {
    expect(isStalled(pair, new Date("2026-09-22T00:00:00Z"))).toBe(false);
    expect(isStalled(pair, new Date("2026-09-23T00:00:01Z"))).toBe(true);
    expect(isStalled({ ...pair, lastMeeting: "2026-09-20T00:00:00.000Z" }, new Date("2026-10-01T00:00:00Z"))).toBe(false);
  });
});
