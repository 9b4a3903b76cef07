import { describe, expect, it } from "vitest";
import { assignLabels, findLoops, keepsLoopLabels, loopKey, type LoopLink } from "../../shared/cld/loops";

const link = (id: string, from: string, to: string, polarity: "+" | "-" = "+"): LoopLink => ({ id, from, to, polarity });

/** Every elementary cycle by brute force: all simple paths from each start back to it. */
function bruteForce(vertices: string[], links: LoopLink[], maxLength: number): Set<string> {
  const found = new Set<string>();
  const walk = (start: string, at: string, path: LoopLink[], seen: Set<string>) => {
    for (const l of links.filter((x) => x.from === at)) {
      if (l.to === start) found.add(loopKey([...path, l].map((x) => x.id)));
      else if (!seen.has(l.to) && path.length + 1 < maxLength) walk(start, l.to, [...path, l], new Set([...seen, l.to]));
    }
  };
  for (const v of vertices) walk(v, v, [], new Set([v]));
  return found;
}

function randomGraph(seed: number, n: number, m: number) {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const vertices = Array.from({ length: n }, (_, i) => `v${i}`);
  const links = Array.from({ length: m }, (_, i) => link(`l${i}`, vertices[Math.floor(random() * n)], vertices[Math.floor(random() * n)], random() < 0.4 ? "-" : "+"));
  return { vertices, links };
}

describe("loops of causal loop diagrams whose loops are known", () => {
  it("finds the reinforcing loop of burnout and the balancing loop of support", () => {
    // Workload → stress → performance −→ workload … a small teacher-retention map.
    const vars = ["workload", "stress", "performance", "support"];
    const links = [
      link("a", "workload", "stress"),
      link("b", "stress", "performance", "-"),
      link("c", "performance", "workload", "-"),
      link("d", "stress", "support"),
      link("e", "support", "stress", "-"),
    ];
    const { loops, truncated } = findLoops(vars, links);
    expect(truncated).toBe(false);
    expect(loops.map((l) => [l.key, l.kind]).sort()).toEqual([
      ["a>b>c", "R"],
      ["d>e", "B"],
    ]);
    const burnout = loops.find((l) => l.key === "a>b>c")!;
    expect(burnout.variableIds).toEqual(["workload", "stress", "performance"]);
  });

  it("counts a self-link and parallel links as loops of their own", () => {
    const { loops } = findLoops(["x", "y"], [link("s", "x", "x", "-"), link("p1", "x", "y"), link("p2", "x", "y", "-"), link("q", "y", "x")]);
    expect(loops.map((l) => `${l.key}:${l.kind}`).sort()).toEqual(["p1>q:R", "p2>q:B", "s:B"]);
  });

  it("finds the n(n-1)… cycles of a complete graph, and flags more when the count bound is hit", () => {
    const vars = ["a", "b", "c", "d"];
    const links: LoopLink[] = [];
    for (const x of vars) for (const y of vars) if (x !== y) links.push(link(`${x}${y}`, x, y));
    // K4 has 6 two-cycles, 8 three-cycles and 6 four-cycles.
    expect(findLoops(vars, links).loops).toHaveLength(20);
    expect(findLoops(vars, links, { maxLength: 3, maxLoops: 5000 }).loops).toHaveLength(14);
    const bounded = findLoops(vars, links, { maxLength: 10, maxLoops: 5 });
    expect(bounded.loops).toHaveLength(5);
    expect(bounded.truncated).toBe(true);
  });

  it("agrees with brute force on 200 random small diagrams, with and without a length bound", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { vertices, links } = randomGraph(seed, 3 + (seed % 5), 4 + (seed % 9));
      const maxLength = seed % 2 === 0 ? 3 : 10;
      const found = findLoops(vertices, links, { maxLength, maxLoops: 100_000 }).loops.map((l) => l.key);
      expect(new Set(found).size).toBe(found.length);
      expect(new Set(found)).toEqual(bruteForce(vertices, links, maxLength));
    }
  });

  it("stops at the bound on a dense diagram instead of exploding", () => {
    const vars = Array.from({ length: 10 }, (_, i) => `v${i}`);
    const links: LoopLink[] = [];
    for (const x of vars) for (const y of vars) if (x !== y) links.push(link(`${x}-${y}`, x, y));
    const { loops, truncated } = findLoops(vars, links);
    expect(loops).toHaveLength(5000);
    expect(truncated).toBe(true);
  });
});

