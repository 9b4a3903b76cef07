import { describe, expect, it } from "vitest";
import { blockingPairs, exactMatching, greedyMatching, scoreTable, stableMatching, summarize, type MatchInput, type Pair, type ScoreTable } from "../../shared/mentorship/matching";
import { defaultRules, defaultWeights, domains, sectors, timeWindows, type MenteeProfile, type MentorProfile } from "../../shared/mentorship/profiles";
import { scorePair, type PairContext } from "../../shared/mentorship/scoring";

function random(seed: number) {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const some = <T>(list: readonly T[]) => {
    const chosen = list.filter(() => next() < 0.45);
    return chosen.length ? chosen : [pick(list)];
  };
  return { next, pick, some };
}

/** A random cycle: up to 8 mentees and 4 mentors with capacities, some languages and times apart. */
function instance(seed: number): MatchInput {
  const r = random(seed);
  const regions = ["Vancouver Island", "Kootenays", "Lower Mainland"];
  const orgs = ["sd61", "sd8", "sd39", null];
  const languages = () => (r.next() < 0.8 ? ["English"] : r.some(["English", "French", "Punjabi"]));
  const mentors: MentorProfile[] = Array.from({ length: 1 + Math.floor(r.next() * 4) }, (_, k) => ({
    userId: `mentor-${seed}-${k}`,
    name: `Mentor ${k}`,
    yearsPractice: Math.floor(r.next() * 15),
    roles: [],
    strengths: r.some(domains),
    sectors: r.some(sectors),
    region: r.pick(regions),
    district: r.pick(["61", "8", "39"]),
    organizationId: r.pick(orgs),
    languages: languages(),
    availability: r.some(timeWindows),
    modes: r.some(["in-person", "virtual"] as const),
    capacity: 1 + Math.floor(r.next() * 3),
    avoid: [],
  }));
  const mentees: MenteeProfile[] = Array.from({ length: 1 + Math.floor(r.next() * 8) }, (_, k) => ({
    userId: `mentee-${seed}-${k}`,
    name: `Mentee ${k}`,
    yearsPractice: Math.floor(r.next() * 4),
    goals: "Grow",
    focus: r.some(domains),
    sectors: [r.pick(sectors)],
    region: r.pick(regions),
    district: r.pick(["61", "8", "39"]),
    organizationId: r.pick(orgs),
    languages: languages(),
    availability: r.some(timeWindows),
    modes: r.some(["in-person", "virtual"] as const),
    districtPreference: r.pick(["same", "different", "either"] as const),
    preferredMentor: r.next() < 0.2 ? r.pick(mentors).userId : null,
    avoid: r.next() < 0.15 ? [r.pick(mentors).userId] : [],
  }));
  return { mentors, mentees, context: { weights: defaultWeights, rules: defaultRules } };
}

/** Every way of matching, by enumeration: the most mentees matched, then the best total. */
function bruteForce(table: ScoreTable): { matched: number; total: number } {
  const capacity = [...table.capacity];
  let best = { matched: 0, total: 0 };
  const visit = (i: number, matched: number, total: number) => {
    if (i === table.mentees.length) {
      if (matched > best.matched || (matched === best.matched && total > best.total)) best = { matched, total };
      return;
    }
    visit(i + 1, matched, total);
    table.scores[i].forEach((score, j) => {
      if (score < 0 || capacity[j] === 0) return;
      capacity[j]--;
      visit(i + 1, matched + 1, total + score);
      capacity[j]++;
    });
  };
  visit(0, 0, 0);
  return best;
}

function respectsRules(table: ScoreTable, pairs: Pair[]) {
  const load = table.mentors.map(() => 0);
  const seen = new Set<number>();
  for (const p of pairs) {
    expect(seen.has(p.mentee), "a mentee matched twice").toBe(false);
    seen.add(p.mentee);
    load[p.mentor]++;
    if (!p.locked) expect(table.scores[p.mentee][p.mentor], "an infeasible pair").toBeGreaterThanOrEqual(0);
  }
  load.forEach((n, j) => expect(n, "over capacity").toBeLessThanOrEqual(table.capacity[j]));
}

