// `npm run bench:matching`: the exact matcher on 2,000 mentees and 500 mentors (capacities 1 to 4,
// almost every pair feasible), on 500 × 125, and on a scarce 2,000 × 500 (places equal to mentees,
// about 1% of pairs feasible: one of 25 languages and one time window each), where exactness
// matters: time to score every pair, time of the assignment itself, peak memory, and what greedy
// and stable matching give up against it, in score and in mentees left without a mentor. Then the
// coordinator's side on a started server: a run over a 2,000 × 500 cycle through the page, and the
// weight of the pages that show it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCycle, saveProfile } from "../db/queries/mentorship";
import { createUser } from "../db/queries/users";
import { loadConfig } from "../server/config";
import { createLogger } from "../server/logger";
import { startServer } from "../server/start";
import { Visitor } from "../tests/helpers/server";
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

/**
 * A 2,000-mentee cycle on a started server (SQLite): the coordinator runs it from the page, then
 * loads the cycle page (the run's first page of pairs), the runs page and the participants page.
 */
async function pagesAt2000() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csl-bench-matching-"));
  const config = loadConfig({ NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: path.join(dir, "bench.sqlite"), SEED_DEMO: "true", LOG_LEVEL: "error" });
  const server = await startServer({ config, log: createLogger("error") });
  try {
    const db = server.services.db;
    const admin = await db.selectFrom("users").select("id").where("network_role", "=", "admin").executeTakeFirstOrThrow();
    const input = cycle(2000, 500, 2000 * 31 + 500);
    const today = new Date().toISOString().slice(0, 10);
    const made = await createCycle(db, { name: "Bench cycle", mode: "exact", intakeOpens: today, intakeCloses: "2099-01-01", matchingDate: "2099-02-01", lengthWeeks: 36, checkinDays: 14, requestDays: 7, mentorLimit: null, choiceQuestions: [], questions: [], weights: defaultWeights, rules: defaultRules }, admin.id);
    await db.transaction().execute(async (trx) => {
      for (const [role, people] of [["mentor", input.mentors], ["mentee", input.mentees]] as const) {
        for (const person of people) {
          const user = await createUser(trx, { email: `${person.userId}@bench.example`, name: person.name, passwordHash: "x" });
          const { userId: _id, name: _name, organizationId: _org, ...answers } = person;
          await saveProfile(trx, made.id, user.id, role, { ...answers, goals: role === "mentee" ? "Grow as a practitioner" : undefined, extra: {} });
        }
      }
    });
    const coordinator = new Visitor(server.url);
    await coordinator.signIn("admin@csl-commons.example");
    const start = performance.now();
    const ran = await coordinator.post(`/mentorship/${made.id}`, { intent: "run", algorithm: "exact" });
    const runRequestS = (performance.now() - start) / 1000;
    if (ran.status !== 200) throw new Error(`the run answered ${ran.status}`);
    const kb = async (page: string) => {
      const answer = await coordinator.page(page);
      if (answer.status !== 200) throw new Error(`${page} answered ${answer.status}`);
      return Buffer.byteLength(answer.html) / 1024;
    };
    return {
      runRequestS,
      runPageKb: await kb(`/mentorship/${made.id}`),
      runPageLastKb: await kb(`/mentorship/${made.id}?page=99`),
      runsPageKb: await kb(`/mentorship/${made.id}/runs`),
      participantsPageKb: await kb(`/mentorship/${made.id}/participants`),
    };
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
  const pages = await pagesAt2000();
  all.add({
    run_request_2000x500_s: pages.runRequestS,
    run_page_kb: pages.runPageKb,
    run_page_last_kb: pages.runPageLastKb,
    runs_page_kb: pages.runsPageKb,
    participants_page_kb: pages.participantsPageKb,
  });
}
const figures = { ...stamp(runs), ...all.summary() };
const file = writeResults("matching", figures);
printTable(`Mentorship matching (one core of this machine); medians of ${runs} runs, with min and max`, figures);
console.log(`\nWritten to ${file}`);
