// The causal loop diagram as a Yjs document (documented in docs/canvas-model.md). Each variable
// and link is its own Y.Map, so two people editing different fields of one element both win.
import * as Y from "yjs";
import { newId } from "../ids";
import { assignLabels, defaultLoopBounds, findLoops, loopKey, loopListBounds, readPolarity, type LoopLabel, type Polarity } from "./loops";

export const modelVersion = 1;

export interface Variable {
  id: string;
  label: string;
  x: number;
  y: number;
  notes: string;
  color: string;
}

export interface Link {
  id: string;
  from: string;
  to: string;
  polarity: Polarity;
  delay: boolean;
  /** Bend of the curve: 0 straight, positive bends left of the direction of travel. */
  curvature: number;
  label: string;
}

export interface Comment {
  id: string;
  target: { kind: "variable" | "link"; id: string };
  text: string;
  authorId: string;
  authorName: string;
  createdAt: number;
}

export interface Diagram {
  variables: Variable[];
  links: Link[];
}

export const variables = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>("variables");
export const links = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>("links");
export const loopLabels = (doc: Y.Doc) => doc.getMap<LoopLabel>("loops");
export const comments = (doc: Y.Doc) => doc.getMap<Comment>("comments");
export const meta = (doc: Y.Doc) => doc.getMap<unknown>("meta");

const text = (value: unknown, fallback = "") => (typeof value === "string" ? value : fallback);
const number = (value: unknown, fallback = 0) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);

/** One variable of the document, its fields checked (a place kept as `pos` or as `x` and `y`). */
export function readVariable(id: string, v: Y.Map<unknown>): Variable {
  const pos = v.get("pos") as { x?: unknown; y?: unknown } | undefined;
  return { id, label: text(v.get("label"), "Untitled"), x: number(pos?.x ?? v.get("x")), y: number(pos?.y ?? v.get("y")), notes: text(v.get("notes")), color: text(v.get("color"), "") };
}

/** One link of the document, its fields checked (its ends are not checked against the variables). */
export function readLink(id: string, l: Y.Map<unknown>): Link {
  return { id, from: text(l.get("from")), to: text(l.get("to")), polarity: readPolarity(l.get("polarity")), delay: l.get("delay") === true, curvature: number(l.get("curvature")), label: text(l.get("label")) };
}

/** Reads the diagram, skipping anything malformed and links whose ends are gone. */
export function readDiagram(doc: Y.Doc): Diagram {
  const vars: Variable[] = [];
  variables(doc).forEach((v, id) => {
    if (v instanceof Y.Map) vars.push(readVariable(id, v));
  });
  const present = new Set(vars.map((v) => v.id));
  const ls: Link[] = [];
  links(doc).forEach((l, id) => {
    if (!(l instanceof Y.Map)) return;
    const link = readLink(id, l);
    if (present.has(link.from) && present.has(link.to)) ls.push(link);
  });
  return { variables: vars.sort((a, b) => a.id.localeCompare(b.id)), links: ls.sort((a, b) => a.id.localeCompare(b.id)) };
}

export function addVariable(doc: Y.Doc, input: { label: string; x: number; y: number; color?: string; id?: string }): string {
  const id = input.id ?? newId();
  doc.transact(() => {
    const v = new Y.Map<unknown>();
    v.set("label", input.label.slice(0, 200));
    v.set("pos", { x: input.x, y: input.y });
    v.set("notes", "");
    v.set("color", input.color ?? "");
    variables(doc).set(id, v);
    if (!meta(doc).has("version")) meta(doc).set("version", modelVersion);
  });
  return id;
}

export function updateVariable(doc: Y.Doc, id: string, changes: Partial<Omit<Variable, "id">>): void {
  const v = variables(doc).get(id);
  if (!v) return;
  const { x, y, ...rest } = changes;
  doc.transact(() => {
    // A position is one value, so a move is atomic and leaves one tombstone, not two.
    if (x !== undefined || y !== undefined) {
      const current = (v.get("pos") as { x: number; y: number } | undefined) ?? { x: number(v.get("x")), y: number(v.get("y")) };
      v.set("pos", { x: x ?? current.x, y: y ?? current.y });
    }
    for (const [key, value] of Object.entries(rest)) v.set(key, typeof value === "string" ? value.slice(0, key === "notes" ? 5000 : 200) : value);
  });
}

/** Removes a variable and every link touching it. */
export function removeVariable(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    variables(doc).delete(id);
    links(doc).forEach((l, linkId) => {
      if (l.get("from") === id || l.get("to") === id) links(doc).delete(linkId);
    });
  });
}

export function addLink(doc: Y.Doc, input: { from: string; to: string; polarity?: Polarity; delay?: boolean; id?: string }): string {
  const id = input.id ?? newId();
  doc.transact(() => {
    const l = new Y.Map<unknown>();
    l.set("from", input.from);
    l.set("to", input.to);
    l.set("polarity", input.polarity ?? "+");
    l.set("delay", input.delay ?? false);
    l.set("curvature", input.from === input.to ? 1 : 0.2);
    l.set("label", "");
    links(doc).set(id, l);
  });
  return id;
}

