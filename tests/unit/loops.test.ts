import { describe, expect, it } from "vitest";
import { assignLabels, findLoops, listLoops, loopListNote, keepsLoopLabels, loopKey, type LoopLink } from "../../shared/cld/loops";

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
    expect(findLoops(ids, links)).toMatchObject({ loops: [], truncated: false, found: 0, complete: true, unlisted: 11 });
    const ten = ring(10);
    expect(findLoops(ten.ids, ten.links)).toMatchObject({ truncated: false, unlisted: 0 });
    expect(findLoops(ten.ids, ten.links).loops).toHaveLength(1);
  });

  it("a map with no loop at all has nothing unlisted", () => {
    expect(findLoops(["a", "b", "c"], [link("1", "a", "b"), link("2", "b", "c")])).toMatchObject({ loops: [], truncated: false, found: 0, unlisted: 0 });
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

describe("the loops list at Vensim's reach", () => {
  const ring = (n: number, prefix = "v") => {
    const ids = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, "0")}`);
    return { ids, links: ids.map((id, i) => link(`${prefix}l${i}`, id, ids[(i + 1) % n])) };
  };
  const complete = (n: number) => {
    const ids = Array.from({ length: n }, (_, i) => `k${i}`);
    const links: LoopLink[] = [];
    for (const a of ids) for (const b of ids) if (a !== b) links.push(link(`${a}-${b}`, a, b));
    return { ids, links };
  };

  it("lists a loop of 32 links; one of 33 is beyond the list and said so", () => {
    const r32 = ring(32);
    expect(listLoops(r32.ids, r32.links)).toMatchObject({ found: 1, complete: true, maxLength: 32, cut: null, unlisted: 0 });
    expect(listLoops(r32.ids, r32.links).loops[0].length).toBe(32);
    const r33 = ring(33);
    const beyond = listLoops(r33.ids, r33.links);
    expect(beyond).toMatchObject({ loops: [], found: 0, complete: true, unlisted: 33 });
    expect(loopListNote({ ...beyond, listed: 0 })).toEqual(["33 variables sit on feedback loops that are not listed (longer than 32 links)."]);
  });

  it("keeps the 1,000 shortest of more, shortest first, and counts the rest exactly", () => {
    // A complete map of 7 variables has 21 + 70 + 210 + 504 + 840 + 720 = 2,365 loops.
    const { ids, links } = complete(7);
    const list = listLoops(ids, links);
    expect(list).toMatchObject({ found: 2365, complete: true, truncated: true, maxLength: 32, cut: null });
    expect(list.loops).toHaveLength(1000);
    const lengths = list.loops.map((l) => l.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    // Every loop of 2 to 5 links (21 + 70 + 210 + 504), then 195 of the 840 six-link ones.
    expect(lengths.filter((n) => n <= 5)).toHaveLength(805);
    expect(lengths.filter((n) => n === 6)).toHaveLength(195);
    expect(loopListNote({ ...list, listed: list.loops.length })).toEqual(["Listed: the 1,000 shortest of 2,365 loops; 1,365 longer ones are counted, not listed."]);
  });

  it("runs out of time on long loops and lists every shorter one instead, saying how it was cut", () => {
    // A ring of 15 diamonds: 2^15 loops, every one 30 links long, and no short loop at all.
    const ids: string[] = [];
    const links: LoopLink[] = [];
    for (let i = 0; i < 15; i++) {
      ids.push(`d${i}`, `d${i}a`, `d${i}b`);
      const next = `d${(i + 1) % 15}`;
      links.push(link(`${i}a1`, `d${i}`, `d${i}a`), link(`${i}a2`, `d${i}a`, next), link(`${i}b1`, `d${i}`, `d${i}b`), link(`${i}b2`, `d${i}b`, next));
    }
    let clock = 0;
    const now = () => clock++;
    const list = listLoops(ids, links, { budgetMs: 50, now });
    expect(list.cut).toMatchObject({ maxLength: 32, budgetMs: 50 });
    expect(list.cut!.found).toBeGreaterThan(0);
    expect(list.cut!.found).toBeLessThan(2 ** 15);
    expect(list).toMatchObject({ maxLength: 12, complete: true, found: 0, loops: [], unlisted: 45 });
    const notes = loopListNote({ ...list, listed: 0 });
    expect(notes[0]).toMatch(/^The search for loops of up to 32 links ran out of its time \(0\.05 s\) after finding [\d,]+; every loop of up to 12 links was counted: 0\.$/);
    expect(notes[1]).toBe("45 variables sit on feedback loops that are not listed (longer than 12 links).");
    // With time enough, all 32,768 are found and the shortest thousand listed.
    expect(listLoops(ids, links, { budgetMs: 60_000 })).toMatchObject({ found: 2 ** 15, complete: true, maxLength: 32, cut: null });
  });

  it("says so when even the shortest search runs out of time on a dense map", () => {
    const { ids, links } = complete(14);
    let clock = 0;
    const list = listLoops(ids, links, { budgetMs: 20, now: () => clock++ });
    expect(list).toMatchObject({ maxLength: 8, complete: false, truncated: true });
    expect(list.loops.length).toBeGreaterThan(0);
    expect(loopListNote({ ...list, listed: list.loops.length })[0]).toMatch(/a search of up to 8 links ran out of time too/);
  });
});
