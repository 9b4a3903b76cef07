// An evaluation survey's report, computed from its stored answers under the small-group rules of
// disclosure.ts: per item and per domain, per round, counts, distributions and means; pre/post (or
// then/now) change with the tests of statistics.ts; a breakdown by group; open text as an unnamed
// list. Every figure stands for at least `threshold` people, and a filter that would isolate fewer
// is refused with the words people read: "Too few responses to show (fewer than 10)."
import { domainIds, type DomainId } from "../domains";
import type { SurveyDesign, SurveyRound } from "../../db/schema";
import { checkFilter, pooledLabel, release, shownGroup, tooFew, type Release } from "./disclosure";
import { mean, pairedChange, sd, type PairedChange } from "./statistics";
import { namesSomeone, phasesOf, roundsOf, type SurveyItem } from "./surveys";

export interface StoredResponse {
  id: string;
  round: SurveyRound;
  group: string;
  pairKey: string | null;
  consent: boolean;
  /** answerKey(item, phase) → a number (Likert, choice index, number) or text. */
  answers: Map<string, number | string>;
}

export interface ReportInput {
  design: SurveyDesign;
  threshold: number;
  items: SurveyItem[];
  responses: StoredResponse[];
  /** Groups chosen (none: everyone). */
  filter: string[];
}

type Phase = "then" | "now";
export interface Summary {
  n: number;
  mean: number | null;
  sd: number | null;
  /** Counts per answer: Likert 1–5, or each choice in order. */
  counts: number[] | null;
}
/** One column of figures: a round (and for a retrospective Likert item, a phase). */
export interface Column {
  round: SurveyRound;
  phase: Phase;
  label: string;
}
export interface ItemReport {
  item: SurveyItem;
  cells: (Summary | { suppressed: string })[];
}
export interface DomainReport {
  domain: DomainId;
  items: number;
  cells: (Summary | { suppressed: string })[];
}
export interface Change {
  label: string;
  domain: DomainId | null;
  change: PairedChange;
}
export interface ChangeReport {
  before: string;
  after: string;
  pairs: number;
  unpaired: number;
  rows: Change[];
}
export interface BreakdownRow {
  group: string;
  n: number;
  means: (number | null)[];
}
export interface TextReport {
  item: SurveyItem;
  round: SurveyRound;
  answers: string[] | { suppressed: string };
}

export type Report =
  | { ok: false; reason: string; groups: string[] }
  | {
      ok: true;
      threshold: number;
      columns: Column[];
      respondents: (number | { suppressed: string })[];
      /** Groups a report may be narrowed to. */
      groups: string[];
      items: ItemReport[];
      domains: DomainReport[];
      change: ChangeReport | { suppressed: string } | null;
      breakdown: { domains: DomainId[]; rows: BreakdownRow[]; total: BreakdownRow } | null;
      texts: TextReport[];
    };

/** How a stored answer is found in a response: by its item and phase. */
export const answerKey = (itemId: string, phase: Phase) => `${itemId}:${phase}`;
const key = answerKey;
const countsByGroup = (groups: string[]) => {
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(g, (counts.get(g) ?? 0) + 1);
  return counts;
};

export function columnsOf(design: SurveyDesign): Column[] {
  if (design === "pre-post")
    return [
      { round: "pre", phase: "now", label: "Before" },
      { round: "post", phase: "now", label: "After" },
    ];
  if (design === "retrospective")
    return [
      { round: "single", phase: "then", label: "Before (recalled)" },
      { round: "single", phase: "now", label: "Now" },
    ];
  return [{ round: "single", phase: "now", label: "Answers" }];
}

function summarize(item: SurveyItem, values: number[]): Summary {
  const counts = item.kind === "likert" ? [0, 0, 0, 0, 0] : item.kind === "choice" ? item.choices.map(() => 0) : null;
  if (counts) for (const v of values) counts[item.kind === "likert" ? v - 1 : v]++;
  const numeric = item.kind !== "choice";
  return { n: values.length, mean: numeric && values.length ? mean(values) : null, sd: numeric && values.length > 1 ? sd(values) : null, counts };
}

/** A person's score in a domain: the mean of their answers to its Likert statements, in one phase. */
function domainScore(response: StoredResponse, statements: SurveyItem[], phase: Phase): number | null {
  const values = statements.map((i) => response.answers.get(key(i.id, phase))).filter((v): v is number => typeof v === "number");
  return values.length === statements.length && values.length > 0 ? mean(values) : null;
}

