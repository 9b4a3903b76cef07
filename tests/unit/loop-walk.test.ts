import { describe, expect, it } from "vitest";
import { findLoops } from "../../shared/cld/loops";
import { readLoop, readWalk, walkOrder, type WalkLink } from "../../shared/cld/walk";

const names: Record<string, string> = { w: "Workload", s: "Stress", a: "Attention", f: "Fix" };
const label = (id: string) => names[id] ?? id;

describe("reading a loop aloud", () => {
  it("follows each link's polarity and delay round the loop", () => {
    const links: WalkLink[] = [
      { id: "1", from: "w", to: "s", polarity: "+", delay: false },
      { id: "2", from: "s", to: "a", polarity: "-", delay: false },
      { id: "3", from: "a", to: "w", polarity: "-", delay: true },
    ];
    const [loop] = findLoops(["w", "s", "a"], links).loops;
    const start = loop.variableIds[0];
    const text = readLoop(loop, links, label);
    expect(start).toBe("w");
    expect(text).toBe("As Workload rises, Stress rises, which lowers Attention, which after a delay raises Workload again. A reinforcing loop: the change grows each time round, for better or worse.");
  });

  it("reads a balancing loop of two and a loop of one", () => {
    const two: WalkLink[] = [
      { id: "1", from: "s", to: "f", polarity: "+", delay: false },
      { id: "2", from: "f", to: "s", polarity: "-", delay: false },
    ];
    expect(readLoop(findLoops(["s", "f"], two).loops[0], two, label)).toBe("As Stress rises, Fix rises, which lowers Stress again. A balancing loop: each time round it pushes back against the change, towards a goal or a limit.");
    const one: WalkLink[] = [{ id: "1", from: "w", to: "w", polarity: "+", delay: true }];
    expect(readLoop(findLoops(["w"], one).loops[0], one, label)).toMatch(/^As Workload rises, Workload after a delay rises again\. A reinforcing loop/);
  });

  it("starts from the variable the map turns on: most links in, then most links", () => {
    const links: WalkLink[] = [
      { id: "a", from: "f", to: "s", polarity: "-", delay: false },
      { id: "b", from: "s", to: "f", polarity: "+", delay: false },
      { id: "c", from: "w", to: "s", polarity: "+", delay: false },
    ];
    const loop = findLoops(["s", "f", "w"], links).loops[0];
    expect(loop.variableIds[0]).toBe("f");
    expect(readLoop(loop, links, label)).toMatch(/^As Stress rises, Fix rises, which lowers Stress again\./);
  });

  it("says a change goes an unknown way after an unsigned link", () => {
    const links: WalkLink[] = [
      { id: "1", from: "w", to: "s", polarity: "?", delay: false },
      { id: "2", from: "s", to: "w", polarity: "-", delay: false },
    ];
    expect(readLoop(findLoops(["w", "s"], links).loops[0], links, label)).toBe("As Workload rises, Stress changes, which changes Workload again. Whether it reinforces or balances is not known until every link's polarity is decided.");
  });
});

describe("the order of a walk", () => {
  it("starts with the shortest loops, then by label with numbers in order", () => {
    const loops = [
      { key: "a", length: 3 },
      { key: "b", length: 2 },
      { key: "c", length: 3 },
      { key: "d", length: 3 },
    ];
    const labels: Record<string, string> = { a: "R10", b: "B1", c: "R2", d: "B3" };
    expect(walkOrder(loops, (k) => labels[k])).toEqual(["b", "d", "c", "a"]);
  });

  it("reads a stored walk, dropping loops no longer on the map and clamping the position", () => {
    expect(readWalk({ order: ["x", "gone", "y"], at: 5, by: "Ana" }, new Set(["x", "y"]))).toEqual({ order: ["x", "y"], at: 1, by: "Ana" });
    expect(readWalk({ order: ["gone"], at: 0, by: "Ana" }, new Set(["x"]))).toBeNull();
    expect(readWalk({ order: "x", at: 0, by: "Ana" }, new Set(["x"]))).toBeNull();
    expect(readWalk(null, new Set(["x"]))).toBeNull();
  });
});
