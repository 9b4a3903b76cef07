// Archetype hints: structures in a group's own map that look like one of Senge's system
// archetypes, found from its loops (their kinds, the variables and links they share, and where
// delays sit), never from labels. Extra variables along a path only lengthen a loop, and loops
// that share nothing with a match are ignored, so hints survive renaming, insertion and noise. A
// hint is a hypothesis for a facilitator to offer ("This may be Fixes that Fail…"), with the loops
// it rests on. Each loop is read as part of one archetype at most, the larger and more particular
// structure first (Limits to Growth inside Growth and Underinvestment is not offered again).
import type { Loop, Polarity } from "./loops";

export type ArchetypeKey =
  | "fixes-that-fail"
  | "shifting-the-burden"
  | "limits-to-growth"
  | "eroding-goals"
  | "escalation"
  | "success-to-the-successful"
  | "tragedy-of-the-commons"
  | "growth-and-underinvestment"
  | "accidental-adversaries";

export const archetypeNames: Record<ArchetypeKey, string> = {
  "fixes-that-fail": "Fixes that Fail",
  "shifting-the-burden": "Shifting the Burden",
  "limits-to-growth": "Limits to Growth",
  "eroding-goals": "Eroding Goals",
  escalation: "Escalation",
  "success-to-the-successful": "Success to the Successful",
  "tragedy-of-the-commons": "Tragedy of the Commons",
  "growth-and-underinvestment": "Growth and Underinvestment",
  "accidental-adversaries": "Accidental Adversaries",
};

export interface HintLink {
  id: string;
  from: string;
  to: string;
  polarity: Polarity;
  delay: boolean;
}

export interface ArchetypeHint {
  archetype: ArchetypeKey;
  /** The loops it rests on (their keys), in the order the description names them. */
  loopKeys: string[];
  /** The variables the loops meet at. */
  sharedVariableIds: string[];
}

interface Shape {
  loop: Loop;
  vars: Set<string>;
  links: Set<string>;
  delayed: boolean;
}

const intersect = <T>(a: Set<T>, b: Set<T>) => [...a].filter((x) => b.has(x));

/** The loop's links in order, starting with the one by which it leaves a variable. */
function from(shape: Shape, variableId: string, byId: Map<string, HintLink>): HintLink[] {
  const links = shape.loop.linkIds.map((id) => byId.get(id)).filter((l): l is HintLink => l !== undefined);
  const start = links.findIndex((l) => l.from === variableId);
  return start < 0 ? [] : [...links.slice(start), ...links.slice(0, start)];
}

const times = (a: Polarity, b: Polarity): Polarity => (a === "?" || b === "?" ? "?" : a === b ? "+" : "-");

/**
 * How a variable pushes its loop: the sign of the path from it to the loop's first delay (where
 * the party acts, and it takes time), or of the link leaving it when the loop has no delay. A
 * variable inserted along the way (a "+" link before the original one) does not change it.
 */
function push(shape: Shape, variableId: string, byId: Map<string, HintLink>): Polarity | null {
  const path = from(shape, variableId, byId);
  if (path.length === 0) return null;
  const delay = path.findIndex((l) => l.delay);
  if (delay <= 0) return path[0].polarity;
  return path.slice(0, delay).reduce<Polarity>((sign, l) => times(sign, l.polarity), "+");
}

/** The polarity of the link by which a loop comes back to a variable. */
function arriving(shape: Shape, variableId: string, byId: Map<string, HintLink>): Polarity | null {
  const path = from(shape, variableId, byId);
  return path.length ? path[path.length - 1].polarity : null;
}

/** From the most particular structure to the most general, for matches of as many loops. */
const particular: ArchetypeKey[] = [
  "accidental-adversaries",
  "tragedy-of-the-commons",
  "shifting-the-burden",
  "growth-and-underinvestment",
  "fixes-that-fail",
  "escalation",
  "success-to-the-successful",
  "eroding-goals",
  "limits-to-growth",
];

/**
 * The archetypes the map may hold. `maxLoops` bounds the search (pairs and triples of loops), so a
 * map with thousands of loops is answered quickly, from its shortest loops.
 */
