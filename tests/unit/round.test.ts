import { describe, expect, it } from "vitest";
import { addToRound, endRound, giveBack, holder, passPiece, reorder, skipTurn, startRound, takeBack, turnClock, type Round, type RoundResult } from "../../shared/room/round";

const value = (result: RoundResult): Round => {
  if (!result.ok) throw new Error(result.error);
  return result.round;
};
const present = (...ids: string[]) => new Set(ids);

describe("a check-in round with a talking piece", () => {
  const everyone = present("ana", "ben", "cai", "dee");
  const start = () => value(startRound({ id: "r1", prompt: "How are you arriving today?", present: ["ana", "ben", "cai"], order: "join", timeboxSeconds: 60, now: 0 }));

  it("gives each person the piece in turn, records a pass, takes a late arrival, and ends after everyone", () => {
    let round = start();
    expect(holder(round)).toBe("ana");
    round = value(passPiece(round, "ana", "spoke", everyone, 45_000));
    expect(holder(round)).toBe("ben");
    round = addToRound(round, "dee");
    round = value(passPiece(round, "ben", "passed", everyone, 50_000));
    round = value(passPiece(round, "cai", "spoke", everyone, 110_000));
    expect(holder(round)).toBe("dee");
    round = value(passPiece(round, "dee", "spoke", everyone, 130_000));
    expect(round.endedAt).toBe(130_000);
    expect(holder(round)).toBeNull();
    expect(round.turns.map((t) => [t.userId, t.outcome, t.endedAt - t.startedAt])).toEqual([
      ["ana", "spoke", 45_000],
      ["ben", "passed", 5_000],
      ["cai", "spoke", 60_000],
      ["dee", "spoke", 20_000],
    ]);
  });

  it("lets only the holder pass the piece on", () => {
    const round = start();
    const refused = passPiece(round, "ben", "spoke", everyone, 1000);
    expect(refused).toEqual({ ok: false, error: "You do not have the talking piece." });
  });

  it("lets the facilitator skip someone, take the piece back and give it on", () => {
    let round = value(skipTurn(start(), everyone, 1000));
    expect(holder(round)).toBe("ben");
    round = value(takeBack(round, 2000));
    expect(holder(round)).toBeNull();
    expect(passPiece(round, "ben", "spoke", everyone, 3000).ok).toBe(false);
    round = value(giveBack(round, everyone, 4000));
    expect(holder(round)).toBe("ben");
    expect(round.turnStartedAt).toBe(4000);
    expect(round.turns).toEqual([{ userId: "ana", startedAt: 0, endedAt: 1000, outcome: "skipped" }]);
  });

  it("passes over people who have left when their turn comes", () => {
    let round = start();
    round = value(passPiece(round, "ana", "spoke", present("ana", "cai"), 1000));
    expect(holder(round)).toBe("cai");
    expect(round.turns[1]).toMatchObject({ userId: "ben", outcome: "skipped" });
  });

  it("reorders only the people still waiting", () => {
    let round = value(startRound({ id: "r", prompt: "p", present: ["a", "b", "c", "d"], order: "join", timeboxSeconds: null, now: 0 }));
    round = value(passPiece(round, "a", "spoke", present("a", "b", "c", "d"), 10));
    round = value(reorder(round, ["d", "c"]));
    expect(round.order).toEqual(["a", "b", "d", "c"]);
    expect(reorder(round, ["d"]).ok).toBe(false);
    expect(reorder(round, ["a", "d"]).ok).toBe(false);
    expect(reorder(round, ["d", "d"]).ok).toBe(false);
  });

  it("shuffles the order from the random source", () => {
    const round = value(startRound({ id: "r", prompt: "p", present: ["a", "b", "c"], order: "shuffle", timeboxSeconds: null, now: 0, random: () => 0 }));
    expect(round.order).toEqual(["b", "c", "a"]);
    expect(new Set(round.order)).toEqual(new Set(["a", "b", "c"]));
  });

  it("shows the holder's time and a gentle cue when the time box runs out", () => {
    const round = start();
    expect(turnClock(round, 30_000)).toEqual({ seconds: 30, over: false });
    expect(turnClock(round, 61_000)).toEqual({ seconds: 61, over: true });
  });

  it("ends early on the facilitator's word, closing the current turn", () => {
    const round = value(endRound(start(), 5000));
    expect(round.endedAt).toBe(5000);
    expect(round.turns).toEqual([{ userId: "ana", startedAt: 0, endedAt: 5000, outcome: "spoke" }]);
    expect(endRound(round, 6000).ok).toBe(false);
    expect(startRound({ id: "x", prompt: "p", present: [], order: "join", timeboxSeconds: null, now: 0 }).ok).toBe(false);
  });
});
