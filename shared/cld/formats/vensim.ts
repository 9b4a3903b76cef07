// Vensim .mdl files: the sketch section only (between the line starting "\\\---///" and the line
// starting "///---\\\"), as the Vensim reference describes it. A variable is
//   10,id,name,x,y,width,height,shape,bits,hidden,hasFont,textPosition,boxWidth,nav1,nav2
// and an arrow
//   1,id,from,to,shape,hidden,polarity,thickness,hasFont,dtype,delay,color,font,points
// with the polarity as a character code (43 "+", 45 "-", 83 "S", 79 "O"; 0 none: not known, "?")
// or the character itself, and the "||" mark in the delay type (dtype): Vensim's own files give
// plain arrows 0, 64 or 192 there (drawing flags), so a mark is any of the low six bits. A comment
// (type 12) whose text is a loop label ("B1", "R1&R2", "R2 Burnout") names the nearest loop of
// its kind; other comments, valves, clouds and pictures are left out with a note. Names may be
// quoted and keep their spacing; a variable drawn again as a shadow (same name) is the same
// variable. Files come with CRLF or LF line ends.
import { newId } from "../../ids";
import type { DiagramInput } from "../model";
import { defaultLoopBounds, findLoops, loopListBounds, type Polarity } from "../loops";
import { tooBig, type ExportDiagram, type ImportProblem, type MapFormat } from "./common";

const sketchStart = "\\\\\\---///";
const sketchEnd = "///---\\\\\\";

/** Splits one sketch line on commas outside double quotes. */
function fields(line: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === "\\" && line[i + 1] === '"') {
      current += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      out.push(current);
      current = "";
    } else current += c;
  }
  out.push(current);
  return out;
}

const polarityCodes: Record<string, Polarity> = { "43": "+", "+": "+", "83": "+", S: "+", "45": "-", "-": "-", "79": "-", O: "-", "63": "?", "?": "?", "0": "?", "": "?" };
/** The dtype bits Vensim sets on plain arrows (64, 128); any other bit is a delay mark. */
const drawingFlags = 64 | 128;
/** "R1", "B2", "R1&R2", "R2 Burnout": a loop label and, after it, perhaps a name. */
const loopLabelText = /^\s*([RB])\d*(?:\s*&\s*[RB]\d*)*(?:\s+(.*))?$/i;
const integer = (text: string | undefined) => (text !== undefined && /^-?\d+$/.test(text.trim()) ? Number(text) : null);
const cleanName = (name: string) => name.replace(/\\n/g, " ").trim();

