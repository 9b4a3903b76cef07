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
    const pages = Math.ceil(250 / runPageSize);
    const last = runPage(now, before, pages);
    expect(last.run.pairs).toHaveLength(250 - (pages - 1) * runPageSize);
    expect(last.page).toEqual({ page: pages, pages, pairs: 250, unmatchedShown: 200, unmatched: 300 });
    expect(last.comparison?.changed).toBe(25);
    expect(last.comparison?.changedIds).toEqual(last.run.pairs.filter((p) => Number(p.menteeId.slice(1)) % 10 === 0).map((p) => p.menteeId));
    expect(last.comparison?.changedIds.length).toBeGreaterThan(0);
    expect(runPage(now, null, 99).page.page).toBe(pages);
    // The figures stay those of the whole run.
    expect(last.run.matched).toBe(250);
  });
});
