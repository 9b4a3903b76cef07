// `npm run bench:archetypes`: how well the archetype hints (shared/cld/archetypes.ts) name the
// archetypes in the labelled set of tests/fixtures/archetypes/maps (templates, their variants,
// maps drawn by hand, maps with none and with two): precision and recall overall and per
// archetype, the maps missed and the hints offered wrongly, and the time to find hints in a map
// (loops included), over 5 runs. Targets (issue 17): precision ≥ 0.9, recall ≥ 0.8.
import fs from "node:fs";
import path from "node:path";
import { archetypeNames, findArchetypes, type ArchetypeKey } from "../shared/cld/archetypes";
import { findLoops, listLoops } from "../shared/cld/loops";
import type { LabelledMap } from "../tests/fixtures/archetypes/make";
import { printTable, Runs, stamp, writeResults } from "./lib/stats";

const runs = Number(process.argv[2] ?? 5);
const dir = path.resolve("tests/fixtures/archetypes/maps");
const maps: LabelledMap[] = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as LabelledMap);

const keys = Object.keys(archetypeNames) as ArchetypeKey[];
const count = { tp: new Map<ArchetypeKey, number>(), fp: new Map<ArchetypeKey, number>(), fn: new Map<ArchetypeKey, number>() };
const add = (m: Map<ArchetypeKey, number>, k: ArchetypeKey) => m.set(k, (m.get(k) ?? 0) + 1);
const wrong: string[] = [];
const missed: string[] = [];
for (const map of maps) {
  const found = new Set(findArchetypes(findLoops(map.variables.map((v) => v.id), map.links).loops, map.links).map((h) => h.archetype));
  const expected = new Set(map.expected);
  for (const k of found) {
    if (expected.has(k)) add(count.tp, k);
    else {
      add(count.fp, k);
      wrong.push(`${map.name}: ${k}`);
    }
  }
  for (const k of expected)
    if (!found.has(k)) {
      add(count.fn, k);
      missed.push(`${map.name}: ${k}`);
    }
}
const sum = (m: Map<ArchetypeKey, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);
const figures: Record<string, number | string> = {
  maps: maps.length,
  maps_without_archetype: maps.filter((m) => m.expected.length === 0).length,
  precision: ratio(sum(count.tp), sum(count.tp) + sum(count.fp)),
  recall: ratio(sum(count.tp), sum(count.tp) + sum(count.fn)),
  hints_right: sum(count.tp),
  hints_wrong: sum(count.fp),
  archetypes_missed: sum(count.fn),
};
for (const k of keys) {
  const name = k.replace(/-/g, "_");
  const tp = count.tp.get(k) ?? 0;
  figures[`precision_${name}`] = ratio(tp, tp + (count.fp.get(k) ?? 0));
  figures[`recall_${name}`] = ratio(tp, tp + (count.fn.get(k) ?? 0));
}

// Hard maps (issue 17's bad input): thousands of loops, a variable on every loop, links nobody
// has signed, none at all. Hints come from the loops list (its 1,000 shortest loops) and must
// answer quickly; the hints found are kept as figures too (none expected on the last three).
const link = (id: string, from: string, to: string, polarity: "+" | "-" | "?" = "+") => ({ id, from, to, polarity, delay: false });
const complete = (n: number, sign: (i: number) => "+" | "-") => {
  const ids = Array.from({ length: n }, (_, i) => `k${i}`);
  const links = ids.flatMap((a, i) => ids.filter((b) => b !== a).map((b, j) => link(`${a}-${b}`, a, b, sign(i + j))));
  return { ids, links };
};
const hub = (() => {
  const ids = ["hub", ...Array.from({ length: 40 }, (_, i) => `s${i}`)];
  const links = Array.from({ length: 40 }, (_, i) => [link(`out${i}`, "hub", `s${i}`, i % 3 === 0 ? "-" : "+"), link(`in${i}`, `s${i}`, "hub")]).flat();
  return { ids, links };
})();
const eight = complete(8, () => "+");
const hard: Record<string, { ids: string[]; links: ReturnType<typeof link>[] }> = {
  dense_12: complete(12, (i) => (i % 4 === 0 ? "-" : "+")),
  hub_40: hub,
  unsigned_8: { ids: eight.ids, links: eight.links.map((l) => ({ ...l, polarity: "?" as const })) },
  no_loops: { ids: Array.from({ length: 200 }, (_, i) => `c${i}`), links: Array.from({ length: 199 }, (_, i) => link(`c${i}`, `c${i}`, `c${i + 1}`)) },
};

// Time: every map of the set, loops and hints, per run; then each hard map's hints (from its
// loops list, found once), alternating with the set.
const timing = new Runs();
const lists = Object.fromEntries(Object.entries(hard).map(([name, map]) => [name, listLoops(map.ids, map.links)]));
for (let run = 0; run < runs; run++) {
  const started = process.hrtime.bigint();
  for (const map of maps) findArchetypes(findLoops(map.variables.map((v) => v.id), map.links).loops, map.links);
  const sample: Record<string, number> = { set_ms: Number(process.hrtime.bigint() - started) / 1e6 };
  for (const [name, map] of Object.entries(hard)) {
    const at = process.hrtime.bigint();
    findArchetypes(lists[name].loops, map.links);
    sample[`hints_ms_${name}`] = Number(process.hrtime.bigint() - at) / 1e6;
  }
  timing.add(sample);
}
for (const [name, map] of Object.entries(hard)) {
  figures[`loops_found_${name}`] = lists[name].found;
  figures[`loops_list_max_length_${name}`] = lists[name].maxLength;
  figures[`loops_list_cut_${name}`] = lists[name].cut ? `the ${lists[name].cut!.maxLength}-link search ran out of time after ${lists[name].cut!.found} loops` : "none";
  figures[`hints_${name}`] = findArchetypes(lists[name].loops, map.links).length;
}
const results = { ...stamp(runs), ...figures, ...timing.summary(), wrong_hints: wrong.join("; ") || "none", missed: missed.join("; ") || "none" };
const file = writeResults("archetypes", results);
printTable("Archetype hints on the labelled set", results);
console.log(`\n${file}`);