export const vensimFormat: MapFormat = {
  key: "vensim",
  name: "Vensim sketch (.mdl)",
  extension: "mdl",
  mediaType: "text/plain",
  cannotCarry: ["variable colours", "link labels"],
  parse(text) {
    const lines = text.split(/\r\n|\n|\r/);
    const start = lines.findIndex((l) => l.startsWith(sketchStart));
    if (start === -1) return { ok: false, problems: [{ line: null, message: `No sketch section: a Vensim model's sketch starts with a line beginning ${sketchStart}.` }] };
    const problems: ImportProblem[] = [];
    const notes: string[] = [];
    const diagram: DiagramInput = { variables: [], links: [] };
    const byVensimId = new Map<string, string>();
    const byName = new Map<string, string>();
    const arrows: { line: number; view: number; f: string[] }[] = [];
    const comments: { text: string; x: number; y: number; view: number; line: number }[] = [];
    let skipped = 0;
    let pipes = 0;
    let unsigned = 0;
    let valve: string | null = null;
    let view = 0;
    for (let i = start + 1; i < lines.length; i++) {
      const line = lines[i];
      const number = i + 1;
      if (line.startsWith(sketchEnd)) break;
      if (line.startsWith(sketchStart) || /^V\d+/.test(line) || line.startsWith("$") || line.trim() === "") continue;
      if (line.startsWith("*")) {
        view++;
        continue;
      }
      const f = fields(line);
      const type = f[0].trim();
      if (type !== "10") valve = type === "11" ? `${view}:${(f[1] ?? "").trim()}` : null;
      if (type === "10") {
        const x = integer(f[3]);
        const y = integer(f[4]);
        const name = cleanName(f[2] ?? "");
        if (!f[1]?.trim() || x === null || y === null) {
          problems.push({ line: number, message: `Line ${number}: a variable line needs 10,id,name,x,y,…` });
          continue;
        }
        if (!name) {
          problems.push({ line: number, message: `Line ${number}: variable ${f[1]} has no name.` });
          continue;
        }
        const key = `${view}:${f[1].trim()}`;
        const existing = byName.get(name.toLowerCase());
        if (existing) {
          byVensimId.set(key, existing); // a shadow of a variable already read
          if (valve) byVensimId.set(valve, existing);
          valve = null;
          continue;
        }
        const id = newId();
        byVensimId.set(key, id);
        byName.set(name.toLowerCase(), id);
        diagram.variables.push({ id, label: name.slice(0, 200), x, y });
        // A flow's rate variable follows its valve: arrows drawn to the valve are arrows to the rate.
        if (valve) byVensimId.set(valve, id);
        valve = null;
        continue;
      } else if (type === "1") arrows.push({ line: number, view, f: f.map((s) => s.trim()) });
      else if (type === "12") {
        // A comment's text is its name field, or the next line when that field is 0.
        const inline = (f[2] ?? "").trim();
        const text = inline === "0" ? (lines[i + 1] ?? "") : inline === "48" ? "" : inline;
        if (inline === "0") i++;
        const x = integer(f[3]);
        const y = integer(f[4]);
        if (text.trim() && x !== null && y !== null && loopLabelText.test(cleanName(text))) comments.push({ text: cleanName(text), x, y, view, line: number });
        else skipped++;
      } else if (type === "11") continue;
      else if (["30", "31"].includes(type)) skipped++;
      else problems.push({ line: number, message: `Line ${number}: "${line.slice(0, 40)}" is not a sketch object this import reads.` });
    }
    for (const arrow of arrows) {
      const { f, line } = arrow;
      // Thicker than 20: the double line of a flow pipe, a stock's inflow or outflow, not a causal arrow.
      if ((integer(f[7]) ?? 0) > 20) {
        pipes++;
        continue;
      }
      if (f.length < 11) {
        problems.push({ line, message: `Line ${line}: an arrow line needs 1,id,from,to,shape,hidden,polarity,thickness,hasFont,dtype,delay,…` });
        continue;
      }
      const from = byVensimId.get(`${arrow.view}:${f[2]}`);
      const to = byVensimId.get(`${arrow.view}:${f[3]}`);
      if (!from || !to) {
        // Arrows to valves and clouds belong to stock-and-flow sketches, not to the causal map.
        if (!from && !to) problems.push({ line, message: `Line ${line}: the arrow joins ${f[2]} and ${f[3]}, neither of them a variable in this sketch.` });
        else skipped++;
        continue;
      }
      const code = f[6];
      if (!(code in polarityCodes)) {
        problems.push({ line, message: `Line ${line}: "${code}" is not a polarity (43 for +, 45 for -, S or O).` });
        continue;
      }
      const polarity = polarityCodes[code];
      if (polarity === "?") unsigned++;
      const dtype = integer(f[9]) ?? 0;
      diagram.links.push({ id: newId(), from, to, polarity, delay: (dtype & ~drawingFlags) !== 0 });
    }
    if (pipes) notes.push(`${pipes} flow pipe${pipes === 1 ? " (a stock's inflow or outflow) was" : "s (stocks' inflows and outflows) were"} left out: a causal map keeps the arrows between variables; draw the flows as links if they matter.`);
    if (unsigned) notes.push(`${unsigned} arrow${unsigned === 1 ? " has" : "s have"} no polarity: shown as "?" (not known yet).`);
    if (skipped) notes.push(`${skipped} sketch ${skipped === 1 ? "object that is" : "objects that are"} not a variable or an arrow between variables (valves, clouds, comments, pictures) ${skipped === 1 ? "was" : "were"} left out.`);
    if (comments.length) nameLoopsFromComments(diagram, comments, byVensimId, notes);
    const big = tooBig(diagram.variables.length, diagram.links.length);
    if (big) problems.push(big);
    if (problems.length) return { ok: false, problems };
    return { ok: true, diagram, notes };
  },
  serialize(diagram: ExportDiagram) {
    const numbers = new Map(diagram.variables.map((v, i) => [v.id, i + 1]));
    const minX = Math.min(0, ...diagram.variables.map((v) => v.x));
    const minY = Math.min(0, ...diagram.variables.map((v) => v.y));
    const at = (v: { x: number; y: number }) => ({ x: Math.round(v.x - minX + 100), y: Math.round(v.y - minY + 100) });
    const quote = (name: string) => (/^[A-Za-z][A-Za-z0-9 _$]*$/.test(name) ? name : `"${name.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`);
    const byId = new Map(diagram.variables.map((v) => [v.id, v]));
    const equations = diagram.variables.map((v) => {
      const inputs = diagram.links.filter((l) => l.to === v.id).map((l) => quote(byId.get(l.from)!.label));
      return `${quote(v.label)} = A FUNCTION OF( ${inputs.join(",")})\n\t~\t\n\t~\t${v.notes.replace(/[\r\n~|]+/g, " ")}\n\t|\n`;
    });
    const sketch = [
      `${sketchStart} Sketch information - do not modify anything except names`,
      "V300  Do not put anything below this section - it will be ignored",
      "*View 1",
      "$192-192-192,0,Times New Roman|12||0-0-0|0-0-0|0-0-255|-1--1--1|-1--1--1|96,96,100,0",
      ...diagram.variables.map((v) => {
        const p = at(v);
        return `10,${numbers.get(v.id)},${quote(v.label)},${p.x},${p.y},${Math.max(30, v.label.length * 3)},20,8,3,0,0,0,0,0,0`;
      }),
      ...diagram.links.map((l, i) => {
        const a = at(byId.get(l.from)!);
        const b = at(byId.get(l.to)!);
        const mid = { x: Math.round((a.x + b.x) / 2 - (b.y - a.y) * l.curvature * 0.5), y: Math.round((a.y + b.y) / 2 + (b.x - a.x) * l.curvature * 0.5) };
        return `1,${diagram.variables.length + i + 1},${numbers.get(l.from)},${numbers.get(l.to)},1,0,${l.polarity === "-" ? 45 : l.polarity === "+" ? 43 : 0},0,0,${64 | (l.delay ? 1 : 0)},0,-1--1--1,,1|(${mid.x},${mid.y})|`;
      }),
      // Each loop's label as a comment at the middle of its variables, as Vensim users place them.
      ...diagram.loops.map((loop, i) => {
        const places = loop.variableIds.map((id) => at(byId.get(id)!));
        const x = Math.round(places.reduce((n, p) => n + p.x, 0) / places.length);
        const y = Math.round(places.reduce((n, p) => n + p.y, 0) / places.length);
        const text = loop.name ? `${loop.label} ${loop.name}` : loop.label;
        return `12,${diagram.variables.length + diagram.links.length + i + 1},0,${x},${y},${Math.max(15, text.length * 4)},12,8,135,0,0,-1,0,0,0\n${text.replace(/[\r\n]+/g, " ")}`;
      }),
      `${sketchEnd}`,
      ":L<%^E!@",
      "9:Current",
    ];
    return `{UTF-8}\n${equations.join("\n")}\n${control}${sketch.join("\n")}\n`;
  },
};

