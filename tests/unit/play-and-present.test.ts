import { describe, expect, it } from "vitest";
import { play, type PlayLink } from "../../shared/cld/play";
import { revealStep, stepCount } from "../../shared/cld/present";

const link = (id: string, from: string, to: string, polarity: "+" | "-", delay = false): PlayLink => ({ id, from, to, polarity, delay });

describe("play", () => {
  it("keeps the direction across + links and flips it across − links", () => {
    const arrivals = play([link("ab", "a", "b", "+"), link("bc", "b", "c", "-"), link("cd", "c", "d", "-")], { variableId: "a", direction: 1 });
    expect(arrivals.map((a) => [a.step, a.variableId, a.change])).toEqual([
      [0, "a", 1],
      [1, "b", 1],
      [2, "c", -1],
      [3, "d", 1],
    ]);
    expect(arrivals[2].via).toEqual(["bc"]);
  });

  it("a nudge down travels as the mirror image", () => {
    const arrivals = play([link("ab", "a", "b", "-")], { variableId: "a", direction: -1 });
    expect(arrivals.at(-1)).toMatchObject({ step: 1, variableId: "b", change: 1 });
  });

  it("a delay mark slows the signal", () => {
    const arrivals = play([link("ab", "a", "b", "+", true), link("ac", "a", "c", "+")], { variableId: "a", direction: 1 }, { delaySteps: 3, horizon: 10 });
    expect(arrivals.map((a) => [a.step, a.variableId])).toEqual([
      [0, "a"],
      [1, "c"],
      [3, "b"],
    ]);
  });

  it("signals meeting at once add up: an up and a down cancel", () => {
    const arrivals = play([link("ab", "a", "b", "+"), link("ac", "a", "c", "+"), link("bd", "b", "d", "+"), link("cd", "c", "d", "-")], { variableId: "a", direction: 1 });
    expect(arrivals.find((a) => a.variableId === "d")).toBeUndefined();
  });

  it("goes round a balancing loop, flipping each time, until the horizon", () => {
    const arrivals = play([link("ab", "a", "b", "+"), link("ba", "b", "a", "-")], { variableId: "a", direction: 1 }, { delaySteps: 3, horizon: 4 });
    expect(arrivals.map((a) => `${a.step}${a.variableId}${a.change > 0 ? "↑" : "↓"}`)).toEqual(["0a↑", "1b↑", "2a↓", "3b↓", "4a↑"]);
  });
});

describe("present", () => {
  const variables = [
    { id: "x", x: 500, y: 0 },
    { id: "a", x: 0, y: 0 },
    { id: "b", x: 100, y: 0 },
    { id: "c", x: 0, y: 100 },
  ];
  const loops = [
    { key: "k2", label: "B1", variableIds: ["c", "b"] },
    { key: "k1", label: "R1", variableIds: ["a", "b"] },
  ];

  it("reveals the loops' variables first, in label order, then the rest, then each loop", () => {
    expect(stepCount(variables, loops)).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((s) => revealStep(variables, loops, s))).toEqual([
      { variableIds: ["c"], loopKey: null },
      { variableIds: ["c", "b"], loopKey: null },
      { variableIds: ["c", "b", "a"], loopKey: null },
      { variableIds: ["c", "b", "a", "x"], loopKey: null },
      { variableIds: ["c", "b", "a", "x"], loopKey: "k2" },
      { variableIds: ["c", "b", "a", "x"], loopKey: "k1" },
    ]);
  });

  it("clamps steps outside the presentation", () => {
    expect(revealStep(variables, loops, -3).variableIds).toEqual(["c"]);
    expect(revealStep(variables, loops, 99).loopKey).toBe("k1");
  });
});
