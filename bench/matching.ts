// `npm run bench:matching`: the exact matcher on 2,000 mentees and 500 mentors (capacities 1 to 4,
// almost every pair feasible), on 500 × 125, and on a scarce 2,000 × 500 (places equal to mentees,
// about 1% of pairs feasible: one of 25 languages and one time window each), where exactness
// matters: time to score every pair, time of the assignment itself, peak memory, and what greedy
// and stable matching give up against it, in score and in mentees left without a mentor.
import { blockingPairs, exactMatching, greedyMatching, scoreTable, stableMatching, type MatchInput, type Pair } from "../shared/mentorship/matching";
import { defaultRules, defaultWeights, domains, sectors, timeWindows, type MenteeProfile, type MentorProfile } from "../shared/mentorship/profiles";
import { printTable, Runs, stamp, writeResults } from "./lib/stats";

function cycle(menteeCount: number, mentorCount: number, seed: number, scarce = false): MatchInput {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const some = <T>(list: readonly T[]) => list.filter(() => next() < 0.5).concat(pick(list)).filter((v, i, a) => a.indexOf(v) === i);
  const regions = ["Vancouver Island", "Kootenays", "Lower Mainland", "North", "Okanagan"];
  const languages = Array.from({ length: 25 }, (_, k) => `Language ${k}`);
  const scarceLanguage = () => (scarce ? [pick(languages)] : ["English"]);
  const scarceWindows = (all: (typeof timeWindows)[number][]): (typeof timeWindows)[number][] => (scarce ? [pick(timeWindows)] : all);
  const mentors: MentorProfile[] = Array.from({ length: mentorCount }, (_, k) => ({
    userId: `mentor-${String(k).padStart(5, "0")}`,
    name: `Mentor ${k}`,
    yearsPractice: 2 + Math.floor(next() * 20),
    roles: [],
    strengths: some(domains),
    sectors: some(sectors),
    region: pick(regions),
    district: String(Math.floor(next() * 60)),
    organizationId: `org-${Math.floor(next() * 400)}`,
    languages: scarceLanguage(),
    availability: scarceWindows([...timeWindows]),
    modes: ["virtual", "in-person"],
    capacity: scarce ? Math.ceil(menteeCount / mentorCount) : 1 + Math.floor(next() * 4),
    avoid: [],
  }));
  const mentees: MenteeProfile[] = Array.from({ length: menteeCount }, (_, k) => ({
    userId: `mentee-${String(k).padStart(5, "0")}`,
    name: `Mentee ${k}`,
    yearsPractice: Math.floor(next() * 4),
    goals: "",
    focus: some(domains),
    sectors: [pick(sectors)],
    region: pick(regions),
    district: String(Math.floor(next() * 60)),
    organizationId: `org-${Math.floor(next() * 400)}`,
    languages: scarceLanguage(),
    availability: scarceWindows(some(timeWindows)),
    modes: ["virtual"],
    districtPreference: pick(["same", "different", "either"] as const),
    preferredMentor: null,
    avoid: [],
  }));
  return { mentors, mentees, context: { weights: defaultWeights, rules: defaultRules } };
}

const total = (pairs: Pair[]) => pairs.reduce((n, p) => n + p.score, 0);
const time = <T>(run: () => T): [T, number] => {
  const start = performance.now();
  const result = run();
  return [result, (performance.now() - start) / 1000];
};

function measure(menteeCount: number, mentorCount: number, scarce = false) {
  const input = cycle(menteeCount, mentorCount, menteeCount * 31 + mentorCount, scarce);
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const [table, scoreS] = time(() => scoreTable(input));
  const [exact, exactS] = time(() => exactMatching(table));
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  const [greedy, greedyS] = time(() => greedyMatching(table));
  const [stable, stableS] = time(() => stableMatching(table));
  let feasible = 0;
  for (const row of table.scores) for (const s of row) if (s >= 0) feasible++;
  return {
    slots: table.capacity.reduce((n, c) => n + c, 0),
    feasiblePct: (feasible / (menteeCount * mentorCount)) * 100,
    scoreS,
    exactS,
    peakMb: (peak - rssBefore) / 1024 / 1024,
    matched: exact.length,
    exactTotal: total(exact),
    greedyS,
    greedyMatched: greedy.length,
    greedyGapPct: ((total(exact) - total(greedy)) / total(exact)) * 100,
    stableS,
    stableMatched: stable.length,
    stableGapPct: ((total(exact) - total(stable)) / total(exact)) * 100,
    exactBlocking: blockingPairs(table, exact),
  };
}

// Every configuration runs `runs` times, the two sizes alternating; medians with min and max.
const runs = Number(process.argv[2] ?? 5);
const all = new Runs();
for (let round = 0; round < runs; round++) {
  const [big, small] = round % 2 === 0 ? [measure(2000, 500), measure(500, 125)] : (([s, b]) => [b, s])([measure(500, 125), measure(2000, 500)]);
  const scarce = measure(2000, 500, true);
  all.add({
    exact_2000x500_s: big.exactS,
    score_and_exact_2000x500_s: big.scoreS + big.exactS,
    score_2000x500_s: big.scoreS,
    exact_peak_rss_2000x500_mb: big.peakMb,
    mentor_slots_2000x500: big.slots,
    feasible_pairs_pct_2000x500: big.feasiblePct,
    matched_2000x500: big.matched,
    exact_total_score_2000x500: big.exactTotal,
    greedy_gap_pct: big.greedyGapPct,
    greedy_matched_2000x500: big.greedyMatched,
    greedy_2000x500_s: big.greedyS,
    stable_gap_pct: big.stableGapPct,
    stable_matched_2000x500: big.stableMatched,
    stable_2000x500_s: big.stableS,
    exact_blocking_pairs_2000x500: big.exactBlocking,
    exact_500x125_ms: small.exactS * 1000,
    score_500x125_ms: small.scoreS * 1000,
    greedy_gap_pct_500x125: small.greedyGapPct,
    exact_scarce_2000x500_s: scarce.exactS,
    score_scarce_2000x500_s: scarce.scoreS,
    feasible_pairs_pct_scarce: scarce.feasiblePct,
    matched_scarce: scarce.matched,
    greedy_matched_gap_scarce: scarce.matched - scarce.greedyMatched,
    stable_matched_gap_scarce: scarce.matched - scarce.stableMatched,
    greedy_gap_pct_scarce: scarce.greedyGapPct,
  });
}
const figures = { ...stamp(runs), ...all.summary() };
const file = writeResults("matching", figures);
printTable(`Mentorship matching (one core of this machine); medians of ${runs} runs, with min and max`, figures);
console.log(`\nWritten to ${file}`);
