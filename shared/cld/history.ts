// Who built what on a canvas: each variable and link added, changed or removed, by whom and when,
// with the element's value afterwards (stored by the server, decision 0020). From these: an
// element's provenance, the map as it stood at any point (the replay), and each person's share.
import * as Y from "yjs";
import type { Polarity } from "./loops";
import { links, readLink, readVariable, variables } from "./model";

export type HistoryKind = "variable" | "link";
/** "present": the element was already on the map when history began (a map from before). */
export type HistoryAction = "present" | "added" | "changed" | "removed";

export interface VariableValue {
  label: string;
  x: number;
  y: number;
}

export interface LinkValue {
  from: string;
  to: string;
  polarity: Polarity;
  delay: boolean;
}

export interface HistoryEvent {
  at: string;
  /** Who did it; null for the platform (a template, an import, a restored version). */
  userId: string | null;
  kind: HistoryKind;
  elementId: string;
  action: HistoryAction;
  fields: string[];
  value: VariableValue | LinkValue | null;
}

/** An element's value in a document, as history keeps it; null when it is not there. */
export function elementValue(doc: Y.Doc, kind: HistoryKind, id: string): VariableValue | LinkValue | null {
  const map = (kind === "variable" ? variables(doc) : links(doc)).get(id);
  if (!(map instanceof Y.Map)) return null;
  if (kind === "variable") {
    const { label, x, y } = readVariable(id, map);
    return { label: label.slice(0, 200), x, y };
  }
  if (typeof map.get("from") !== "string" || typeof map.get("to") !== "string") return null;
  const { from, to, polarity, delay } = readLink(id, map);
  return { from, to, polarity, delay };
}

export interface ReplayedMap {
  variables: (VariableValue & { id: string })[];
  links: (LinkValue & { id: string })[];
}

/** The map as it stood after the first `count` events (in order). */
export function replay(events: readonly HistoryEvent[], count: number): ReplayedMap {
  const vars = new Map<string, VariableValue>();
  const ls = new Map<string, LinkValue>();
  for (const event of events.slice(0, Math.max(0, count))) {
    const target = event.kind === "variable" ? vars : ls;
    if (event.action === "removed" || event.value === null) target.delete(event.elementId);
    else (target as Map<string, VariableValue | LinkValue>).set(event.elementId, event.value);
  }
  return {
    variables: [...vars].map(([id, v]) => ({ id, ...v })),
    // A link shows only while both its ends do.
    links: [...ls].filter(([, l]) => vars.has(l.from) && vars.has(l.to)).map(([id, l]) => ({ id, ...l })),
  };
}

export interface Provenance {
  added: { by: string | null; at: string; present: boolean } | null;
  changed: { by: string | null; at: string } | null;
}

/** Who added an element and when, and who last changed it (null when nobody has since). */
export function provenanceOf(events: readonly HistoryEvent[], elementId: string): Provenance {
  let added: Provenance["added"] = null;
  let changed: Provenance["changed"] = null;
  for (const e of events) {
    if (e.elementId !== elementId) continue;
    if (e.action === "added" || e.action === "present") {
      added = { by: e.userId, at: e.at, present: e.action === "present" };
      changed = null;
    } else if (e.action === "changed") changed = { by: e.userId, at: e.at };
  }
  return { added, changed };
}

export interface Contribution {
  userId: string | null;
  variablesAdded: number;
  linksAdded: number;
  changes: number;
  removals: number;
}

/** Each person's share of the map, most active first (what was there before history began is nobody's). */
export function contributionsOf(events: readonly HistoryEvent[]): Contribution[] {
  const byPerson = new Map<string | null, Contribution>();
  for (const e of events) {
    if (e.action === "present") continue;
    const c = byPerson.get(e.userId) ?? { userId: e.userId, variablesAdded: 0, linksAdded: 0, changes: 0, removals: 0 };
    if (e.action === "added") c[e.kind === "variable" ? "variablesAdded" : "linksAdded"]++;
    else if (e.action === "changed") c.changes++;
    else c.removals++;
    byPerson.set(e.userId, c);
  }
  const total = (c: Contribution) => c.variablesAdded + c.linksAdded + c.changes + c.removals;
  return [...byPerson.values()].sort((a, b) => total(b) - total(a));
}

/** One event in words: "Ana added the variable “Quick fix”." */
export function describeEvent(event: HistoryEvent, nameOf: (userId: string | null) => string, labelOf: (variableId: string) => string): string {
  const who = nameOf(event.userId);
  const what =
    event.kind === "variable"
      ? `the variable “${event.value && "label" in event.value ? event.value.label : labelOf(event.elementId)}”`
      : event.value && "from" in event.value
        ? `the link from “${labelOf(event.value.from)}” to “${labelOf(event.value.to)}”`
        : "a link";
  if (event.action === "present") return `${what[0].toUpperCase()}${what.slice(1)} was on the map when its history began.`;
  if (event.action === "added") return `${who} added ${what}.`;
  if (event.action === "removed") return `${who} removed ${what}.`;
  const fields = event.fields.map((f) => (f === "pos" || f === "x" || f === "y" ? "position" : f)).filter((f, i, all) => all.indexOf(f) === i);
  return `${who} changed ${what}${fields.length ? ` (${fields.join(", ")})` : ""}.`;
}
