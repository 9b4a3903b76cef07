// Archetype hints (issue 17, first step): every template is recognised as itself and as nothing
// else, also with its variables renamed, a variable inserted into a link, and an unrelated loop
// added; a map with no loops has no hint.
import { describe, expect, it } from "vitest";
import { describeHint, findArchetypes } from "../../shared/cld/archetypes";
import { findLoops } from "../../shared/cld/loops";
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