/** Pre and post answers of the same person: their pairing keys appear once in each round. */
export function pairsOf(design: SurveyDesign, responses: StoredResponse[]): { before: StoredResponse; after: StoredResponse; group: string }[] {
  if (design === "retrospective") return responses.map((r) => ({ before: r, after: r, group: r.group }));
  if (design !== "pre-post") return [];
  const once = (round: SurveyRound) => {
    const byKey = new Map<string, StoredResponse[]>();
    for (const r of responses) if (r.round === round && r.pairKey) byKey.set(r.pairKey, [...(byKey.get(r.pairKey) ?? []), r]);
    return new Map([...byKey].filter(([, rs]) => rs.length === 1).map(([k, [r]]) => [k, r]));
  };
  const pre = once("pre");
  const post = once("post");
  return [...post].filter(([k]) => pre.has(k)).map(([k, after]) => ({ before: pre.get(k)!, after, group: after.group }));
}

export function buildReport(input: ReportInput): Report {
  const { design, threshold, items, responses, filter } = input;
  const rounds = roundsOf(design);
  const releases = new Map<SurveyRound, { release: Release; counts: Map<string, number> }>();
  for (const round of rounds) {
    const counts = countsByGroup(responses.filter((r) => r.round === round).map((r) => r.group));
    releases.set(round, { release: release(counts, threshold), counts });
  }
  const shownRounds = rounds.filter((round) => releases.get(round)!.release.totalShown);
  const groups = shownRounds.length ? releases.get(shownRounds[0])!.release.shown.filter((g) => shownRounds.every((round) => releases.get(round)!.release.shown.includes(g))).sort() : [];
  if (filter.length > 0) {
    if (shownRounds.length === 0) return { ok: false, reason: tooFew(threshold), groups };
    for (const round of shownRounds) {
      const { release: r, counts } = releases.get(round)!;
      const check = checkFilter(filter, r, counts);
      if (!check.ok) return { ok: false, reason: check.reason, groups };
    }
  }
  const chosen = (r: StoredResponse) => filter.length === 0 || filter.includes(r.group);
  const inRound = new Map(rounds.map((round) => [round, releases.get(round)!.release.totalShown ? responses.filter((r) => r.round === round && chosen(r)) : null]));
  const columns = columnsOf(design);
  const suppressed = { suppressed: tooFew(threshold) };

  const itemReports: ItemReport[] = items
    .filter((item) => item.kind !== "text")
    .map((item) => ({
      item,
      cells: columns
        .filter((c) => phasesOf(design, item).includes(c.phase))
        .map((c) => {
          const rs = inRound.get(c.round);
          if (!rs || rs.length < threshold) return suppressed;
          return summarize(item, rs.map((r) => r.answers.get(key(item.id, c.phase))).filter((v): v is number => typeof v === "number"));
        }),
    }));

  const statementsOf = (d: DomainId) => items.filter((i) => i.kind === "likert" && i.domain === d);
  const domainsAsked = domainIds.filter((d) => statementsOf(d).length > 0);
  const domainReports: DomainReport[] = domainsAsked.map((domain) => ({
    domain,
    items: statementsOf(domain).length,
    cells: columns.map((c) => {
      const rs = inRound.get(c.round);
      if (!rs || rs.length < threshold) return suppressed;
      const scores = rs.map((r) => domainScore(r, statementsOf(domain), c.phase)).filter((v): v is number => v !== null);
      return { n: scores.length, mean: scores.length ? mean(scores) : null, sd: scores.length > 1 ? sd(scores) : null, counts: null };
    }),
  }));

  let change: ChangeReport | { suppressed: string } | null = null;
  if (design !== "single") {
    const all = pairsOf(design, responses);
    const counts = countsByGroup(all.map((p) => p.group));
    const pairRelease = release(counts, threshold);
    const check = checkFilter(filter, pairRelease, counts);
    if (!check.ok) change = { suppressed: check.reason.replace("responses", "pairs") };
    else {
      const pairs = all.filter((p) => filter.length === 0 || filter.includes(p.group));
      const [beforePhase, afterPhase]: [Phase, Phase] = design === "retrospective" ? ["then", "now"] : ["now", "now"];
      const rows: Change[] = [];
      for (const domain of domainsAsked) {
        const both = pairs.map((p) => [domainScore(p.before, statementsOf(domain), beforePhase), domainScore(p.after, statementsOf(domain), afterPhase)]).filter((x): x is [number, number] => x[0] !== null && x[1] !== null);
        rows.push({ label: `Domain: ${domainLabel(domain)}`, domain, change: pairedChange(both.map((x) => x[0]), both.map((x) => x[1])) });
      }
      for (const item of items.filter((i) => i.kind === "likert")) {
        const both = pairs.map((p) => [p.before.answers.get(key(item.id, beforePhase)), p.after.answers.get(key(item.id, afterPhase))]).filter((x): x is [number, number] => typeof x[0] === "number" && typeof x[1] === "number");
        rows.push({ label: item.prompt, domain: item.domain, change: pairedChange(both.map((x) => x[0]), both.map((x) => x[1])) });
      }
      const roundTotal = (round: SurveyRound) => (inRound.get(round) ?? []).length;
      const unpaired = design === "pre-post" ? roundTotal("pre") + roundTotal("post") - 2 * pairs.length : 0;
      change = { before: columns[0].label, after: columns[1].label, pairs: pairs.length, unpaired: Math.max(0, unpaired), rows };
    }
  }

  // The breakdown by group, of everyone (a filtered report has none), for the last round.
  let breakdown: Extract<Report, { ok: true }>["breakdown"] = null;
  const last = rounds[rounds.length - 1];
  const lastRelease = releases.get(last)!.release;
  if (filter.length === 0 && lastRelease.totalShown && domainsAsked.length > 0) {
    const phase: Phase = "now";
    const rs = responses.filter((r) => r.round === last);
    const rowFor = (label: string, members: StoredResponse[]): BreakdownRow => ({
      group: label,
      n: members.length,
      means: domainsAsked.map((d) => {
        const scores = members.map((r) => domainScore(r, statementsOf(d), phase)).filter((v): v is number => v !== null);
        return scores.length ? mean(scores) : null;
      }),
    });
    const rows = lastRelease.shown.map((g) => rowFor(g, rs.filter((r) => r.group === g)));
    if (lastRelease.pooledCount >= threshold) rows.push(rowFor(pooledLabel, rs.filter((r) => shownGroup(r.group, lastRelease) === pooledLabel)));
    breakdown = { domains: domainsAsked, rows, total: rowFor("Everyone", rs) };
  }

  const texts: TextReport[] = [];
  for (const item of items.filter((i) => i.kind === "text")) {
    for (const round of rounds) {
      const rs = inRound.get(round);
      texts.push({
        item,
        round,
        answers: !rs || rs.length < threshold ? suppressed : rs.map((r) => r.answers.get(key(item.id, "now"))).filter((v): v is string => typeof v === "string").sort((a, b) => a.localeCompare(b)),
      });
    }
  }

  return {
    ok: true,
    threshold,
    columns,
    respondents: rounds.map((round) => {
      const rs = inRound.get(round);
      return rs && rs.length >= threshold ? rs.length : suppressed;
    }),
    groups,
    items: itemReports,
    domains: domainReports,
    change,
    breakdown,
    texts,
  };
}

