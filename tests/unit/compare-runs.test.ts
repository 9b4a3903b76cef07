import { describe, expect, it } from "vitest";
import { compareRuns, type RunLike } from "../../shared/mentorship/compareRuns";

const pair = (mentee: string, mentor: string, score: number) => ({ menteeId: mentee, menteeName: mentee.toUpperCase(), mentorId: mentor, mentorName: `Mentor ${mentor}`, score });

describe("two runs compared like with like", () => {
  const first: RunLike = { pairs: [pair("a", "x", 50), pair("b", "y", 40), pair("c", "x", 30)], unmatched: [{ menteeId: "d", name: "D" }] };

  it("a mentee placed by publishing is not in the later run, and is not a partner lost", () => {
    // a and b were published in between; the later run tries c and d again, and e who joined since.
    const later: RunLike = { pairs: [pair("c", "x", 30), pair("d", "y", 20)], unmatched: [{ menteeId: "e", name: "E" }] };
    const compared = compareRuns(first, later);
    expect(compared).toEqual({
      common: 2,
      changes: [{ menteeId: "d", mentee: "D", before: null, after: "Mentor y" }],
      matchedDelta: 1,
      scoreDelta: 20,
      onlyEarlier: 2,
      onlyLater: 1,
    });
  });

  it("a partner moved to another mentor, and one left unmatched, are both changes", () => {
    const later: RunLike = { pairs: [pair("a", "y", 45), pair("c", "x", 30)], unmatched: [{ menteeId: "b", name: "B" }, { menteeId: "d", name: "D" }] };
    const compared = compareRuns(first, later);
    expect(compared.changes.map((c) => [c.menteeId, c.before, c.after])).toEqual([
      ["a", "Mentor x", "Mentor y"],
      ["b", "Mentor y", null],
    ]);
    expect(compared).toMatchObject({ common: 4, matchedDelta: -1, scoreDelta: -45, onlyEarlier: 0, onlyLater: 0 });
  });

  it("a run compared with itself has no change", () => {
    expect(compareRuns(first, first)).toMatchObject({ common: 4, changes: [], matchedDelta: 0, scoreDelta: 0 });
  });
});
