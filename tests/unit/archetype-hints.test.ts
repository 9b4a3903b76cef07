// Archetype hints (issue 17, first step): every template is recognised as itself and as nothing
// else, also with its variables renamed, a variable inserted into a link, and an unrelated loop
// added; a map with no loops has no hint.
import { describe, expect, it } from "vitest";
import { describeHint, findArchetypes } from "../../shared/cld/archetypes";
import { findLoops, listLoops } from "../../shared/cld/loops";
import { archetypes } from "../../shared/cld/templates";
import { fromTemplate, type Body } from "../fixtures/archetypes/make";

function hints(map: Body) {
  return findArchetypes(findLoops(map.variables.map((v) => v.id), map.links).loops, map.links);
}

/** Renamed variables, a variable inserted into the first link, and a noise loop beside the map. */
function variant(map: Body): Body {
  const rename = (id: string) => `v-${id.split("").reverse().join("")}`;
  const links = map.links.map((l) => ({ ...l, id: `l-${l.id}`, from: rename(l.from), to: rename(l.to) }));
  const [first, ...rest] = links;
  const inserted = [{ ...first, id: `${first.id}-a`, to: "inserted", polarity: "+" as const, delay: false }, { ...first, id: `${first.id}-b`, from: "inserted" }];
  const noise = [
    { id: "n1", from: "noise-a", to: "noise-b", polarity: "+" as const, delay: false },
    { id: "n2", from: "noise-b", to: "noise-a", polarity: "-" as const, delay: false },
  ];
  const added = ["inserted", "noise-a", "noise-b"].map((id) => ({ id, label: id }));
  return { variables: [...map.variables.map((v) => ({ ...v, id: rename(v.id) })), ...added], links: [...inserted, ...rest, ...noise] };
}

describe("archetype hints", () => {
  it.each(archetypes.map((a) => [a.key]))("recognises %s as itself and nothing else, also renamed, lengthened and beside noise", (key) => {
    for (const map of [fromTemplate(key), variant(fromTemplate(key))]) {
      const found = hints(map).map((h) => h.archetype);
      expect(found).toContain(key);
      expect(new Set(found)).toEqual(new Set([key]));
    }
  });

  it("has no hint for a map without loops, and says a hint in words", () => {
    expect(hints({ variables: ["a", "b"].map((id) => ({ id, label: id })), links: [{ id: "x", from: "a", to: "b", polarity: "+", delay: false }] })).toEqual([]);
    const map = fromTemplate("fixes-that-fail");
    const [hint] = hints(map);
    const text = describeHint(hint, (k) => (k === hint.loopKeys[0] ? "B1" : "R1"), (id) => ({ problem: "Problem symptom", fix: "Fix" })[id] ?? id);
    expect(text).toMatch(/^This may be Fixes that Fail: B1 and R1 meet at "(Problem symptom|Fix)" and "(Problem symptom|Fix)"\.$/);
  });
});

describe("archetype hints on hard maps", () => {
  const link = (id: string, from: string, to: string, polarity: "+" | "-" | "?" = "+") => ({ id, from, to, polarity, delay: false });

  it("gives none for links nobody has signed, and none for a map without loops", () => {
    const ids = ["a", "b", "c", "d"];
    const unsigned = ids.flatMap((a) => ids.filter((b) => b !== a).map((b) => link(`${a}${b}`, a, b, "?")));
    expect(findArchetypes(listLoops(ids, unsigned).loops, unsigned)).toEqual([]);
    const chain = [link("1", "a", "b"), link("2", "b", "c")];
    expect(findArchetypes(listLoops(ids, chain).loops, chain)).toEqual([]);
  });

  it("answers from the shortest loops of a map with thousands, each loop read as one archetype at most", () => {
    const ids = Array.from({ length: 9 }, (_, i) => `k${i}`);
    const dense = ids.flatMap((a, i) => ids.filter((b) => b !== a).map((b, j) => link(`${a}-${b}`, a, b, (i + j) % 4 === 0 ? "-" : "+")));
    const list = listLoops(ids, dense);
    expect(list.found).toBeGreaterThan(1000);
    const found = findArchetypes(list.loops, dense);
    const used = found.flatMap((h) => h.loopKeys);
    expect(new Set(used).size).toBe(used.length);
    // Within the 60 shortest loops the search looks at.
    const shortest = new Set([...list.loops].sort((a, b) => a.length - b.length).slice(0, 60).map((l) => l.key));
    expect(used.every((k) => shortest.has(k))).toBe(true);
  });

  it("reads a hub on every loop honestly: each pair of its loops is one structure at most", () => {
    const ids = ["hub", ...Array.from({ length: 30 }, (_, i) => `s${i}`)];
    const links = Array.from({ length: 30 }, (_, i) => [link(`out${i}`, "hub", `s${i}`, i % 3 === 0 ? "-" : "+"), link(`in${i}`, `s${i}`, "hub")]).flat();
    const found = findArchetypes(listLoops(ids, links).loops, links);
    const used = found.flatMap((h) => h.loopKeys);
    expect(new Set(used).size).toBe(used.length);
    expect(found.every((h) => h.sharedVariableIds.includes("hub"))).toBe(true);
  });
});
