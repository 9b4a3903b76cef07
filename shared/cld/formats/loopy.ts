// LOOPY (ncase.me/loopy, v1.1) models, as the `?data=` part of a LOOPY link or the link itself.
// The model is a JSON array [nodes, edges, labels, nextId]: a node is [id, x, y, initial, label,
// hue] and an edge [from, to, arc, strength]; the sign of the strength is the polarity. Labels are
// URI-encoded inside the JSON and the whole is URI-encoded again in the link. A text label is
// [x, y, text]: it becomes a note on the nearest variable, and a variable's notes leave as a label
// under it. LOOPY's first hue (red) is the colour it gives every new node, so it reads as "no
// colour", and an uncoloured variable leaves with it. LOOPY has no delay marks and no unknown
// polarity: those leave as plain and + links, which the download panel says.
import { newId } from "../../ids";
import type { DiagramInput } from "../model";
import { tooBig, type ExportDiagram, type ImportProblem, type MapFormat } from "./common";

const decode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

function modelText(input: string): string {
  const trimmed = input.trim();
  const match = /[?&#]data=([^&#\s]*)/.exec(trimmed) ?? /^data=([^&#\s]*)/.exec(trimmed);
  return match ? match[1].replace(/\+/g, " ") : trimmed;
}

/** Undoes the link's encoding as many times as it takes to reach JSON (LOOPY links are encoded once or twice). */
function readModel(text: string): unknown {
  let current = text;
  for (let i = 0; i < 3; i++) {
    try {
      return JSON.parse(current) as unknown;
    } catch {
      const next = decode(current);
      if (next === current) break;
      current = next;
    }
  }
  return undefined;
}

const finite = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);
const hues = ["#dc2626", "#ea580c", "#ca8a04", "#16a34a", "#2563eb", "#9333ea"];

export const loopyFormat: MapFormat = {
  key: "loopy",
  name: "LOOPY link",
  extension: "txt",
  mediaType: "text/plain",
  cannotCarry: ["delay marks (links leave without ||)", "unknown polarity (? leaves as +)", "loop names", "link labels"],
  parse(text) {
    const model = readModel(modelText(text));
    if (!Array.isArray(model) || !Array.isArray(model[0]) || !Array.isArray(model[1])) {
      return { ok: false, problems: [{ line: 1, message: "This is not a LOOPY model: expected a LOOPY link or its data, [[nodes], [edges], [labels], next id]." }] };
    }
    const [nodes, edges] = model as [unknown[], unknown[]];
    const big = tooBig(nodes.length, edges.length);
    if (big) return { ok: false, problems: [big] };
    const problems: ImportProblem[] = [];
    const ids = new Map<number, string>();
    const diagram: DiagramInput = { variables: [], links: [] };
    nodes.forEach((node, i) => {
      if (!Array.isArray(node) || !finite(node[0]) || !finite(node[1]) || !finite(node[2])) return void problems.push({ line: 1, message: `Node ${i + 1}: expected [id, x, y, initial, label, hue].` });
      const label = typeof node[4] === "string" ? decode(node[4]).trim() : "";
      if (!label) return void problems.push({ line: 1, message: `Node ${i + 1} has no label.` });
      if (ids.has(node[0])) return void problems.push({ line: 1, message: `Node ${i + 1}: the id ${node[0]} is used twice.` });
      const id = newId();
      ids.set(node[0], id);
      diagram.variables.push({ id, label: label.slice(0, 200), x: node[1], y: node[2], color: finite(node[5]) && node[5] > 0 ? hues[node[5]] : undefined });
    });
    edges.forEach((edge, i) => {
      if (!Array.isArray(edge) || !finite(edge[0]) || !finite(edge[1]) || !finite(edge[3])) return void problems.push({ line: 1, message: `Edge ${i + 1}: expected [from, to, arc, strength].` });
      const from = ids.get(edge[0]);
      const to = ids.get(edge[1]);
      if (!from || !to) return void problems.push({ line: 1, message: `Edge ${i + 1} joins node ${from ? edge[1] : edge[0]}, which is not in the model.` });
      if (edge[3] === 0) return void problems.push({ line: 1, message: `Edge ${i + 1} has a strength of 0, so no polarity.` });
      const arc = finite(edge[2]) ? edge[2] : 0;
      diagram.links.push({ from, to, polarity: edge[3] < 0 ? "-" : "+", delay: false, curvature: Math.max(-1, Math.min(1, arc / 300)) });
    });
    const notes: string[] = [];
    const labels = Array.isArray(model[2]) ? (model[2] as unknown[]) : [];
    for (const item of labels) {
      if (!Array.isArray(item) || !finite(item[0]) || !finite(item[1]) || typeof item[2] !== "string") continue;
      const text = decode(item[2]).trim();
      const [x, y] = [item[0], item[1]];
      const nearest = [...diagram.variables].sort((a, b) => Math.hypot(a.x - x, a.y - y) - Math.hypot(b.x - x, b.y - y))[0];
      if (!text || !nearest) continue;
      nearest.notes = nearest.notes ? `${nearest.notes}\n${text}` : text;
    }
    if (labels.length) notes.push(`${labels.length} text label${labels.length === 1 ? " became a note" : "s became notes"} on the nearest variable.`);
    if (problems.length) return { ok: false, problems };
    return { ok: true, diagram, notes };
  },
  serialize(diagram: ExportDiagram) {
    const numbers = new Map(diagram.variables.map((v, i) => [v.id, i + 1]));
    const nodes = diagram.variables.map((v) => [numbers.get(v.id), Math.round(v.x), Math.round(v.y), 0.5, encodeURIComponent(v.label), Math.max(0, hues.indexOf(v.color))]);
    const edges = diagram.links.map((l) => [numbers.get(l.from), numbers.get(l.to), Math.round(l.curvature * 300), l.polarity === "-" ? -1 : 1, 0]);
    const labels = diagram.variables.filter((v) => v.notes.trim()).map((v) => [Math.round(v.x), Math.round(v.y) + 60, encodeURIComponent(v.notes.trim())]);
    const data = JSON.stringify([nodes, edges, labels, diagram.variables.length + 1]);
    return `https://ncase.me/loopy/v1.1/?data=${encodeURIComponent(data)}\n`;
  },
};
