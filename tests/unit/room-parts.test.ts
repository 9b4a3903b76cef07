import { describe, expect, it } from "vitest";
import { splitIntoGroups } from "../../shared/room/breakouts";
import { callNext, emptyHands, lowerHand, raiseHand } from "../../shared/room/hands";
import { clockOffset, pauseTimer, remainingMs, resetTimer, setTimer, startTimer } from "../../shared/room/timer";

describe("the raised-hand queue", () => {
  it("keeps first-raised order, ignores a second raise, and calls the first", () => {
    let hands = raiseHand(raiseHand(raiseHand(emptyHands, "a"), "b"), "a");
    expect(hands.queue).toEqual(["a", "b"]);
    hands = raiseHand(lowerHand(hands, "a"), "c");
    expect(hands.queue).toEqual(["b", "c"]);
    hands = callNext(hands);
    expect(hands).toEqual({ queue: ["c"], called: "b" });
    expect(callNext(callNext(hands))).toEqual({ queue: [], called: null });
  });
});

describe("the shared timer", () => {
  it("runs from an end time the server holds, pauses and resets", () => {
    let timer = setTimer(300);
    expect(remainingMs(timer, 0)).toBe(300_000);
    timer = startTimer(timer, 1000);
    expect(timer.endsAt).toBe(301_000);
    expect(remainingMs(timer, 61_000)).toBe(240_000);
    timer = pauseTimer(timer, 61_000);
    expect(remainingMs(timer, 999_999)).toBe(240_000);
    timer = startTimer(timer, 100_000);
    expect(remainingMs(timer, 340_000)).toBe(0);
    expect(resetTimer(timer)).toEqual({ durationMs: 300_000, endsAt: null, remainingMs: 300_000 });
  });

  it("estimates a client's clock offset from one exchange", () => {
    // Sent at 1000 by the client clock, answered at server time 6050, received at 1100.
    expect(clockOffset(1000, 6050, 1100)).toBe(5000);
  });
});

describe("breakout groups", () => {
  const people = ["a", "b", "c", "d", "e", "f", "g"];
  it("splits into N groups whose sizes differ by at most one, with everyone once", () => {
    const result = splitIntoGroups(people, { mode: "groups", count: 3 }, () => 0.5);
    if (!result.ok) throw new Error(result.error);
    expect(result.groups.map((g) => g.length).sort()).toEqual([2, 2, 3]);
    expect(result.groups.flat().sort()).toEqual(people);
  });

  it("splits into groups of about a size", () => {
    const result = splitIntoGroups(people, { mode: "size", size: 3 });
    expect(result.ok && result.groups.length).toBe(2);
  });

  it("never leaves anyone alone: three people asked for pairs, any number of people, any size", () => {
    expect(splitIntoGroups(["a", "b", "c"], { mode: "size", size: 2 }).ok).toBe(false);
    expect(splitIntoGroups(["a", "b", "c", "d", "e"], { mode: "groups", count: 3 })).toEqual({ ok: false, error: "3 groups of 5 people would leave someone alone: make at most 2." });
    for (let n = 2; n <= 40; n++) {
      const everyone = Array.from({ length: n }, (_, i) => `p${i}`);
      for (let size = 2; size <= 8; size++) {
        const result = splitIntoGroups(everyone, { mode: "size", size });
        if (result.ok) {
          expect(Math.min(...result.groups.map((g) => g.length))).toBeGreaterThanOrEqual(2);
          expect(result.groups.flat().sort()).toEqual([...everyone].sort());
        } else expect(Math.min(Math.floor(n / 2), Math.round(n / size))).toBeLessThan(2);
      }
    }
  });

  it("takes the facilitator's own groups only when everyone in them is here, once", () => {
    expect(splitIntoGroups(people, { mode: "manual", groups: [["a", "b"], ["c"]] })).toEqual({ ok: true, groups: [["a", "b"], ["c"]] });
    expect(splitIntoGroups(people, { mode: "manual", groups: [["a", "b"], ["a"]] }).ok).toBe(false);
    expect(splitIntoGroups(people, { mode: "manual", groups: [["a", "zed"], ["b"]] }).ok).toBe(false);
    expect(splitIntoGroups(["a"], { mode: "groups", count: 2 }).ok).toBe(false);
    expect(splitIntoGroups(people, { mode: "groups", count: 9 }).ok).toBe(false);
  });
});