export function findArchetypes(loops: readonly Loop[], links: readonly HintLink[], maxLoops = 60): ArchetypeHint[] {
  const byId = new Map(links.map((l) => [l.id, l]));
  const shapes: Shape[] = [...loops]
    .filter((l) => l.kind !== "U")
    .sort((a, b) => a.length - b.length || a.key.localeCompare(b.key))
    .slice(0, maxLoops)
    .map((loop) => ({ loop, vars: new Set(loop.variableIds), links: new Set(loop.linkIds), delayed: loop.linkIds.some((id) => byId.get(id)?.delay) }));
  const R = shapes.filter((s) => s.loop.kind === "R");
  const B = shapes.filter((s) => s.loop.kind === "B");
  const matches: { archetype: ArchetypeKey; shapes: Shape[]; shared: string[] }[] = [];
  const sharesLink = (a: Shape, b: Shape) => intersect(a.links, b.links).length > 0;
  const meetOnly = (a: Shape, b: Shape) => intersect(a.vars, b.vars).length > 0 && !sharesLink(a, b);
  const differ = (a: Polarity | null, b: Polarity | null) => a !== null && b !== null && a !== "?" && b !== "?" && a !== b;
  // The shared variable pushes the two loops opposite ways (Escalation's comparison of the two
  // sides); two reinforcing loops may also show it by how each comes back to it (an allocation
  // fed by one side's success and cut by the other's).
  const opposite = (a: Shape, b: Shape) => intersect(a.vars, b.vars).some((v) =>
    differ(push(a, v, byId), push(b, v, byId)) || (a.loop.kind === "R" && b.loop.kind === "R" && differ(arriving(a, v, byId), arriving(b, v, byId))));

  // Larger structures first.
  for (const big of R) {
    // Accidental Adversaries: a reinforcing loop of partnership; each partner's own reinforcing
    // loop meets it at that partner's success; balancing loops of harm run through it.
    if (big.vars.size < 4) continue;
    const own = R.filter((s) => s !== big && meetOnly(s, big) && intersect(s.vars, big.vars).length === 1);
    for (let i = 0; i < own.length; i++)
      for (let j = i + 1; j < own.length; j++) {
        if (intersect(own[i].vars, own[j].vars).length > 0) continue;
        // The loops of harm: every other loop through the partnership and a partner's own loop
        // (balancing, or reinforcing when both partners harm each other), at least one balancing.
        const harm = shapes.filter((s) => s !== big && s !== own[i] && s !== own[j] && intersect(s.vars, big.vars).length > 0 && (intersect(s.vars, own[i].vars).length > 0 || intersect(s.vars, own[j].vars).length > 0));
        if (!harm.some((s) => s.loop.kind === "B")) continue;
        matches.push({ archetype: "accidental-adversaries", shapes: [big, own[i], own[j], ...harm], shared: [...intersect(own[i].vars, big.vars), ...intersect(own[j].vars, big.vars)] });
      }
  }
  for (let i = 0; i < R.length; i++)
    for (let j = i + 1; j < R.length; j++) {
      const [r1, r2] = [R[i], R[j]];
      if (intersect(r1.vars, r2.vars).length > 0) continue;
      // Tragedy of the Commons: two parties' reinforcing loops of gain, each limited by a balancing
      // loop through the shared total, the two balancing loops sharing that path.
      for (const b1 of B.filter((b) => sharesLink(b, r1)))
        for (const b2 of B.filter((b) => b !== b1 && sharesLink(b, r2) && sharesLink(b, b1)))
          matches.push({ archetype: "tragedy-of-the-commons", shapes: [r1, r2, b1, b2], shared: intersect(b1.vars, b2.vars) });
    }
  const meets = (a: Shape, b: Shape) => intersect(a.vars, b.vars).length > 0;
  for (const r of R)
    for (const b1 of B.filter((b) => meets(b, r)))
      for (const b2 of B.filter((b) => b !== b1 && b.delayed && meetOnly(b, b1) && intersect(b.vars, r.vars).length === 0))
        // Growth and Underinvestment: growth limited by a balancing loop, whose capacity is kept by
        // a second, delayed balancing loop of investment.
        matches.push({ archetype: "growth-and-underinvestment", shapes: [r, b1, b2], shared: [...intersect(r.vars, b1.vars), ...intersect(b1.vars, b2.vars)] });
  for (let i = 0; i < B.length; i++)
    for (let j = i + 1; j < B.length; j++) {
      const [b1, b2] = [B[i], B[j]];
      if (!meetOnly(b1, b2)) continue;
      // Shifting the Burden: two balancing solutions of one problem, tied by a reinforcing loop
      // through both (the side effect that weakens the fundamental solution).
      for (const r of R.filter((s) => sharesLink(s, b1) && sharesLink(s, b2))) {
        const [symptomatic, fundamental] = b1.delayed && !b2.delayed ? [b2, b1] : [b1, b2];
        matches.push({ archetype: "shifting-the-burden", shapes: [symptomatic, fundamental, r], shared: intersect(b1.vars, b2.vars) });
      }
      // Escalation: each side's balancing loop answers the other through the one comparison, which
      // pushes them opposite ways; Eroding Goals: the gap is closed two ways, one by lowering the goal.
      matches.push({ archetype: opposite(b1, b2) ? "escalation" : "eroding-goals", shapes: [b1, b2], shared: intersect(b1.vars, b2.vars) });
    }
  for (let i = 0; i < R.length; i++)
    for (let j = i + 1; j < R.length; j++)
      // Success to the Successful: two reinforcing loops of success joined by an allocation that
      // favours one at the other's cost.
      if (meetOnly(R[i], R[j]) && opposite(R[i], R[j])) matches.push({ archetype: "success-to-the-successful", shapes: [R[i], R[j]], shared: intersect(R[i].vars, R[j].vars) });
  for (const b of B)
    for (const r of R) {
      // Fixes that Fail: the fix's balancing loop and its delayed, reinforcing consequences share the fix.
      if (sharesLink(b, r) && r.loop.linkIds.some((id) => !b.links.has(id) && byId.get(id)?.delay)) matches.push({ archetype: "fixes-that-fail", shapes: [b, r], shared: intersect(b.vars, r.vars) });
      // Limits to Growth: a reinforcing loop of growth meets a balancing loop that slows it.
      else if (meets(b, r)) matches.push({ archetype: "limits-to-growth", shapes: [r, b], shared: intersect(b.vars, r.vars) });
    }

  // Each loop is read as part of one archetype at most: larger matches first (they were found
  // first), then from the most particular structure to the most general. A
  // correction loop hung on a variable of a recognised archetype is then not a second one.
  const kept: typeof matches = [];
  const used = new Set<string>();
  const order = [...matches].sort((a, b) => b.shapes.length - a.shapes.length || particular.indexOf(a.archetype) - particular.indexOf(b.archetype));
  for (const m of order) {
    if (m.shapes.some((s) => used.has(s.loop.key))) continue;
    for (const s of m.shapes) used.add(s.loop.key);
    kept.push(m);
  }
  return kept.map((m) => ({ archetype: m.archetype, loopKeys: m.shapes.map((s) => s.loop.key), sharedVariableIds: [...new Set(m.shared)] }));
}

