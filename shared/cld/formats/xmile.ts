// XMILE 1.0 (OASIS, 2015), the open format Stella, Insight Maker and Vensim read and write: the
// causal-loop part only. Variables are the model's `aux`s (and its stocks and flows, read as
// plain variables), links are the view's `connector`s with their `polarity` ("+" or "-"; anything
// else is not known, "?"), and positions come from the view's `x` and `y` (an object's centre).
// XMILE 1.0 has no mark for a delay on a connector: ours is written in the platform's own namespace
// (`csl:delay="true"`, which other tools ignore), and a `delay_mark="true"` in any namespace is read.
// What a causal map cannot hold (equations, the pipes of flows, units, arrays, modules, groups,
// simulation specs) is left out and named in the import's report. Names follow the standard:
// case does not matter, and spaces, underscores and "\n" are the same.
import { SaxesParser, type SaxesTagNS } from "saxes";
import { newId } from "../../ids";
import type { DiagramInput } from "../model";
import type { Polarity } from "../loops";
import { gridPosition, limits, tooBig, type ExportDiagram, type ImportProblem, type MapFormat } from "./common";

const xmileNamespace = "http://docs.oasis-open.org/xmile/ns/XMILE/v1.0";
const cslNamespace = "urn:csl-commons:xmile";

/** A name as XMILE compares names: case, spacing, underscores and "\n" do not matter. */
const canonical = (name: string) => name.replace(/\\n|[\s_]+/g, " ").trim().toLowerCase();
/** A name as people read it. */
const readable = (name: string) => name.replace(/\\n|[\s_]+/g, " ").trim();

interface Element {
  name: string;
  attributes: Record<string, string>;
  line: number;
  text: string;
  children: Element[];
}

