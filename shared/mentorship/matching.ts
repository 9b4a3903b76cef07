// Matching mentees with mentors under capacities. Exact: as many mentees matched as the rules
// allow, then the largest total score (a weighted b-matching, solved as an assignment problem with
// each mentor split into capacity slots, by the Hungarian algorithm in `munkres`). Stable:
// mentee-proposing deferred acceptance with capacities. Greedy: best pairs first, for comparison.
// Everything works on indices in id order, so the same input always gives the same output.
import munkres from "munkres";
import type { MenteeProfile, MentorProfile } from "./profiles";
import { infeasibilities, infeasibilityText, scoreOnly, type Infeasibility, type PairContext } from "./scoring";

export interface MatchInput {
  mentors: MentorProfile[];
  mentees: MenteeProfile[];
  context: PairContext;
  /** Pairs the coordinator has locked: kept as they are, using a place of the mentor's capacity. */
  locked?: { mentorId: string; menteeId: string }[];
  /**
   * Each side's own preferences, for stable matching: a mentee's mentors in order of choice, a
   * mentor's mentees in order. Whoever gave none (and everyone beyond their list) is ranked by score.
   * `mentorsRatherNot`: mentees a mentor would rather not have, ranked after everyone else (a soft
   * wish, unlike the hard "avoid" list).
   */
  preferences?: { mentees?: Record<string, string[]>; mentors?: Record<string, string[]>; mentorsRatherNot?: Record<string, string[]> };
}

/** Scores of every mentee (row) with every mentor (column), −1 where the pair is infeasible. */
export interface ScoreTable {
  mentors: MentorProfile[];
  mentees: MenteeProfile[];
  scores: Int32Array[];
  capacity: number[];
  /** Locked pairs as [mentee index, mentor index]. */
  locked: [number, number][];
  /** Locks on pairs the rules no longer allow: released, not kept, so the run can say so. */
  releasedLocks: [number, number][];
  /** Each mentee's ranked mentors and each mentor's ranked mentees (indexes), empty where none were given. */
  menteeRanks: number[][];
  mentorRanks: number[][];
  /** Each mentor's mentees ranked last (indexes). */
  mentorLast: Set<number>[];
}

export interface Pair {
  mentee: number;
  mentor: number;
  score: number;
  locked: boolean;
}

const byId = <T extends { userId: string }>(list: T[]) => [...list].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));

export function scoreTable(input: MatchInput): ScoreTable {
  const mentors = byId(input.mentors);
  const mentees = byId(input.mentees);
  const mentorIndex = new Map(mentors.map((m, j) => [m.userId, j]));
  const menteeIndex = new Map(mentees.map((m, i) => [m.userId, i]));
  const scores = mentees.map((mentee) => {
    const row = new Int32Array(mentors.length);
    for (let j = 0; j < mentors.length; j++) row[j] = scoreOnly(mentors[j], mentee, input.context) ?? -1;
    return row;
  });
  const locked: [number, number][] = [];
  const releasedLocks: [number, number][] = [];
  const taken = new Set<number>();
  for (const lock of input.locked ?? []) {
    const i = menteeIndex.get(lock.menteeId);
    const j = mentorIndex.get(lock.mentorId);
    if (i === undefined || j === undefined || taken.has(i)) continue;
    // A lock the rules no longer allow is released (and reported), never proposed with no score.
    if (scores[i][j] < 0) {
      releasedLocks.push([i, j]);
      continue;
    }
    taken.add(i);
    locked.push([i, j]);
  }
  const ranks = (list: string[] | undefined, index: Map<string, number>) => [...new Set((list ?? []).map((id) => index.get(id)).filter((k): k is number => k !== undefined))];
  return {
    mentors,
    mentees,
    scores,
    capacity: mentors.map((m) => m.capacity),
    locked,
    releasedLocks,
    menteeRanks: mentees.map((m) => ranks(input.preferences?.mentees?.[m.userId], mentorIndex)),
    mentorRanks: mentors.map((m) => ranks(input.preferences?.mentors?.[m.userId], menteeIndex)),
    mentorLast: mentors.map((m) => new Set(ranks(input.preferences?.mentorsRatherNot?.[m.userId], menteeIndex))),
  };
}