/** The hint in words, with the loops' labels (R1, B2) and the shared variables' names. */
export function describeHint(hint: ArchetypeHint, loopLabel: (key: string) => string, variableLabel: (id: string) => string): string {
  const loops = hint.loopKeys.map(loopLabel);
  const list = (xs: string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);
  // In alphabetical order, so that everyone reads the same sentence whatever the loops' ids.
  const shared = hint.sharedVariableIds.map(variableLabel).sort((a, b) => a.localeCompare(b)).map((label) => `"${label}"`);
  return `This may be ${archetypeNames[hint.archetype]}: ${list(loops)} ${shared.length ? `meet at ${list(shared)}` : "are tied together"}.`;
}

/** Dismissed hints a map (or a browser, for one map) keeps at most. */
export const dismissedHintsKept = 200;

/** A stored list of dismissed hints' ids, checked: anything that is not an id is left out. */
export const readHintIds = (value: unknown): string[] => (Array.isArray(value) ? value.filter((d): d is string => typeof d === "string") : []);

/** A hint's identity on its map, kept while its loops stay: what a dismissal remembers. */
export const hintId = (hint: Pick<ArchetypeHint, "archetype" | "loopKeys">) => `${hint.archetype}:${[...hint.loopKeys].sort().join("|")}`;

/** The resources library's practice page of an archetype (added by migration 0023). */
export const archetypePageHref = (key: ArchetypeKey) => `/resources/archetype-${key}`;
