// What every map format shares: the diagram it reads or writes, the line-by-line report of what it
// could not read, and JSON read with the line of every value so a report can point at it.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import type { z } from "zod";
import type { DiagramInput, Link, Variable } from "../model";

export interface ImportProblem {
  /** 1-based line in the file, or null when the problem is the file as a whole. */
  line: number | null;
  message: string;
}

export type ImportResult =
  | { ok: true; diagram: DiagramInput; /** What was read in a way worth knowing, though nothing was lost. */ notes: string[] }
  | { ok: false; problems: ImportProblem[] };

export interface ExportLoop {
  label: string;
  name?: string;
  kind: "R" | "B";
  linkIds: string[];
  variableIds: string[];
}

export interface ExportDiagram {
  title: string;
  variables: Variable[];
  links: Link[];
  loops: ExportLoop[];
}

export interface MapFormat {
  key: "csl" | "kumu" | "loopy" | "vensim";
  name: string;
  extension: string;
  mediaType: string;
  parse(text: string): ImportResult;
  serialize(diagram: ExportDiagram): string;
}

export const lineOf = (text: string, offset: number) => {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

export interface JsonDocument {
  text: string;
  tree: Node;
  value: unknown;
}

/** Parses JSON strictly, reporting each syntax error with its line. */
export function readJson(text: string): { ok: true; json: JsonDocument } | { ok: false; problems: ImportProblem[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length || !tree) {
    return { ok: false, problems: errors.length ? errors.map((e) => ({ line: lineOf(text, e.offset), message: `Not valid JSON: ${describeJsonError(printParseErrorCode(e.error))}.` })) : [{ line: null, message: "The file is empty." }] };
  }
  return { ok: true, json: { text, tree, value: JSON.parse(text) as unknown } };
}

const describeJsonError = (code: string) => code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();

/** The line of the value at `path`, or of the nearest enclosing value that exists. */
export function lineAt(json: JsonDocument, path: (string | number)[]): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(json.tree, path.slice(0, n));
    if (node) return lineOf(json.text, node.offset);
  }
  return null;
}

/** Reads JSON and checks it against a schema: each syntax error or schema issue a problem at its line. */
export function readJsonShaped<T extends z.ZodType>(text: string, schema: T): { ok: true; json: JsonDocument; value: z.infer<T> } | { ok: false; problems: ImportProblem[] } {
  const read = readJson(text);
  if (!read.ok) return read;
  const { json } = read;
  const parsed = schema.safeParse(json.value);
  if (parsed.success) return { ok: true, json, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.slice(0, 50).map((issue) => ({ line: lineAt(json, issue.path as (string | number)[]), message: `${issue.path.length ? issue.path.join(".") : "The file"}: ${issue.message}` })),
  };
}

/** Lays out variables that come without positions on a grid. */
export const gridPosition = (index: number) => ({ x: (index % 6) * 220, y: Math.floor(index / 6) * 160 });

export const limits = { variables: 5000, links: 20000, labelChars: 200 } as const;

export function tooBig(variables: number, links: number): ImportProblem | null {
  if (variables > limits.variables) return { line: null, message: `The map has ${variables} variables; at most ${limits.variables} can be imported.` };
  if (links > limits.links) return { line: null, message: `The map has ${links} links; at most ${limits.links} can be imported.` };
  return null;
}