export function updateLink(doc: Y.Doc, id: string, changes: Partial<Pick<Link, "polarity" | "delay" | "curvature" | "label">>): void {
  const l = links(doc).get(id);
  if (!l) return;
  doc.transact(() => {
    for (const [key, value] of Object.entries(changes)) l.set(key, value);
  });
}

export function removeLink(doc: Y.Doc, id: string): void {
  links(doc).delete(id);
}

/** Writes loop labels that differ from what the document holds (nothing when they agree). */
export function writeLoopLabels(doc: Y.Doc, labels: ReadonlyMap<string, LoopLabel>): void {
  const stored = loopLabels(doc);
  const stale = [...stored.keys()].filter((key) => !labels.has(key));
  const changed = [...labels].filter(([key, value]) => {
    const current = stored.get(key);
    return !current || current.label !== value.label || current.name !== value.name;
  });
  if (stale.length === 0 && changed.length === 0) return;
  doc.transact(() => {
    for (const key of stale) stored.delete(key);
    for (const [key, value] of changed) stored.set(key, value);
  });
}

export function readComments(doc: Y.Doc): Comment[] {
  const list: Comment[] = [];
  comments(doc).forEach((c, id) => {
    if (c && typeof c === "object" && typeof c.text === "string" && c.target) list.push({ ...c, id });
  });
  return list.sort((a, b) => a.createdAt - b.createdAt);
}

export function addComment(doc: Y.Doc, comment: Omit<Comment, "id">): string {
  const id = newId();
  comments(doc).set(id, { ...comment, id, text: comment.text.slice(0, 2000) });
  return id;
}

export function removeComment(doc: Y.Doc, id: string): void {
  comments(doc).delete(id);
}

/** A diagram to write into a document: what templates and imports produce. */
export interface DiagramInput {
  variables: (Pick<Variable, "id" | "label" | "x" | "y"> & Partial<Pick<Variable, "notes" | "color">>)[];
  links: (Pick<Link, "from" | "to" | "polarity" | "delay"> & Partial<Pick<Link, "id" | "curvature" | "label">>)[];
  /** Names the source gave its loops, by the ids of the loop's links (which must be given). */
  loopNames?: { linkIds: string[]; name: string }[];
  /** Coloured bands drawn behind the map (the iceberg's levels). */
  bands?: Band[];
}

/** A horizontal band behind the map, from `y` down `height`, named at its left. */
export interface Band {
  label: string;
  y: number;
  height: number;
  color: string;
}

/** The bands of a document, checked: anything malformed is left out. */
export function readBands(doc: Y.Doc): Band[] {
  const value = meta(doc).get("bands");
  if (!Array.isArray(value)) return [];
  return value.filter((b): b is Band => b && typeof b.label === "string" && typeof b.y === "number" && typeof b.height === "number" && typeof b.color === "string" && /^#[0-9a-f]{6}$/i.test(b.color));
}

/** Adds a whole diagram in one transaction, keeping the given variable ids. */
export function writeDiagram(doc: Y.Doc, diagram: DiagramInput): void {
  doc.transact(() => {
    for (const v of diagram.variables) {
      addVariable(doc, { id: v.id, label: v.label, x: v.x, y: v.y, color: v.color });
      if (v.notes) variables(doc).get(v.id)!.set("notes", v.notes.slice(0, 5000));
    }
    for (const l of diagram.links) {
      const id = addLink(doc, { id: l.id, from: l.from, to: l.to, polarity: l.polarity, delay: l.delay });
      const changes: Partial<Pick<Link, "curvature" | "label">> = {};
      if (l.curvature !== undefined) changes.curvature = l.curvature;
      if (l.label) changes.label = l.label.slice(0, 200);
      if (Object.keys(changes).length) updateLink(doc, id, changes);
    }
    if (diagram.loopNames?.length) nameLoops(doc, diagram);
    if (diagram.bands?.length) meta(doc).set("bands", diagram.bands.slice(0, 12));
  });
}

/** Gives the loops a source named their names, with the labels every editor will compute for them. */
function nameLoops(doc: Y.Doc, diagram: DiagramInput): void {
  // As far as the loops list reaches (32 links), within the search's step bound.
  const { loops } = findLoops(
    diagram.variables.map((v) => v.id),
    diagram.links.flatMap((l) => (l.id ? [{ id: l.id, from: l.from, to: l.to, polarity: l.polarity }] : [])),
    { ...defaultLoopBounds, maxLength: loopListBounds.maxLength },
  );
  const named = new Map(diagram.loopNames!.map((n) => [loopKey(n.linkIds), n.name.slice(0, 120)]));
  const labels = assignLabels(loops, new Map());
  for (const loop of loops) {
    const name = named.get(loop.key);
    const label = labels.get(loop.key);
    if (name && label) loopLabels(doc).set(loop.key, { label: label.label, name });
  }
}