/** The simulation control section Vensim expects in every model; a causal map never runs, so its values are Vensim's defaults. */
const control = [
  "********************************************************",
  "\t.Control",
  "********************************************************~",
  "\t\tSimulation Control Parameters",
  "\t|",
  "",
  "FINAL TIME  = 100",
  "\t~\tMonth",
  "\t~\tThe final time for the simulation.",
  "\t|",
  "",
  "INITIAL TIME  = 0",
  "\t~\tMonth",
  "\t~\tThe initial time for the simulation.",
  "\t|",
  "",
  "SAVEPER  = ",
  "        TIME STEP",
  "\t~\tMonth [0,?]",
  "\t~\tThe frequency with which output is stored.",
  "\t|",
  "",
  "TIME STEP  = 1",
  "\t~\tMonth [0,?]",
  "\t~\tThe time step for the simulation.",
  "\t|",
  "",
  "",
].join("\n");

/**
 * Loop-label comments name loops: each goes to the nearest loop of its letter (by the middle of
 * the loop's variables, in the comment's view). "R1&R2" marks two loops sharing a place and names
 * neither.
 */
function nameLoopsFromComments(diagram: DiagramInput, comments: { text: string; x: number; y: number; line: number }[], _ids: Map<string, string>, notes: string[]): void {
  const { loops } = findLoops(
    diagram.variables.map((v) => v.id),
    diagram.links.map((l) => ({ id: l.id!, from: l.from, to: l.to, polarity: l.polarity })),
    { ...defaultLoopBounds, maxLength: loopListBounds.maxLength },
  );
  const place = new Map(diagram.variables.map((v) => [v.id, v]));
  const taken = new Set<string>();
  let named = 0;
  for (const comment of comments) {
    const match = loopLabelText.exec(comment.text)!;
    const kind = match[1].toUpperCase() as "R" | "B";
    const name = comment.text.includes("&") ? "" : (match[2] ?? "").trim();
    const candidates = loops
      .filter((l) => l.kind === kind && !taken.has(l.key))
      .map((l) => {
        const xs = l.variableIds.map((id) => place.get(id)!);
        const cx = xs.reduce((n, v) => n + v.x, 0) / xs.length;
        const cy = xs.reduce((n, v) => n + v.y, 0) / xs.length;
        return { loop: l, distance: Math.hypot(cx - comment.x, cy - comment.y) };
      })
      .sort((a, b) => a.distance - b.distance);
    const nearest = candidates[0]?.loop;
    if (!nearest) {
      notes.push(`Line ${comment.line}: the loop label "${comment.text}" is by no ${kind === "R" ? "reinforcing" : "balancing"} loop of the map, so it was left out.`);
      continue;
    }
    taken.add(nearest.key);
    if (name) {
      diagram.loopNames = [...(diagram.loopNames ?? []), { linkIds: nearest.linkIds, name }];
      named++;
    }
  }
  notes.push(`${comments.length} loop label${comments.length === 1 ? " was" : "s were"} read from comments${named ? `; ${named} gave ${named === 1 ? "its loop a name" : "their loops names"}` : ""}.`);
}