const none = new Set<number>();
/**
 * Whether someone prefers `a` to `b`: those they ranked first, in their order; then everyone they
 * did not rank; then those they would rather not have. Within the last two, by score, then by the
 * lower index.
 */
function rankedPrefers(ranking: number[], last: Set<number>, a: number, scoreA: number, b: number, scoreB: number): boolean {
  const tier = (k: number) => {
    const r = ranking.indexOf(k);
    return r !== -1 ? r : last.has(k) ? ranking.length + 1 : ranking.length;
  };
  const ta = tier(a);
  const tb = tier(b);
  if (ta !== tb) return ta < tb;
  return prefers(scoreA, a, scoreB, b);
}
const menteePrefers = (table: ScoreTable, i: number, a: number, b: number) => rankedPrefers(table.menteeRanks[i] ?? [], none, a, table.scores[i][a], b, table.scores[i][b]);
const mentorPrefers = (table: ScoreTable, j: number, a: number, b: number) => rankedPrefers(table.mentorRanks[j] ?? [], table.mentorLast[j] ?? none, a, table.scores[a][j], b, table.scores[b][j]);

/** What is left once locked pairs are taken out: free mentees and each mentor's free places. */
function remaining(table: ScoreTable) {
  const capacity = [...table.capacity];
  const lockedMentees = new Set<number>();
  for (const [i, j] of table.locked) {
    lockedMentees.add(i);
    capacity[j] = Math.max(0, capacity[j] - 1);
  }
  const free = table.mentees.map((_, i) => i).filter((i) => !lockedMentees.has(i));
  return { capacity, free };
}

const lockedPairs = (table: ScoreTable): Pair[] => table.locked.map(([i, j]) => ({ mentee: i, mentor: j, score: table.scores[i][j], locked: true }));

export function exactMatching(table: ScoreTable): Pair[] {
  const { capacity, free } = remaining(table);
  const slots: number[] = [];
  capacity.forEach((c, j) => {
    for (let k = 0; k < c; k++) slots.push(j);
  });
  const pairs = lockedPairs(table);
  if (slots.length === 0 || free.length === 0) return pairs;
  // One more match is worth more than any possible gain in score: maximise count, then score.
  let best = 0;
  for (const i of free) for (const s of table.scores[i]) best = Math.max(best, s);
  const big = best * Math.min(free.length, slots.length) + 1;
  const cost = free.map((i) => {
    const row = new Float64Array(slots.length);
    const scores = table.scores[i];
    for (let s = 0; s < slots.length; s++) {
      const score = scores[slots[s]];
      row[s] = score < 0 ? 0 : -(big + score);
    }
    return row;
  });
  for (const [r, s] of munkres(cost)) {
    const i = free[r];
    const j = slots[s];
    if (table.scores[i][j] >= 0) pairs.push({ mentee: i, mentor: j, score: table.scores[i][j], locked: false });
  }
  return pairs.sort((a, b) => a.mentee - b.mentee);
}

/** Strict preference: higher score first, then the lower index. */
const prefers = (scoreA: number, indexA: number, scoreB: number, indexB: number) => scoreA > scoreB || (scoreA === scoreB && indexA < indexB);

/**
 * Mentee-proposing deferred acceptance with capacities: each side by its own preferences (or the
 * score where it gave none). No mentee and mentor would both rather be with each other.
 */
