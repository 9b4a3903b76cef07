// Vensim .mdl files: the sketch section only (between the line starting "\\\---///" and the line
// starting "///---\\\"), as the Vensim reference describes it. A variable is
//   10,id,name,x,y,width,height,shape,bits,hidden,hasFont,textPosition,boxWidth,nav1,nav2
// and an arrow
//   1,id,from,to,shape,hidden,polarity,thickness,hasFont,dtype,delay,color,font,points
// with the polarity as a character code (43 "+", 45 "-", 83 "S", 79 "O"; 0 none) or the character
// itself, and a non-zero delay field for the "||" mark. Names may be quoted; a variable drawn again
// as a shadow (same name) is the same variable. Files come with CRLF or LF line ends.
import { newId } from "../../ids";
import type { DiagramInput } from "../model";
import type { Polarity } from "../loops";
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

const polarityCodes: Record<string, Polarity | null> = { "43": "+", "+": "+", "83": "+", S: "+", "45": "-", "-": "-", "79": "-", O: "-", "0": null, "": null };
const integer = (text: string | undefined) => (text !== undefined && /^-?\d+$/.test(text.trim()) ? Number(text) : null);
const cleanName = (name: string) => name.replace(/\\n/g, " ").replace(/\s+/g, " ").trim();

export const vensimFormat: MapFormat = {
  key: "vensim",
  name: "Vensim sketch (.mdl)",
  extension: "mdl",
  mediaType: "text/plain",
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
    let skipped = 0;
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
          continue;
        }
        const id = newId();
        byVensimId.set(key, id);
        byName.set(name.toLowerCase(), id);
        diagram.variables.push({ id, label: name.slice(0, 200), x, y });
      } else if (type === "1") arrows.push({ line: number, view, f: f.map((s) => s.trim()) }); else if (["11", "12", "30", "31"].includes(type)) skipped++;
      else problems.push({ line: number, message: `Line ${number}: "${line.slice(0, 40)}" is not a sketch object this import reads.` });
    }
    for (const arrow of arrows) {
      const { f, line } = arrow;
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
      if (!polarity) notes.push(`Line ${line}: the arrow has no polarity; it was read as +.`);
      const delay = integer(f[10]);
      diagram.links.push({ from, to, polarity: polarity ?? "+", delay: delay !== null && delay !== 0 });
    }
    if (skipped) notes.push(`${skipped} sketch objects that are not variables or arrows between them (valves, clouds, comments, pictures) were left out.`);
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
        return `1,${diagram.variables.length + i + 1},${numbers.get(l.from)},${numbers.get(l.to)},1,0,${l.polarity === "-" ? 45 : 43},0,0,64,${l.delay ? 1 : 0},-1--1--1,,1|(${mid.x},${mid.y})|`;
      }),
      `${sketchEnd}`,
      ":L<%^E!@",
      "9:Current",
    ];
    return `{UTF-8}\n${equations.join("\n")}\n${sketch.join("\n")}\n`;
  },
};