/** The document as a tree of elements by local name, each with its line; or the first XML error. */
function readXml(text: string): { ok: true; root: Element } | { ok: false; problem: ImportProblem } {
  if (text.trim() === "") return { ok: false, problem: { line: null, message: "The file is empty." } };
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Element[] = [];
  let root: Element | null = null;
  let failure: ImportProblem | null = null;
  parser.on("error", (error) => {
    failure ??= { line: parser.line, message: `Line ${parser.line}: not valid XML: ${error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, "").replace(/\.+$/, "")}.` };
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    const attributes: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attributes[a.prefix && a.uri !== xmileNamespace ? `${a.uri === cslNamespace ? "csl" : a.prefix}:${a.local}` : a.local] = a.value;
    const element: Element = { name: tag.local, attributes, line: parser.line, text: "", children: [] };
    if (stack.length) stack[stack.length - 1].children.push(element);
    else root ??= element;
    stack.push(element);
  });
  parser.on("text", (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  try {
    parser.write(text).close();
  } catch {
    // Reported by the error handler; saxes stops at the first error it cannot recover from.
  }
  if (failure) return { ok: false, problem: failure };
  if (!root) return { ok: false, problem: { line: null, message: "The file is empty." } };
  return { ok: true, root };
}

const child = (e: Element | undefined, name: string) => e?.children.find((c) => c.name === name);
const childrenNamed = (e: Element | undefined, name: string) => e?.children.filter((c) => c.name === name) ?? [];
const number = (value: string | undefined) => (value !== undefined && value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : null);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const variableKinds = ["aux", "stock", "flow"] as const;
const isVariable = (e: Element) => (variableKinds as readonly string[]).includes(e.name);
/** Model entities a causal map has no place for. */
const leftOutKinds: Record<string, [string, string]> = { module: ["module", "modules"], group: ["group", "groups"], macro: ["macro", "macros"] };

export const xmileFormat: MapFormat = {
  key: "xmile",
  name: "XMILE (.xmile, .stmx, Stella, Insight Maker, Vensim)",
  extension: "xmile",
  mediaType: "application/xml",
  cannotCarry: ["loop names", "variable colours", "link labels", "a link's delay, for tools other than this platform (XMILE has no delay mark)"],
  parse(text) {
    const read = readXml(text);
    if (!read.ok) return { ok: false, problems: [read.problem] };
    const { root } = read;
    if (root.name !== "xmile") return { ok: false, problems: [{ line: root.line, message: `Line ${root.line}: this is not an XMILE file: its root element is <${root.name}>, not <xmile>.` }] };
    const models = childrenNamed(root, "model");
    if (models.length === 0) return { ok: false, problems: [{ line: root.line, message: "The file has no <model>: there is nothing to import." }] };
    const model = models.find((m) => !m.attributes.name) ?? models[0];
    const problems: ImportProblem[] = [];
    const notes: string[] = [];
    const diagram: DiagramInput = { variables: [], links: [] };
    /** The map's variables by canonical name. */
    const byName = new Map<string, DiagramInput["variables"][number]>();
    const kinds = { stock: 0, flow: 0 };
    let equations = 0;
    let units = 0;
    let arrays = 0;
    const leftOut = new Map<string, number>();

    /** The variable of that name, added when new; null (a problem reported) when it has no name. */
    const variableNamed = (name: string, line: number) => {
      const key = canonical(name);
      if (!key) {
        problems.push({ line, message: `Line ${line}: a variable has no name.` });
        return null;
      }
      let variable = byName.get(key);
      if (!variable) {
        variable = { id: newId(), label: readable(name).slice(0, limits.labelChars), ...gridPosition(diagram.variables.length) };
        byName.set(key, variable);
        diagram.variables.push(variable);
      }
      return variable;
    };

    for (const e of child(model, "variables")?.children ?? []) {
      if (isVariable(e)) {
        if (e.name !== "aux") kinds[e.name as "stock" | "flow"]++;
        if ((child(e, "eqn")?.text.trim() ?? "") !== "") equations++;
        if (child(e, "units")?.text.trim()) units++;
        if (child(e, "dimensions") || childrenNamed(e, "element").length) arrays++;
        const doc = child(e, "doc")?.text.trim();
        const variable = variableNamed(e.attributes.name ?? "", e.line);
        if (variable && doc) variable.notes = doc.slice(0, 5000);
      } else if (leftOutKinds[e.name]) leftOut.set(e.name, (leftOut.get(e.name) ?? 0) + 1);
    }

    // The first view with anything in it: positions, and the connectors.
    const views = childrenNamed(child(model, "views"), "view");
    const view = views.find((v) => v.children.some((c) => c.name === "connector" || isVariable(c))) ?? views[0];
    const placed = new Set<string>();
    const aliases = new Map<string, string>();
    for (const e of view?.children ?? []) {
      if (e.name === "alias") {
        const of = child(e, "of")?.text;
        if (e.attributes.uid && of) aliases.set(e.attributes.uid, of);
        continue;
      }
      if (!isVariable(e)) continue;
      // A variable drawn in a view but not defined in the model (a causal map drawn in Stella's
      // CLD mode has no equations) is still a variable.
      const v = variableNamed(e.attributes.name ?? "", e.line);
      const x = number(e.attributes.x);
      const y = number(e.attributes.y);
      if (v && x !== null && y !== null && !placed.has(v.id)) {
        v.x = x;
        v.y = y;
        placed.add(v.id);
      }
    }

    let unsigned = 0;
    let delays = 0;
    let toPipes = 0;
    for (const c of childrenNamed(view, "connector")) {
      const end = (which: "from" | "to") => {
        const e = child(c, which);
        const alias = child(e, "alias")?.attributes.uid;
        return alias !== undefined ? (aliases.get(alias) ?? "") : (e?.text ?? "");
      };
      const fromName = end("from");
      const toName = end("to");
      const from = byName.get(canonical(fromName))?.id;
      const to = byName.get(canonical(toName))?.id;
      if (!fromName.trim() || !toName.trim()) {
        problems.push({ line: c.line, message: `Line ${c.line}: a connector needs a <from> and a <to>.` });
        continue;
      }
      if (!from || !to) {
        const missing = !from ? fromName : toName;
        problems.push({ line: c.line, message: `Line ${c.line}: the connector from "${readable(fromName)}" to "${readable(toName)}" names "${readable(missing)}", which is not a variable of the model.` });
        continue;
      }
      const sign = (c.attributes.polarity ?? "").trim();
      const polarity: Polarity = sign === "+" ? "+" : sign === "-" || sign === "−" ? "-" : "?";
      if (polarity === "?") unsigned++;
      const delay = Object.entries(c.attributes).some(([name, value]) => /(^|:)(delay|delay_mark)$/.test(name) && value.trim().toLowerCase() === "true");
      if (delay) delays++;
      diagram.links.push({ id: newId(), from, to, polarity, delay });
    }
    for (const stock of childrenNamed(child(model, "variables"), "stock")) toPipes += childrenNamed(stock, "inflow").length + childrenNamed(stock, "outflow").length;

    if (kinds.stock || kinds.flow) notes.push(`${[kinds.stock ? plural(kinds.stock, "stock", "stocks") : "", kinds.flow ? plural(kinds.flow, "flow", "flows") : ""].filter(Boolean).join(" and ")} ${kinds.stock + kinds.flow === 1 ? "was" : "were"} read as ${kinds.stock + kinds.flow === 1 ? "a variable" : "variables"} of the map.`);
    if (toPipes) notes.push(`${plural(toPipes, "flow pipe (a stock's inflow or outflow) was", "flow pipes (stocks' inflows and outflows) were")} left out: a causal map keeps the connectors between variables; draw the flows as links if they matter.`);
    if (equations) notes.push(`${plural(equations, "equation was", "equations were")} left out: a causal map has no equations.`);
    if (units || child(root, "model_units")) notes.push(`Units were left out${units ? ` (${plural(units, "variable had", "variables had")} units)` : ""}.`);
    if (arrays || child(root, "dimensions")) notes.push(`Arrays were left out${arrays ? `: ${plural(arrays, "arrayed variable was", "arrayed variables were")} read as one variable each` : ""}.`);
    for (const [kind, n] of leftOut) notes.push(`${plural(n, leftOutKinds[kind][0], leftOutKinds[kind][1])} left out (${kind === "module" ? "a model inside the model" : kind === "group" ? "a named sector of the model" : "a reusable equation"}).`);
    if (models.length > 1) notes.push(`${plural(models.length - 1, "other model (a module's) was", "other models (modules') were")} left out: only the main model was read.`);
    if (child(root, "sim_specs")) notes.push("The simulation settings (start, stop, time step) were left out.");
    if (unsigned) notes.push(`${plural(unsigned, "connector has", "connectors have")} no polarity: shown as "?" (not known yet).`);
    if (delays) notes.push(`${plural(delays, "connector carries", "connectors carry")} a delay mark.`);
    if (!view && diagram.variables.length) notes.push("The model has no view: its variables were laid out on a grid.");
    const big = tooBig(diagram.variables.length, diagram.links.length);
    if (big) problems.push(big);
    if (problems.length) return { ok: false, problems };
    if (diagram.variables.length === 0) return { ok: false, problems: [{ line: model.line, message: `Line ${model.line}: the model has no variables (aux, stock or flow) to import.` }] };
    return { ok: true, diagram, notes };
  },
  serialize(diagram: ExportDiagram) {
    // Names must differ however they are spelled; a label used twice gets a number.
    const names = new Map<string, string>();
    const used = new Set<string>();
    for (const v of diagram.variables) {
      const base = readable(v.label) || "Variable";
      let name = base;
      for (let n = 2; used.has(canonical(name)); n++) name = `${base} (${n})`;
      used.add(canonical(name));
      names.set(v.id, name);
    }
    const byId = new Map(diagram.variables.map((v) => [v.id, v]));
    const reference = (id: string) => escape(names.get(id)!.replace(/ /g, "_"));
    const angle = (from: string, to: string, curvature: number) => {
      const a = byId.get(from)!;
      const b = byId.get(to)!;
      // Counter-clockwise from three o'clock, at the start of the curve (y grows downwards on screen).
      const straight = (Math.atan2(-(b.y - a.y), b.x - a.x) * 180) / Math.PI;
      return Math.round((((straight + curvature * 60) % 360) + 360) % 360);
    };
    const lines = [
      '<?xml version="1.0" encoding="utf-8"?>',
      `<xmile version="1.0" xmlns="${xmileNamespace}" xmlns:csl="${cslNamespace}">`,
      "\t<header>",
      `\t\t<name>${escape(diagram.title)}</name>`,
      "\t\t<vendor>CSL Commons</vendor>",
      '\t\t<product version="1.0" lang="en">CSL Commons</product>',
      "\t</header>",
      "\t<sim_specs>",
      "\t\t<start>0</start>",
      "\t\t<stop>100</stop>",
      "\t\t<dt>1</dt>",
      "\t</sim_specs>",
      "\t<model>",
      "\t\t<variables>",
      ...diagram.variables.map((v) => `\t\t\t<aux name="${escape(names.get(v.id)!)}">${v.notes.trim() ? `\n\t\t\t\t<doc>${escapeText(v.notes)}</doc>\n\t\t\t` : ""}</aux>`),
      "\t\t</variables>",
      "\t\t<views>",
      '\t\t\t<view type="stock_flow">',
      ...diagram.variables.map((v) => `\t\t\t\t<aux name="${escape(names.get(v.id)!)}" x="${Math.round(v.x)}" y="${Math.round(v.y)}"/>`),
      ...diagram.links.map(
        (l, i) =>
          `\t\t\t\t<connector uid="${i + 1}" angle="${angle(l.from, l.to, l.curvature)}"${l.polarity === "?" ? "" : ` polarity="${l.polarity}"`}${l.delay ? ' csl:delay="true"' : ""}>\n\t\t\t\t\t<from>${reference(l.from)}</from>\n\t\t\t\t\t<to>${reference(l.to)}</to>\n\t\t\t\t</connector>`,
      ),
      "\t\t\t</view>",
      "\t\t</views>",
      "\t</model>",
      "</xmile>",
    ];
    return `${lines.join("\n")}\n`;
  },
};

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/[\r\n]+/g, " ");
