// Kumu blueprints (JSON): `elements`, `connections` and `loops`, as Kumu's import takes them and as
// its project backups write them (with `_id` and an `attributes` object). Connections name their
// ends by `_id` or, in hand-written blueprints, by label. Polarity lives in the connection's
// "connection type": "+" and "-", the two-sign forms read as cause then effect ("++" and "--" move
// together: +; "+-" and "-+" move apart: −), and "Same"/"Opposite" in some maps; a connection with
// no type (Kumu maps often leave it blank) has a polarity not known yet, "?". Undirected
// connections say two things are related, not that one causes the other: they are left out, with a
// note. A loop's name is kept where its connections make a loop the map has. Positions come from
// the first map's element positions when present.
import { z } from "zod";
import { newId } from "../../ids";
import type { DiagramInput } from "../model";
import type { Polarity } from "../loops";
import { gridPosition, lineAt, readJsonShaped, tooBig, type ExportDiagram, type ImportProblem, type MapFormat } from "./common";

const attributes = z.record(z.string(), z.unknown());
const element = z.looseObject({ _id: z.string().optional(), label: z.string().optional(), attributes: attributes.optional() });
const connection = z.looseObject({
  _id: z.string().optional(),
  from: z.string({ message: "needs a from" }),
  to: z.string({ message: "needs a to" }),
  direction: z.string().optional(),
  attributes: attributes.optional(),
});
const position = z.object({ x: z.number(), y: z.number() });
const schema = z.looseObject({
  elements: z.array(element, { message: "a Kumu blueprint needs an elements list" }),
  connections: z.array(connection).optional(),
  loops: z.array(z.looseObject({ _id: z.string().optional(), label: z.string().optional(), connections: z.array(z.string()).optional(), attributes: attributes.optional() })).optional(),
  maps: z.array(z.looseObject({ elements: z.array(z.looseObject({ element: z.string(), position: position.optional() })).optional() })).optional(),
});

const polarities: Record<string, Polarity> = { "+": "+", "++": "+", "--": "+", same: "+", s: "+", "-": "-", "+-": "-", "-+": "-", opposite: "-", o: "-", "?": "?", unknown: "?" };
const truthy = (value: unknown) => value === true || (typeof value === "string" && /^(true|yes|1|delayed)$/i.test(value.trim()));
const attr = (item: { attributes?: Record<string, unknown> } & Record<string, unknown>, key: string) => item.attributes?.[key] ?? item[key];

