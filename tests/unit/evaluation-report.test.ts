// An evaluation report from stored answers: the small-group rules on every part of it, pairing,
// and the research export's de-identification.
import { describe, expect, it } from "vitest";
import { buildReport, pairsOf, researchRows, type StoredResponse } from "../../shared/evaluation/report";
import { pairedChange } from "../../shared/evaluation/statistics";
import { derivedCode, namesSomeone, normalizeCode, readAnswers, type SurveyItem } from "../../shared/evaluation/surveys";

const items: SurveyItem[] = [
  { id: "s1", kind: "likert", domain: "self", prompt: "I notice my own reactions.", choices: [], min: null, max: null },
  { id: "s2", kind: "likert", domain: "self", prompt: "I pause before I respond.", choices: [], min: null, max: null },
  { id: "c1", kind: "choice", domain: null, prompt: "Your role", choices: ["Teacher", "Principal", "Other"], min: null, max: null },
  { id: "t1", kind: "text", domain: null, prompt: "What changed for you?", choices: [], min: null, max: null },
];

function response(id: string, round: "pre" | "post" | "single", group: string, pairKey: string | null, s1: number, s2: number, text?: string, consent = true): StoredResponse {
  const answers = new Map<string, number | string>([
    ["s1:now", s1],
    ["s2:now", s2],
    ["c1:now", 0],
  ]);
  if (text) answers.set("t1:now", text);
  return { id, round, group, pairKey, consent, answers };
}

/** 15 people in SD 36, 12 in SD 39, 11 in SD 61 and 3 in SD 5, before and after. */
function prePost(): StoredResponse[] {
  const out: StoredResponse[] = [];
  const groups = [...Array(15).fill("SD 36"), ...Array(12).fill("SD 39"), ...Array(11).fill("SD 61"), ...Array(3).fill("SD 5")] as string[];
  groups.forEach((group, i) => {
    out.push(response(`pre${i}`, "pre", group, `k${i}`, 2 + (i % 3), 3));
    out.push(response(`post${i}`, "post", group, `k${i}`, 3 + (i % 3) - (i % 4 === 0 ? 1 : 0), 4, `Answer ${i}`));
  });
  return out;
}