const instances = Array.from({ length: 240 }, (_, k) => instance(k + 1));

describe("exact matching", () => {
  it("matches as many and scores as much as brute force, on 240 random small cycles", () => {
    let withUnmatched = 0;
    for (const input of instances) {
      const table = scoreTable(input);
      const pairs = exactMatching(table);
      const best = bruteForce(table);
      respectsRules(table, pairs);
      expect(pairs.length).toBe(best.matched);
      expect(pairs.reduce((n, p) => n + p.score, 0)).toBe(best.total);
      if (pairs.length < table.mentees.length) withUnmatched++;
    }
    // The instances are not all easy: some leave mentees without a mentor.
    expect(withUnmatched).toBeGreaterThan(20);
  });

  it("keeps locked pairs and still optimizes the rest", () => {
    for (const input of instances.slice(0, 60)) {
      const first = exactMatching(scoreTable(input))[0];
      if (!first) continue;
      const locked = [{ mentorId: scoreTable(input).mentors[first.mentor].userId, menteeId: scoreTable(input).mentees[first.mentee].userId }];
      const table = scoreTable({ ...input, locked });
      const pairs = exactMatching(table);
      respectsRules(table, pairs);
      expect(pairs.find((p) => p.mentee === first.mentee)).toMatchObject({ mentor: first.mentor, locked: true });
    }
  });

  it("releases a lock the rules no longer allow instead of proposing it, on every algorithm", () => {
    let checked = 0;
    for (const input of instances) {
      const table0 = scoreTable(input);
      const cell = table0.mentees.flatMap((_, i) => table0.mentors.map((_, j) => [i, j] as const)).find(([i, j]) => table0.scores[i][j] < 0);
      if (!cell) continue;
      const [i, j] = cell;
      const table = scoreTable({ ...input, locked: [{ mentorId: table0.mentors[j].userId, menteeId: table0.mentees[i].userId }] });
      expect(table.locked).toEqual([]);
      expect(table.releasedLocks).toEqual([[i, j]]);
      for (const pairs of [exactMatching(table), stableMatching(table), greedyMatching(table)]) {
        respectsRules(table, pairs);
        expect(pairs.some((p) => p.mentee === i && p.mentor === j)).toBe(false);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("is deterministic: the same input, in any order, gives the same pairs", () => {
    for (const input of instances.slice(0, 40)) {
      const again = { ...input, mentors: [...input.mentors].reverse(), mentees: [...input.mentees].reverse() };
      expect(exactMatching(scoreTable(again))).toEqual(exactMatching(scoreTable(input)));
    }
  });

  it("is never beaten by the greedy matcher, and matches more people than it on some cycles", () => {
    let fewer = 0;
    for (const input of instances) {
      const table = scoreTable(input);
      const exact = exactMatching(table);
      const greedy = greedyMatching(table);
      respectsRules(table, greedy);
      expect(exact.length).toBeGreaterThanOrEqual(greedy.length);
      if (exact.length === greedy.length) expect(exact.reduce((n, p) => n + p.score, 0)).toBeGreaterThanOrEqual(greedy.reduce((n, p) => n + p.score, 0));
      if (exact.length > greedy.length) fewer++;
    }
    // Where pairs are scarce, taking the best pair first leaves people out that exactness places.
    expect(fewer).toBeGreaterThan(0);
  });
});

describe("stable matching", () => {
  it("leaves no blocking pair, checked against every mentor and mentee, on 240 random cycles", () => {
    for (const input of instances) {
      const table = scoreTable(input);
      const pairs = stableMatching(table);
      respectsRules(table, pairs);
      expect(blockingPairs(table, pairs)).toBe(0);
    }
  });

  it("with each side's own preferences, leaves no pair that would both rather be together (checked by brute force) on 240 random cycles", () => {
    let differs = 0;
    for (const [k, base] of instances.entries()) {
      const r = random(k + 1000);
      // Each mentee ranks a few mentors, each mentor a few mentees, at random: not the shared score.
      const shuffle = <T>(list: T[]) => list.map((v) => [r.next(), v] as const).sort((a, b) => a[0] - b[0]).map(([, v]) => v);
      // Half the mentors rank every mentee; the others rank two first and would rather not have two.
      const mentorOrders = base.mentors.map((m, j) => [m.userId, shuffle(base.mentees.map((x) => x.userId)), j % 2 === 0] as const);
      const input: MatchInput = {
        ...base,
        preferences: {
          mentees: Object.fromEntries(base.mentees.map((m) => [m.userId, shuffle(base.mentors.map((x) => x.userId)).slice(0, 3)])),
          mentors: Object.fromEntries(mentorOrders.map(([id, order, full]) => [id, full ? order : order.slice(0, 2)])),
          mentorsRatherNot: Object.fromEntries(mentorOrders.filter(([, , full]) => !full).map(([id, order]) => [id, order.slice(2, 4)])),
        },
      };
      const table = scoreTable(input);
      const pairs = stableMatching(table);
      respectsRules(table, pairs);
      expect(bruteForceBlocking(input, table, pairs), `cycle ${k}`).toEqual([]);
      expect(blockingPairs(table, pairs)).toBe(0);
      const greedy = greedyMatching(table);
      if (JSON.stringify(greedy.map((p) => [p.mentee, p.mentor])) !== JSON.stringify(pairs.map((p) => [p.mentee, p.mentor]))) differs++;
    }
    // Own preferences make a difference: stable is no longer greedy by score.
    expect(differs).toBeGreaterThan(0);
  });

  it("the blocking-pair count sees instability: an exact result can have some", () => {
    const counts = instances.map((input) => {
      const table = scoreTable(input);
      return blockingPairs(table, exactMatching(table));
    });
    expect(counts.some((n) => n > 0)).toBe(true);
  });
});

describe("scores and explanations", () => {
  it("a coordinator's multiple-choice question earns its points when both choose the same answer, and the parts still add up", () => {
    const base = instance(11);
    const question = { text: "How would you like to meet?", options: ["A walk", "A call"], points: 12 };
    const context: PairContext = { weights: defaultWeights, rules: { ...defaultRules, sameRegionInPerson: false, notSameOrganization: false }, questions: [question] };
    const mentor: MentorProfile = { ...base.mentors[0], languages: ["English"], availability: ["weekend"], modes: ["virtual"], avoid: [], choices: { [question.text]: "A walk" } };
    const mentee: MenteeProfile = { ...base.mentees[0], languages: ["English"], availability: ["weekend"], modes: ["virtual"], avoid: [], choices: { [question.text]: "A walk" } };
    const same = scorePair(mentor, mentee, context);
    const other = scorePair(mentor, { ...mentee, choices: { [question.text]: "A call" } }, context);
    const unanswered = scorePair(mentor, { ...mentee, choices: {} }, context);
    if (!same.feasible || !other.feasible || !unanswered.feasible) throw new Error("the pair should be feasible");
    expect(same.score - other.score).toBe(12);
    expect(unanswered.score).toBe(other.score);
    expect(same.parts.at(-1)).toEqual({ criterion: "question-0", points: 12, outOf: 12, text: "both answered “A walk” to “How would you like to meet?”" });
    expect(other.parts.at(-1)?.text).toBe("they answered “How would you like to meet?” differently (the mentor “A walk”, the mentee “A call”)");
    expect(unanswered.parts.at(-1)?.text).toBe("“How would you like to meet?” is not answered by the mentee");
    for (const result of [same, other, unanswered]) expect(result.parts.reduce((n, p) => n + p.points, 0)).toBe(result.score);
    // The fast score table agrees with the worded one.
    const table = scoreTable({ mentors: [mentor], mentees: [mentee], context });
    expect(table.scores[0][0]).toBe(same.score);
  });

  it("pairs who can meet only in person must be in the same region when the cycle says so", () => {
    const base = instance(7);
    const mentor: MentorProfile = { ...base.mentors[0], languages: ["English"], availability: ["weekend"], modes: ["in-person"], region: "Kootenays", organizationId: null, avoid: [] };
    const mentee: MenteeProfile = { ...base.mentees[0], languages: ["English"], availability: ["weekend"], modes: ["in-person", "virtual"], region: "Vancouver Island", organizationId: null, avoid: [] };
    const on: PairContext = { weights: defaultWeights, rules: { ...defaultRules, sameRegionInPerson: true } };
    const off: PairContext = { weights: defaultWeights, rules: { ...defaultRules, sameRegionInPerson: false } };
    expect(scorePair(mentor, mentee, on)).toEqual({ feasible: false, reasons: ["far-in-person"] });
    expect(scorePair(mentor, mentee, off).feasible).toBe(true);
    // The same region, or a way to meet online, and the rule has nothing to say.
    expect(scorePair({ ...mentor, region: "Vancouver Island" }, mentee, on).feasible).toBe(true);
    expect(scorePair({ ...mentor, modes: ["in-person", "virtual"] }, mentee, on).feasible).toBe(true);
  });

  it("every explanation's parts add up to the pair's score", () => {
    for (const input of instances.slice(0, 80)) {
      for (const mentor of input.mentors) {
        for (const mentee of input.mentees) {
          const result = scorePair(mentor, mentee, input.context);
          if (!result.feasible) continue;
          expect(result.parts.reduce((n, p) => n + p.points, 0)).toBe(result.score);
          for (const part of result.parts) expect(part.points).toBeLessThanOrEqual(part.outOf);
        }
      }
    }
  });

  it("the score table and the explained scores agree on every pair", () => {
    for (const input of instances.slice(0, 80)) {
      const table = scoreTable(input);
      table.mentees.forEach((mentee, i) =>
        table.mentors.forEach((mentor, j) => {
          const explained = scorePair(mentor, mentee, input.context);
          expect(table.scores[i][j]).toBe(explained.feasible ? explained.score : -1);
        }),
      );
    }
  });

  it("says why in plain words", () => {
    const context: PairContext = { weights: defaultWeights, rules: defaultRules };
    const mentor = instances[0].mentors[0];
    const result = scorePair(
      { ...mentor, strengths: ["system"], sectors: ["early-years"], languages: ["English"], availability: ["weekend"], modes: ["virtual"], organizationId: "a", region: "Kootenays", yearsPractice: 8 },
      { ...instances[0].mentees[0], focus: ["system"], sectors: ["early-years"], languages: ["english"], availability: ["weekend"], modes: ["virtual"], organizationId: "b", region: "Kootenays", yearsPractice: 1, avoid: [] },
      context,
    );
    expect(result.feasible && result.parts.map((p) => p.text)).toEqual(
      expect.arrayContaining(["the mentor's strength in systems thinking matches the mentee's goal", "both work in early years", "both are in Kootenays", "the mentor has 7 more years of CSL practice", "both are free weekends"]),
    );
  });

  it("explains who is unmatched and why", () => {
    const base = instances[0];
    const input: MatchInput = {
      mentors: [{ ...base.mentors[0], languages: ["English"], availability: ["weekday-morning"], capacity: 1 }],
      mentees: [
        { ...base.mentees[0], userId: "a", languages: ["French"], availability: ["weekend"], avoid: [] },
        { ...base.mentees[0], userId: "b", languages: ["English"], availability: ["weekday-morning"], avoid: [], modes: base.mentors[0].modes, organizationId: null },
        { ...base.mentees[0], userId: "c", languages: ["English"], availability: ["weekday-morning"], avoid: [], modes: base.mentors[0].modes, organizationId: null },
      ],
      context: { weights: defaultWeights, rules: defaultRules },
    };
    const table = scoreTable(input);
    const summary = summarize(input, table, exactMatching(table));
    expect(summary.matched).toBe(1);
    expect(summary.unmatched.map((u) => u.reason)).toContain("No mentor shares a language and a time window with them.");
    const mentorName = base.mentors[0].name;
    expect(summary.unmatched.map((u) => u.reason)).toContain(`The one mentor who fits cannot take them: ${mentorName} is full with other mentees.`);
    // A mentor paused at capacity 0 is named as having no place, not as full with this run's mentees.
    const paused = { ...input, mentors: [{ ...input.mentors[0], capacity: 0 }] };
    const pausedTable = scoreTable(paused);
    const pausedSummary = summarize(paused, pausedTable, exactMatching(pausedTable));
    expect(pausedSummary.unmatched.map((u) => u.reason)).toContain(`The one mentor who fits cannot take them: ${mentorName} has no place (paused, or taken by earlier pairs).`);
  });
});

/**
 * Every pair (mentee, mentor) that is allowed, not matched together, where the mentee would rather
 * have that mentor than their own (or none), and the mentor has a free place or would rather have
 * this mentee than one they hold; ranked lists first, then the score, then the lower position.
 * Written apart from the matcher, from the input's ids.
 */
function bruteForceBlocking(input: MatchInput, table: ScoreTable, pairs: Pair[]): string[] {
  // Ranked first in order, then the unranked, then those ranked last.
  const rankOf = (list: string[] | undefined, id: string, last: string[] | undefined) => {
    const k = (list ?? []).indexOf(id);
    return k !== -1 ? k : (last ?? []).includes(id) ? 1e9 + 1 : 1e9;
  };
  const better = (list: string[] | undefined, a: string, scoreA: number, posA: number, b: string, scoreB: number, posB: number, last?: string[]) => {
    const ra = rankOf(list, a, last);
    const rb = rankOf(list, b, last);
    if (ra !== rb) return ra < rb;
    if (scoreA !== scoreB) return scoreA > scoreB;
    return posA < posB;
  };
  const found: string[] = [];
  const lockedMentees = new Set(table.locked.map(([i]) => i));
  table.mentees.forEach((mentee, i) => {
    if (lockedMentees.has(i)) return;
    const own = pairs.find((p) => p.mentee === i);
    table.mentors.forEach((mentor, j) => {
      const score = table.scores[i][j];
      if (score < 0 || own?.mentor === j) return;
      const menteeWants = !own || better(input.preferences?.mentees?.[mentee.userId], mentor.userId, score, j, table.mentors[own.mentor].userId, own.score, own.mentor);
      if (!menteeWants) return;
      const held = pairs.filter((p) => p.mentor === j && !p.locked);
      const places = table.capacity[j] - pairs.filter((p) => p.mentor === j && p.locked).length;
      const mentorWants = held.length < places || held.some((p) => better(input.preferences?.mentors?.[mentor.userId], mentee.userId, score, i, table.mentees[p.mentee].userId, p.score, p.mentee, input.preferences?.mentorsRatherNot?.[mentor.userId]));
      if (mentorWants) found.push(`${mentee.userId}~${mentor.userId}`);
    });
  });
  return found;
}

describe("an input unfit to match", () => {
  it("names duplicates, self-pairs and more locks on a mentor than places, and a sound input has no problem", async () => {
    const { inputProblems } = await import("../../shared/mentorship/matching");
    const base = instances[0];
    expect(inputProblems(base)).toEqual([]);
    const mentor = { ...base.mentors[0], capacity: 1 };
    const [a, b] = [base.mentees[0], { ...base.mentees[0], userId: "other", name: "Other" }];
    const bad: MatchInput = {
      ...base,
      mentors: [mentor, mentor],
      mentees: [a, b, { ...a, userId: mentor.userId, name: mentor.name }],
      locked: [
        { mentorId: mentor.userId, menteeId: a.userId },
        { mentorId: mentor.userId, menteeId: b.userId },
      ],
    };
    const problems = inputProblems(bad);
    expect(problems).toContain(`${mentor.name} is listed twice as a mentor.`);
    expect(problems).toContain(`${mentor.name} is both a mentor and a mentee: a person cannot be paired with themselves.`);
    expect(problems.some((p) => p.startsWith(`${mentor.name} has 2 locked pairs but 1 place`))).toBe(true);
  });
});