export const kumuFormat: MapFormat = {
  key: "kumu",
  name: "Kumu JSON",
  extension: "json",
  mediaType: "application/json",
  cannotCarry: [],
  parse(text) {
    const read = readJsonShaped(text, schema);
    if (!read.ok) return read;
    const file = read.value;
    const connections = file.connections ?? [];
    const big = tooBig(file.elements.length, connections.length);
    if (big) return { ok: false, problems: [big] };
    const problems: ImportProblem[] = [];
    const notes: string[] = [];
    let untyped = 0;
    const positions = new Map<string, { x: number; y: number }>();
    for (const placed of file.maps?.[0]?.elements ?? []) if (placed.position) positions.set(placed.element, placed.position);

    const diagram: DiagramInput = { variables: [], links: [], loopNames: [] };
    const linkIdsOf = new Map<string, string[]>();
    const byKumuId = new Map<string, string>();
    const byLabel = new Map<string, string[]>();
    file.elements.forEach((el, i) => {
      const label = attr(el, "label");
      if (typeof label !== "string" || !label.trim()) return void problems.push({ line: lineAt(read.json, ["elements", i]), message: `Element ${i + 1} has no label.` });
      const id = newId();
      if (el._id) byKumuId.set(el._id, id);
      byLabel.set(label.trim(), [...(byLabel.get(label.trim()) ?? []), id]);
      const description = attr(el, "description");
      const color = attr(el, "color");
      const at = (el._id && positions.get(el._id)) || gridPosition(i);
      diagram.variables.push({ id, label: label.trim().slice(0, 200), x: at.x, y: at.y, notes: typeof description === "string" ? description : undefined, color: typeof color === "string" ? color : undefined });
    });
    const resolve = (ref: string, i: number, end: "from" | "to") => {
      const byId = byKumuId.get(ref);
      if (byId) return byId;
      const named = byLabel.get(ref.trim()) ?? [];
      if (named.length === 1) return named[0];
      problems.push({
        line: lineAt(read.json, ["connections", i, end]),
        message: named.length > 1 ? `Connection ${i + 1}: "${ref}" is the label of ${named.length} elements; name the element by its _id.` : `Connection ${i + 1}: there is no element "${ref}".`,
      });
      return null;
    };
    connections.forEach((c, i) => {
      const from = resolve(c.from, i, "from");
      const to = resolve(c.to, i, "to");
      const type = attr(c, "connection type") ?? attr(c, "type");
      let polarity: Polarity = "?";
      if (typeof type === "string" && type.trim()) {
        const read_ = polarities[type.trim().toLowerCase()];
        if (!read_) problems.push({ line: lineAt(read.json, ["connections", i]), message: `Connection ${i + 1}: the connection type "${type}" is not a polarity (+, -, ++, --, +-, -+, Same, Opposite or ?).` });
        else polarity = read_;
      } else untyped++;
      if (!from || !to) return;
      const delay = truthy(attr(c, "delayed")) || truthy(attr(c, "delay"));
      const label = attr(c, "label");
      const base = { polarity, delay, label: typeof label === "string" ? label : undefined };
      const direction = (c.direction ?? attr(c, "direction") ?? "directed") as string;
      if (direction === "undirected") {
        notes.push(`Connection ${i + 1} ("${c.from}" – "${c.to}") is undirected: it says the two are related, not that one causes the other, so it was left out.`);
        return;
      }
      const id = newId();
      diagram.links.push({ ...base, id, from, to });
      const ids = [id];
      if (direction === "mutual") {
        const back = newId();
        diagram.links.push({ ...base, id: back, from: to, to: from });
        ids.push(back);
        notes.push(`Connection ${i + 1} is mutual; it became a link each way.`);
      }
      if (c._id) linkIdsOf.set(c._id, ids);
    });
    if (untyped) notes.push(`${untyped} connection${untyped === 1 ? " has" : "s have"} no connection type: ${untyped === 1 ? "its polarity is" : "their polarity is"} shown as "?" (not known yet), and loops through them are unsigned.`);
    (file.loops ?? []).forEach((loop, i) => {
      const label = attr(loop, "label");
      const connections = (loop.connections ?? attr(loop, "connections")) as unknown;
      if (typeof label !== "string" || !label.trim()) return;
      const linkIds = Array.isArray(connections) ? connections.map((c) => (typeof c === "string" ? linkIdsOf.get(c)?.[0] : undefined)) : [];
      if (!linkIds.length || linkIds.some((id) => !id)) return void notes.push(`Loop ${i + 1} ("${label.trim()}") does not list the connections it runs through, so its name could not be given to a loop here.`);
      // "R1 Exhaustion": the platform numbers loops itself; the words are the name.
      const name = label.trim().replace(/^[RBU]\d+\s*[:\-–—]?\s*/i, "") || label.trim();
      diagram.loopNames!.push({ linkIds: linkIds as string[], name });
    });
    if (problems.length) return { ok: false, problems };
    return { ok: true, diagram, notes };
  },
  serialize(diagram: ExportDiagram) {
    return `${JSON.stringify(
      {
        elements: diagram.variables.map((v) => ({ _id: v.id, attributes: { label: v.label, "element type": "Variable", ...(v.notes ? { description: v.notes } : {}), ...(v.color ? { color: v.color } : {}) } })),
        connections: diagram.links.map((l) => ({
          _id: l.id,
          from: l.from,
          to: l.to,
          direction: "directed",
          attributes: { "connection type": l.polarity, ...(l.delay ? { delayed: true } : {}), ...(l.label ? { label: l.label } : {}) },
        })),
        loops: diagram.loops.map((loop) => ({
          _id: `loop-${loop.label}`,
          label: loop.name ? `${loop.label} ${loop.name}` : loop.label,
          connections: loop.linkIds,
          attributes: { label: loop.name ? `${loop.label} ${loop.name}` : loop.label, "loop type": loop.kind === "R" ? "reinforcing" : loop.kind === "B" ? "balancing" : "unsigned" },
        })),
        maps: [{ name: diagram.title, elements: diagram.variables.map((v) => ({ element: v.id, position: { x: Math.round(v.x), y: Math.round(v.y) } })) }],
      },
      null,
      2,
    )}\n`;
  },
};
