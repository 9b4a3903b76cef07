import { describe, expect, it } from "vitest";
import { findLoops } from "../../shared/cld/loops";
import { archetypes, iceberg, templateByKey } from "../../shared/cld/templates";

// Each archetype's loops as Senge and Kim draw them: the variables of each loop and its kind.
const literature: Record<string, [kind: "R" | "B", labels: string[]][]> = {
  "fixes-that-fail": [
    ["B", ["Problem symptom", "Fix"]],
    ["R", ["Problem symptom", "Fix", "Unintended consequences"]],
  ],
  "shifting-the-burden": [
    ["B", ["Problem symptom", "Symptomatic solution"]],
    ["B", ["Problem symptom", "Fundamental solution"]],
    ["R", ["Problem symptom", "Symptomatic solution", "Side effect", "Fundamental solution"]],
  ],
  "limits-to-growth": [
    ["R", ["Efforts", "Performance"]],
    ["B", ["Performance", "Slowing action"]],
  ],
  "tragedy-of-the-commons": [
    ["R", ["A's activity", "Net gains for A"]],
    ["R", ["B's activity", "Net gains for B"]],
    ["B", ["A's activity", "Total activity", "Gain per individual activity", "Net gains for A"]],
    ["B", ["B's activity", "Total activity", "Gain per individual activity", "Net gains for B"]],
  ],
  escalation: [
    ["B", ["Activity by A", "Results of A", "A's results relative to B's"]],
    ["B", ["Activity by B", "Results of B", "A's results relative to B's"]],
  ],
  "success-to-the-successful": [
    ["R", ["Allocation to A instead of B", "Resources to A", "Success of A"]],
    ["R", ["Allocation to A instead of B", "Resources to B", "Success of B"]],
  ],
  "eroding-goals": [
    ["B", ["Gap", "Actions to improve conditions", "Actual condition"]],
    ["B", ["Gap", "Pressure to lower the goal", "Goal"]],
  ],
  "growth-and-underinvestment": [
    ["R", ["Growing action", "Demand"]],
    ["B", ["Demand", "Performance"]],
    ["B", ["Performance", "Perceived need to invest", "Investment in capacity", "Capacity"]],
  ],
  "accidental-adversaries": [
    ["R", ["A's activity toward B", "B's success", "B's activity toward A", "A's success"]],
    ["R", ["A's success", "A's individual activity"]],
    ["R", ["B's success", "B's individual activity"]],
    ["B", ["A's success", "A's individual activity", "B's success", "B's activity toward A"]],
    ["B", ["B's success", "B's individual activity", "A's success", "A's activity toward B"]],
    ["R", ["A's success", "A's individual activity", "B's success", "B's individual activity"]],
  ],
};

const describeLoops = (key: string) => {
  const { diagram } = templateByKey(key)!;
  const label = new Map(diagram.variables.map((v) => [v.id, v.label]));
  const { loops, truncated } = findLoops(
    diagram.variables.map((v) => v.id),
    diagram.links.map((l) => ({ id: l.id!, from: l.from, to: l.to, polarity: l.polarity })),
  );
  expect(truncated).toBe(false);
  return loops.map((l) => `${l.kind}: ${l.variableIds.map((id) => label.get(id)).sort().join(" / ")}`).sort();
};

describe("archetype templates", () => {
  it("has Senge's nine archetypes", () => {
    expect(archetypes.map((a) => a.name)).toEqual([
      "Fixes that Fail",
      "Shifting the Burden",
      "Limits to Growth",
      "Tragedy of the Commons",
      "Escalation",
      "Success to the Successful",
      "Eroding Goals",
      "Growth and Underinvestment",
      "Accidental Adversaries",
    ]);
  });

  for (const archetype of archetypes) {
    it(`${archetype.name}: its loops and their kinds are the literature's`, () => {
      const expected = literature[archetype.key].map(([kind, labels]) => `${kind}: ${[...labels].sort().join(" / ")}`).sort();
      expect(describeLoops(archetype.key)).toEqual(expected);
    });
  }

  it("marks the delays where the archetypes put them", () => {
    const delayed = (key: string) => {
      const { diagram } = templateByKey(key)!;
      const label = new Map(diagram.variables.map((v) => [v.id, v.label]));
      return diagram.links.filter((l) => l.delay).map((l) => `${label.get(l.from)} -> ${label.get(l.to)}`);
    };
    expect(delayed("fixes-that-fail")).toEqual(["Fix -> Unintended consequences"]);
    expect(delayed("shifting-the-burden")).toEqual(["Fundamental solution -> Problem symptom", "Symptomatic solution -> Side effect"]);
    expect(delayed("growth-and-underinvestment")).toEqual(["Investment in capacity -> Capacity"]);
  });

  it("every link joins variables of its own template", () => {
    for (const t of archetypes) {
      const ids = new Set(t.diagram.variables.map((v) => v.id));
      for (const l of t.diagram.links) expect(ids.has(l.from) && ids.has(l.to), `${t.key} ${l.id}`).toBe(true);
    }
  });

  it("the iceberg has its four levels from events down to mental models", () => {
    expect(iceberg.diagram.variables.map((v) => v.label)).toEqual(["Events", "Patterns and trends", "Underlying structures", "Mental models"]);
    expect(iceberg.diagram.variables.map((v) => v.y)).toEqual([...iceberg.diagram.variables.map((v) => v.y)].sort((a, b) => a - b));
  });
});
