import { describe, expect, it } from "vitest";
import { runPage, runPageSize } from "../../app/mentorship/RunView";
import type { RunResult } from "../../app/lib/mentorship.server";

const run = (pairs: number, mentor: (i: number) => string): RunResult => ({
  algorithm: "exact",
  pairs: Array.from({ length: pairs }, (_, i) => ({ mentorId: mentor(i), mentorName: mentor(i), menteeId: `m${i}`, menteeName: `Mentee ${i}`, score: 10, locked: false, parts: [] })),
  unmatched: Array.from({ length: 300 }, (_, i) => ({ menteeId: `u${i}`, name: `U ${i}`, reason: "No mentor fits." })),
  mentees: pairs + 300,
  matched: pairs,
  totalScore: pairs * 10,
  lowestScore: 10,
  p5Score: 10,
  blockingPairs: 0,
  exact: { matched: pairs, totalScore: pairs * 10 },
  unreadableProfiles: [],
});

describe("a run's page", () => {
  it("carries one page of pairs and the first unmatched, with the comparison worked out over the whole run", () => {
    const before = run(250, () => "A");
    const now = run(250, (i) => (i % 10 === 0 ? "B" : "A"));
    const third = runPage(now, before, 3);
    expect(third.run.pairs).toHaveLength(250 - 2 * runPageSize);
    expect(third.page).toEqual({ page: 3, pages: 3, pairs: 250, unmatchedShown: 200, unmatched: 300 });
    expect(third.comparison?.changed).toBe(25);
    expect(third.comparison?.changedIds).toEqual(["m200", "m210", "m220", "m230", "m240"]);
    expect(runPage(now, null, 99).page.page).toBe(3);
    // The figures stay those of the whole run.
    expect(third.run.matched).toBe(250);
  });
});