describe("loop labels", () => {
  const loops = findLoops(["a", "b", "c"], [link("1", "a", "b"), link("2", "b", "a"), link("3", "b", "c", "-"), link("4", "c", "b")]).loops;

  it("numbers reinforcing and balancing loops separately, in a stable order", () => {
    const labels = assignLabels(loops, new Map());
    expect(labels.get("1>2")?.label).toBe("R1");
    expect(labels.get("3>4")?.label).toBe("B1");
  });

  it("keeps a loop's label and name as the diagram grows, and gives new loops free numbers", () => {
    const stored = new Map([["1>2", { label: "R7", name: "Trust builds trust" }]]);
    const grown = findLoops(["a", "b", "c"], [link("1", "a", "b"), link("2", "b", "a"), link("3", "b", "c", "-"), link("4", "c", "b"), link("5", "c", "a"), link("0", "a", "c")]).loops;
    const labels = assignLabels(grown, stored);
    expect(labels.get("1>2")).toEqual({ label: "R7", name: "Trust builds trust" });
    const numbers = [...labels.values()].map((l) => l.label);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it("relabels a loop whose polarity flipped, and settles duplicate labels deterministically", () => {
    const flipped = assignLabels(loops, new Map([["3>4", { label: "R1" }], ["1>2", { label: "R1" }]]));
    expect(flipped.get("1>2")?.label).toBe("R1");
    expect(flipped.get("3>4")?.label).toBe("B1");
    const clash = assignLabels(findLoops(["a", "b", "c"], [link("1", "a", "b"), link("2", "b", "a"), link("5", "b", "c"), link("6", "c", "b")]).loops, new Map([["1>2", { label: "R1" }], ["5>6", { label: "R1" }]]));
    expect(clash.get("1>2")?.label).toBe("R1");
    expect(clash.get("5>6")?.label).toBe("R2");
  });
});

describe("what the loop search cannot list, it says", () => {
  const ring = (n: number) => {
    const ids = Array.from({ length: n }, (_, i) => `v${String(i).padStart(2, "0")}`);
    return { ids, links: ids.map((id, i) => link(`l${i}`, id, ids[(i + 1) % n])) };
  };

  it("an 11-link loop is beyond the 10-link bound: no loop is listed, and all 11 variables are counted as on unlisted loops", () => {
    const { ids, links } = ring(11);
    expect(findLoops(ids, links)).toEqual({ loops: [], truncated: false, unlisted: 11 });
    const ten = ring(10);
    expect(findLoops(ten.ids, ten.links)).toMatchObject({ truncated: false, unlisted: 0 });
    expect(findLoops(ten.ids, ten.links).loops).toHaveLength(1);
  });

  it("a map with no loop at all has nothing unlisted", () => {
    expect(findLoops(["a", "b", "c"], [link("1", "a", "b"), link("2", "b", "c")])).toEqual({ loops: [], truncated: false, unlisted: 0 });
  });

  it("stops after its step budget on a dense map, and says the list is incomplete", () => {
    const ids = Array.from({ length: 40 }, (_, i) => `n${i}`);
    const links: LoopLink[] = [];
    for (const a of ids) for (const b of ids) if (a !== b) links.push(link(`${a}-${b}`, a, b));
    const analysis = findLoops(ids, links, { maxLength: 10, maxLoops: 1_000_000, maxSteps: 50_000 });
    expect(analysis.truncated).toBe(true);
    expect(analysis.loops.length).toBeGreaterThan(0);
  });
});

describe("who stores loop labels", () => {
  it("one editor of many: the lowest presence id among editors; a viewer's lower id does not count", () => {
    const people = [
      { clientId: 50, editor: true },
      { clientId: 7, editor: false },
      { clientId: 20, editor: true },
      { clientId: 90, editor: true },
    ];
    const keepers = people.filter((me) => me.editor && keepsLoopLabels(me.clientId, people.filter((p) => p !== me)));
    expect(keepers.map((k) => k.clientId)).toEqual([20]);
    // Once 20 leaves, 50 takes over.
    const after = people.filter((p) => p.clientId !== 20);
    expect(after.filter((me) => me.editor && keepsLoopLabels(me.clientId, after.filter((p) => p !== me))).map((k) => k.clientId)).toEqual([50]);
  });
});

describe("links whose polarity is not known yet", () => {
  it("make a loop unsigned (U), labelled apart from R and B, and keep it once the polarity is known", () => {
    const variables = ["a", "b", "c"];
    const links = [
      { id: "ab", from: "a", to: "b", polarity: "+" as const },
      { id: "bc", from: "b", to: "c", polarity: "?" as const },
      { id: "ca", from: "c", to: "a", polarity: "-" as const },
      { id: "ba", from: "b", to: "a", polarity: "+" as const },
    ];
    const { loops } = findLoops(variables, links);
    expect(loops.map((l) => `${l.kind}:${l.linkIds.join(",")}`).sort()).toEqual(["R:ab,ba", "U:ab,bc,ca"]);
    const labels = assignLabels(loops, new Map());
    expect([...labels.values()].map((l) => l.label).sort()).toEqual(["R1", "U1"]);
    // Once someone decides the polarity, the loop becomes B and takes a B label.
    const decided = findLoops(variables, links.map((l) => (l.id === "bc" ? { ...l, polarity: "+" as const } : l))).loops;
    expect([...assignLabels(decided, labels).values()].map((l) => l.label).sort()).toEqual(["B1", "R1"]);
  });
});