const domainLabel = (d: DomainId) => ({ self: "Self", "each-other": "Each other", system: "The system" })[d];

/** The de-identified research export: consenting people only, pseudonyms, pooled small groups, open text that names someone withheld. */
export function researchRows(input: Omit<ReportInput, "filter">, knownNames: readonly string[], shuffle: <T>(xs: T[]) => T[]): { ok: true; header: string[]; rows: string[][]; withheld: number } | { ok: false; reason: string } {
  const { design, threshold, items } = input;
  const consenting = input.responses.filter((r) => r.consent);
  if (consenting.length < threshold) return { ok: false, reason: tooFew(threshold) };
  const releases = new Map(roundsOf(design).map((round) => [round, release(countsByGroup(consenting.filter((r) => r.round === round).map((r) => r.group)), threshold)]));
  const pairIds = new Map<string, string>();
  shuffle(pairsOf(design === "pre-post" ? design : "single", consenting)).forEach((p, i) => {
    const id = `P${String(i + 1).padStart(3, "0")}`;
    pairIds.set(p.before.id, id);
    pairIds.set(p.after.id, id);
  });
  const columns = items.flatMap((item) => phasesOf(design, item).map((phase) => ({ item, phase })));
  const header = ["respondent", "round", "group", "pair", ...columns.map(({ item, phase }, i) => `q${i + 1}${item.domain ? `_${item.domain}` : ""}_${item.kind}${phase === "then" ? "_before" : ""}`)];
  let withheld = 0;
  const rows = shuffle(consenting).map((r, i) => [
    `R${String(i + 1).padStart(3, "0")}`,
    r.round,
    releases.get(r.round)!.totalShown ? shownGroup(r.group, releases.get(r.round)!) : pooledLabel,
    pairIds.get(r.id) ?? "",
    ...columns.map(({ item, phase }) => {
      const v = r.answers.get(key(item.id, phase));
      if (v === undefined) return "";
      if (item.kind === "choice" && typeof v === "number") return item.choices[v] ?? "";
      if (typeof v === "string" && namesSomeone(v, knownNames)) {
        withheld++;
        return "[withheld for review: may name a person]";
      }
      return String(v);
    }),
  ]);
  return { ok: true, header, rows, withheld };
}