describe("an evaluation report", () => {
  it("pools the small group and the next smallest with it, and refuses filters that isolate either", () => {
    const report = buildReport({ design: "pre-post", threshold: 10, items, responses: prePost(), filter: [] });
    if (!report.ok) throw new Error(report.reason);
    // SD 5 (3) alone would be the total minus the others: the pool needs 10, so SD 61 joins it.
    expect(report.groups).toEqual(["SD 36", "SD 39"]);
    expect(report.breakdown!.rows.map((r) => [r.group, r.n])).toEqual([
      ["SD 36", 15],
      ["SD 39", 12],
      ["Other groups (combined)", 14],
    ]);
    expect(report.breakdown!.total.n).toBe(41);
    const pooled = buildReport({ design: "pre-post", threshold: 16, items, responses: prePost(), filter: [] });
    if (!pooled.ok) throw new Error(pooled.reason);
    expect(pooled.breakdown!.rows.map((r) => [r.group, r.n])).toEqual([["Other groups (combined)", 41]]);
    expect(pooled.groups).toEqual([]);
    expect(buildReport({ design: "pre-post", threshold: 10, items, responses: prePost(), filter: ["SD 36", "SD 39"] }).ok).toBe(true);
    for (const filter of [["SD 5"], ["SD 61"], ["SD 36", "SD 61"], ["SD 62"]]) {
      expect(buildReport({ design: "pre-post", threshold: 10, items, responses: prePost(), filter })).toMatchObject({ ok: false, reason: "Too few responses to show (fewer than 10)." });
    }
  });

  it("computes the change over the pairs a filter keeps, with the statistics module", () => {
    const responses = prePost();
    const report = buildReport({ design: "pre-post", threshold: 10, items, responses, filter: ["SD 36"] });
    if (!report.ok || !report.change || "suppressed" in report.change) throw new Error("no change");
    expect(report.change.pairs).toBe(15);
    const pre = responses.filter((r) => r.round === "pre" && r.group === "SD 36");
    const post = responses.filter((r) => r.round === "post" && r.group === "SD 36");
    const self = (r: StoredResponse) => ((r.answers.get("s1:now") as number) + (r.answers.get("s2:now") as number)) / 2;
    expect(report.change.rows[0].change).toEqual(pairedChange(pre.map(self), post.map(self)));
    expect(report.texts.find((t) => t.round === "post")!.answers).toHaveLength(15);
    expect(report.breakdown).toBeNull();
  });

  it("shows no figure and no open text for fewer than the threshold", () => {
    const few = prePost().filter((r) => r.group === "SD 5");
    const report = buildReport({ design: "pre-post", threshold: 10, items, responses: few, filter: [] });
    if (!report.ok) throw new Error(report.reason);
    expect(report.respondents).toEqual([{ suppressed: "Too few responses to show (fewer than 10)." }, { suppressed: "Too few responses to show (fewer than 10)." }]);
    expect(report.items.every((i) => i.cells.every((c) => "suppressed" in c))).toBe(true);
    expect(report.texts.every((t) => !Array.isArray(t.answers))).toBe(true);
    expect(report.change).toEqual({ suppressed: "Too few pairs to show (fewer than 10)." });
  });

  it("pairs a code used once in each round only, and a retrospective answer with itself", () => {
    const rs = [response("a", "pre", "g", "x", 1, 1), response("b", "post", "g", "x", 2, 2), response("c", "pre", "g", "y", 1, 1), response("d", "pre", "g", "y", 1, 1), response("e", "post", "g", "y", 3, 3), response("f", "post", "g", null, 3, 3)];
    expect(pairsOf("pre-post", rs).map((p) => [p.before.id, p.after.id])).toEqual([["a", "b"]]);
    expect(pairsOf("retrospective", rs.slice(0, 2)).map((p) => [p.before.id, p.after.id])).toEqual([
      ["a", "a"],
      ["b", "b"],
    ]);
  });

  it("exports consenting people only, under pseudonyms, with small groups pooled and names withheld", () => {
    const responses = prePost();
    responses[0].consent = false;
    responses[3].answers.set("t1:now", "Ask Grace Chen, she helped me");
    const out = researchRows({ design: "pre-post", threshold: 10, items, responses }, ["Grace Chen"], (xs) => xs);
    if (!out.ok) throw new Error(out.reason);
    expect(out.rows).toHaveLength(81);
    expect(out.header.slice(0, 4)).toEqual(["respondent", "round", "group", "pair"]);
    expect(new Set(out.rows.map((r) => r[2]))).toEqual(new Set(["SD 36", "SD 39", "Other groups (combined)"]));
    expect(out.rows.flat().join(" ")).not.toContain("Grace");
    expect(out.withheld).toBe(1);
    expect(researchRows({ design: "pre-post", threshold: 10, items, responses: responses.slice(0, 9) }, [], (xs) => xs)).toEqual({ ok: false, reason: "Too few responses to show (fewer than 10)." });
  });
});

describe("answers and codes", () => {
  const design = "retrospective";
  it("refuses answers outside their scale, and asks both phases of a retrospective statement", () => {
    const read = readAnswers(design, items, { "item-s1-now": "6", "item-s1-then": "2", "item-s2-now": "x", "item-c1-now": "3", "item-t1-now": "" });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.keys(read.errors).sort()).toEqual(["item-c1-now", "item-s1-now", "item-s2-now", "item-s2-then"]);
    const good = readAnswers(design, items, { "item-s1-now": "4", "item-s1-then": "2", "item-s2-now": "5", "item-s2-then": "3", "item-c1-now": "2", "item-t1-now": " Steadier. ", "item-zz-now": "1" });
    expect(good).toEqual({
      ok: true,
      answers: [
        { itemId: "s1", phase: "then", number: 2, text: null },
        { itemId: "s1", phase: "now", number: 4, text: null },
        { itemId: "s2", phase: "then", number: 3, text: null },
        { itemId: "s2", phase: "now", number: 5, text: null },
        { itemId: "c1", phase: "now", number: 2, text: null },
        { itemId: "t1", phase: "now", number: null, text: "Steadier." },
      ],
    });
  });

  it("reads a code the same however it is typed, and flags text that names someone", () => {
    expect(normalizeCode(" cedar-0412 ")).toBe(normalizeCode("CEDAR 0412"));
    expect(derivedCode({ parent: "Margaret", day: "7", town: "Nanaimo" })).toBe("MA07MO");
    expect(derivedCode({ parent: "M", day: "7", town: "Nanaimo" })).toBeNull();
    expect(namesSomeone("write to sam@example.org")).toBe(true);
    expect(namesSomeone("call 604-555-0199")).toBe(true);
    expect(namesSomeone("Dr. Patel was kind")).toBe(true);
    expect(namesSomeone("Grace helped", ["Grace Chen"])).toBe(true);
    expect(namesSomeone("I feel steadier and kinder to myself", ["Grace Chen", "Al Li"])).toBe(false);
  });
});