export function stableMatching(table: ScoreTable): Pair[] {
  const { capacity, free } = remaining(table);
  const choices = new Map<number, number[]>();
  for (const i of free) {
    const row = table.scores[i];
    choices.set(
      i,
      table.mentors.map((_, j) => j).filter((j) => row[j] >= 0).sort((a, b) => (menteePrefers(table, i, a, b) ? -1 : 1)),
    );
  }
  const next = new Map<number, number>(free.map((i) => [i, 0]));
  const held: number[][] = table.mentors.map(() => []);
  const queue = [...free];
  while (queue.length) {
    const i = queue.shift()!;
    const list = choices.get(i)!;
    const k = next.get(i)!;
    if (k >= list.length) continue;
    next.set(i, k + 1);
    const j = list[k];
    if (capacity[j] === 0) {
      queue.push(i);
      continue;
    }
    held[j].push(i);
    if (held[j].length > capacity[j]) {
      // The mentor lets go of the mentee it likes least.
      let worst = 0;
      for (let n = 1; n < held[j].length; n++) if (mentorPrefers(table, j, held[j][worst], held[j][n])) worst = n;
      queue.push(held[j].splice(worst, 1)[0]);
    }
  }
  const pairs = lockedPairs(table);
  held.forEach((list, j) => list.forEach((i) => pairs.push({ mentee: i, mentor: j, score: table.scores[i][j], locked: false })));
  return pairs.sort((a, b) => a.mentee - b.mentee);
}

export function greedyMatching(table: ScoreTable): Pair[] {
  const { capacity, free } = remaining(table);
  const candidates: [number, number, number][] = [];
  for (const i of free) table.scores[i].forEach((s, j) => s >= 0 && candidates.push([s, i, j]));
  candidates.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const matched = new Set<number>();
  const pairs = lockedPairs(table);
  for (const [score, i, j] of candidates) {
    if (matched.has(i) || capacity[j] === 0) continue;
    matched.add(i);
    capacity[j]--;
    pairs.push({ mentee: i, mentor: j, score, locked: false });
  }
  return pairs.sort((a, b) => a.mentee - b.mentee);
}

/** Pairs who would both rather be together than where the matching put them (locked pairs stay put). */
export function blockingPairs(table: ScoreTable, pairs: Pair[]): number {
  const { capacity } = remaining(table);
  const partner = new Map<number, Pair>(pairs.map((p) => [p.mentee, p]));
  const held: number[][] = table.mentors.map(() => []);
  for (const p of pairs) if (!p.locked) held[p.mentor].push(p.mentee);
  let count = 0;
  table.mentees.forEach((_, i) => {
    const current = partner.get(i);
    if (current?.locked) return;
    table.scores[i].forEach((score, j) => {
      if (score < 0 || current?.mentor === j) return;
      if (current && !menteePrefers(table, i, j, current.mentor)) return;
      if (held[j].length < capacity[j]) return void count++;
      if (held[j].some((k) => mentorPrefers(table, j, i, k))) count++;
    });
  });
  return count;
}

export interface MatchSummary {
  matched: number;
  unmatched: { mentee: number; reason: string }[];
  totalScore: number;
  lowestScore: number | null;
  p5Score: number | null;
}

const sharedThing: Partial<Record<Infeasibility, string>> = { language: "a language", time: "a time window", mode: "a way of meeting (in person or virtual)" };

