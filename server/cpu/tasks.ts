// The work the server does off its main thread, so that a big map never holds up rooms and
// canvases: finding loops (exports, version pages), reading an imported map file, and reading a
// spreadsheet of contacts. Pure
// functions of their input; the worker (worker.ts) runs them, the pool (pool.ts) hands them out.
import { listLoops, type LoopLink, type LoopList } from "../../shared/cld/loops";
import { mapFormat, readMapFile, type ImportResult } from "../../shared/cld/formats";
import type { Mapping } from "../../shared/network/contactImport";
import { readSpreadsheet, type SpreadsheetReading } from "../../shared/network/spreadsheet";

export type Task =
  | { kind: "listLoops"; variableIds: string[]; links: LoopLink[] }
  | { kind: "readMap"; format: string; text: string }
  | { kind: "readSpreadsheet"; text: string; mapping: Mapping | null; organizations: string[] };

export type TaskResult<T extends Task> = T extends { kind: "listLoops" } ? LoopList : T extends { kind: "readSpreadsheet" } ? SpreadsheetReading : ImportResult;

export function runTask(task: Task): LoopList | ImportResult | SpreadsheetReading {
  if (task.kind === "listLoops") return listLoops(task.variableIds, task.links);
  if (task.kind === "readSpreadsheet") return readSpreadsheet(task.text, task.mapping, task.organizations);
  const format = mapFormat(task.format);
  if (!format) return { ok: false, problems: [{ line: null, message: "That kind of file is not one CSL Commons reads." }] };
  return readMapFile(format, task.text);
}
