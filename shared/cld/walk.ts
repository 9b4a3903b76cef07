// Walking the loops together: a facilitator steps through the map's loops one by one (shortest
// first, or in the order they choose) and everyone sees the loop in plain language: "As Workload
// rises, Stress rises, which lowers Attention, …".
import type { Loop, LoopKind, Polarity } from "./loops";

export interface WalkLink {
  id: string;
  from: string;
  to: string;
  polarity: Polarity;
  delay: boolean;
}

/** A walk under way, as stored in the map's shared state by the facilitator leading it. */
export interface Walk {
  /** The loops' keys in the order they are walked. */
  order: string[];
  /** The position in `order` of the loop everyone is looking at. */
  at: number;
  by: string;
}

/** The order a walk starts in: shortest loops first, then by label (R1 before R2, B1 before R2). */
export function walkOrder(loops: readonly Pick<Loop, "key" | "length">[], labelOf: (key: string) => string = (k) => k): string[] {
  return [...loops].sort((a, b) => a.length - b.length || labelOf(a.key).localeCompare(labelOf(b.key), "en", { numeric: true })).map((l) => l.key);
}

/** A stored walk, checked: anything malformed is no walk. Keys of loops no longer on the map are dropped. */
export function readWalk(value: unknown, loopKeys: ReadonlySet<string>): Walk | null {
  if (!value || typeof value !== "object") return null;
  const { order, at, by } = value as Record<string, unknown>;
  if (!Array.isArray(order) || typeof at !== "number" || typeof by !== "string") return null;
  const kept = order.filter((k): k is string => typeof k === "string" && loopKeys.has(k));
  if (kept.length === 0) return null;
  return { order: kept, at: Math.min(Math.max(0, Math.floor(at)), kept.length - 1), by };
}

const endings: Record<LoopKind, string> = {
  R: "A reinforcing loop: the change grows each time round, for better or worse.",
  B: "A balancing loop: each time round it pushes back against the change, towards a goal or a limit.",
  U: "Whether it reinforces or balances is not known until every link's polarity is decided.",
};

/**
 * The loop in plain language, round from its most connected variable (the one the map turns on,
 * most links in, then most links in all) to it again: "As A rises, B rises, which lowers C, which
 * after a delay raises A again."
 */
export function readLoop(loop: Pick<Loop, "linkIds" | "variableIds" | "kind">, links: readonly WalkLink[], labelOf: (variableId: string) => string): string {
  const byId = new Map(links.map((l) => [l.id, l]));
  const around = loop.linkIds.map((id) => byId.get(id)).filter((l): l is WalkLink => l !== undefined);
  const into = new Map<string, number>();
  const all = new Map<string, number>();
  for (const l of links) {
    into.set(l.to, (into.get(l.to) ?? 0) + 1);
    for (const v of [l.from, l.to]) all.set(v, (all.get(v) ?? 0) + 1);
  }
  const weight = (v: string) => (into.get(v) ?? 0) * 10_000 + (all.get(v) ?? 0);
  const start = around.reduce((best, l, i) => (weight(l.from) > weight(around[best].from) ? i : best), 0);
  const steps = [...around.slice(start), ...around.slice(0, start)];
  if (steps.length === 0) return endings[loop.kind];
  let direction: 1 | -1 | 0 = 1;
  const verb = (d: 1 | -1 | 0, present: "rises" | "raises") => (d === 0 ? "changes" : d === 1 ? present : present === "rises" ? "falls" : "lowers");
  const parts = [`As ${labelOf(steps[0].from)} rises`];
  steps.forEach((link, i) => {
    direction = link.polarity === "?" || direction === 0 ? 0 : link.polarity === "-" ? (-direction as 1 | -1) : direction;
    const delay = link.delay ? "after a delay " : "";
    const last = i === steps.length - 1;
    const target = labelOf(link.to);
    if (i === 0) parts.push(`${target} ${delay}${verb(direction, "rises")}${last ? " again" : ""}`);
    else parts.push(`which ${delay}${direction === 0 ? "changes" : verb(direction, "raises")} ${target}${last ? " again" : ""}`);
  });
  return `${parts.join(", ")}. ${endings[loop.kind]}`;
}
