// What every map format shares: the diagram it reads or writes, the line-by-line report of what it
// could not read, and JSON read with the line of every value so a report can point at it.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import type { z } from "zod";
import type { DiagramInput, Link, Variable } from "../model";
import type { LoopKind } from "../loops";

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
  kind: LoopKind;
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
  key: "csl" | "kumu" | "loopy" | "vensim" | "xmile";
  name: string;
  extension: string;
  mediaType: string;
  /** What of a map this format cannot hold, said on the download panel; empty when it holds everything. */
  cannotCarry: string[];
  parse(text: string): ImportResult;
  serialize(diagram: ExportDiagram): string;
}

/**
 * Line numbers for offsets into one text: the line starts are found once, then each offset is a
 * binary search. (Counting newlines from the start for every problem made a 100 KB file with many
 * problems hold the server for seconds.)
 */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** At most this many problems are reported; the rest are counted. */
export const maxReportedProblems = 50;

export interface JsonDocument {
  text: string;
  tree: Node;
  value: unknown;
  lineOf: (offset: number) => number;
}

/** Parses JSON strictly, reporting each syntax error with its line. */
export function readJson(text: string): { ok: true; json: JsonDocument } | { ok: false; problems: ImportProblem[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const lineOf = lineIndex(text);
  if (errors.length || !tree) {
    return { ok: false, problems: errors.length ? errors.slice(0, maxReportedProblems + 1).map((e) => ({ line: lineOf(e.offset), message: `Not valid JSON: ${describeJsonError(printParseErrorCode(e.error))}.` })) : [{ line: null, message: "The file is empty." }] };
  }
  return { ok: true, json: { text, tree, value: JSON.parse(text) as unknown, lineOf } };
}

const describeJsonError = (code: string) => code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();

/** The line of the value at `path`, or of the nearest enclosing value that exists. */
export function lineAt(json: JsonDocument, path: (string | number)[]): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(json.tree, path.slice(0, n));
    if (node) return json.lineOf(node.offset);
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
    problems: parsed.error.issues.slice(0, maxReportedProblems + 1).map((issue) => ({ line: lineAt(json, issue.path as (string | number)[]), message: `${issue.path.length ? issue.path.join(".") : "The file"}: ${issue.message}` })),
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

/**
 * Reads a map file in a format, whatever the file holds: at most 50 problems are listed, with a
 * count of the rest, and a file too deeply nested to read is a problem to report, not a failure.
 */
export function readMapFile(format: MapFormat, text: string): ImportResult {
  let result: ImportResult;
  try {
    result = format.parse(text);
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, problems: [{ line: null, message: "The file is nested too deeply to read (it holds lists within lists thousands of levels down)." }] };
    throw error;
  }
  if (result.ok || result.problems.length <= maxReportedProblems) return result;
  return { ok: false, problems: [...result.problems.slice(0, maxReportedProblems), { line: null, message: "…and more problems after these, not listed. Fix these and import the file again to see the rest." }] };
}