/** The mentors named in a reason, a few at most: "Lena Fischer, Marcus Lee and 3 others". */
const someNames = (names: string[]) => (names.length <= 3 ? listNames(names) : `${names.slice(0, 2).join(", ")} and ${names.length - 2} others`);
const listNames = (names: string[]) => (names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

/**
 * Why a mentee has no partner, in words a coordinator can act on: the mentors who fit, named, and
 * whether they are full with this run's mentees or had no place to begin with (paused at capacity
 * 0, or taken by earlier pairs).
 */
export function unmatchedReason(input: MatchInput, table: ScoreTable, i: number, pairs: Pair[] = []): string {
  const mentee = table.mentees[i];
  // A typed array maps to numbers only: take the indexes out as a plain array first.
  const fits = Array.from(table.scores[i], (s, j) => (s >= 0 ? j : -1)).filter((j) => j >= 0);
  if (fits.length > 0) {
    const noPlace = fits.filter((j) => table.capacity[j] === 0).map((j) => table.mentors[j].name);
    const filled = fits.filter((j) => table.capacity[j] > 0 && pairs.some((p) => p.mentor === j)).map((j) => table.mentors[j].name);
    const parts = [
      filled.length ? `${someNames(filled)} ${filled.length === 1 ? "is" : "are"} full with other mentees` : "",
      noPlace.length ? `${someNames(noPlace)} ${noPlace.length === 1 ? "has" : "have"} no place (paused, or taken by earlier pairs)` : "",
    ].filter(Boolean);
    const lead = fits.length === 1 ? "The one mentor who fits" : `The ${fits.length} mentors who fit`;
    return `${lead} cannot take them: ${parts.join("; ") || "their places went to mentees with fewer options"}.`;
  }
  if (table.mentors.length === 0) return "There are no mentors in this cycle yet.";
  // The reasons every mentor fails on, in words; then how many fail on each reason.
  const counts = new Map<Infeasibility, number>();
  const missing = new Set<string>();
  for (const mentor of table.mentors) {
    const reasons = infeasibilities(mentor, mentee, input.context);
    for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    const shareable = reasons.filter((r) => sharedThing[r]);
    if (shareable.length === reasons.length) for (const r of shareable) missing.add(sharedThing[r]!);
  }
  const byCount = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (byCount.every(([r]) => sharedThing[r])) {
    const things = [...missing];
    return `No mentor shares ${things.length === 1 ? things[0] : `${things.slice(0, -1).join(", ")} and ${things.at(-1)}`} with them.`;
  }
  return `No mentor fits: ${byCount.map(([r, n]) => `${n} ${n === 1 ? "mentor" : "mentors"} ${infeasibilityText[r]}`).join("; ")}.`;
}

export function summarize(input: MatchInput, table: ScoreTable, pairs: Pair[]): MatchSummary {
  const matched = new Set(pairs.map((p) => p.mentee));
  const scores = pairs.map((p) => p.score).sort((a, b) => a - b);
  return {
    matched: matched.size,
    unmatched: table.mentees.map((_, i) => i).filter((i) => !matched.has(i)).map((i) => ({ mentee: i, reason: unmatchedReason(input, table, i, pairs) })),
    totalScore: scores.reduce((n, s) => n + s, 0),
    lowestScore: scores.length ? scores[0] : null,
    p5Score: scores.length ? scores[Math.min(scores.length - 1, Math.floor(scores.length * 0.05))] : null,
  };
}

/**
 * What makes an input unfit to match, in words a coordinator can act on: the same person twice,
 * someone who would mentor themselves, or more locked pairs on a mentor than they have places.
 */
export function inputProblems(input: MatchInput): string[] {
  const problems: string[] = [];
  const twice = (list: { userId: string; name: string }[], role: string) => {
    const seen = new Set<string>();
    for (const p of list) {
      if (seen.has(p.userId)) problems.push(`${p.name} is listed twice as a ${role}.`);
      seen.add(p.userId);
    }
  };
  twice(input.mentors, "mentor");
  twice(input.mentees, "mentee");
  const mentorIds = new Set(input.mentors.map((m) => m.userId));
  for (const m of input.mentees) if (mentorIds.has(m.userId)) problems.push(`${m.name} is both a mentor and a mentee: a person cannot be paired with themselves.`);
  for (const lock of input.locked ?? []) if (lock.mentorId === lock.menteeId) problems.push("A locked pair names the same person twice.");
  for (const mentor of input.mentors) {
    const locks = (input.locked ?? []).filter((l) => l.mentorId === mentor.userId).length;
    if (locks > mentor.capacity) problems.push(`${mentor.name} has ${locks} locked pairs but ${mentor.capacity === 1 ? "1 place" : `${mentor.capacity} places`}: unlock ${locks - mentor.capacity === 1 ? "one" : locks - mentor.capacity}, or raise the capacity.`);
  }
  return problems;
}
