// The work the server does off its main thread, so that a big map never holds up rooms and
// canvases: finding loops (exports, version pages) and reading an imported map file. Pure
// functions of their input; the worker (worker.ts) runs them, the pool (pool.ts) hands them out.
import { findLoops, type LoopAnalysis, type LoopLink } from "../../shared/cld/loops";
import { mapFormat, readMapFile, type ImportResult } from "../../shared/cld/formats";

export type Task = { kind: "findLoops"; variableIds: string[]; links: LoopLink[] } | { kind: "readMap"; format: string; text: string };

export type TaskResult<T extends Task> = T extends { kind: "findLoops" } ? LoopAnalysis : ImportResult;

export function runTask(task: Task): LoopAnalysis | ImportResult {
  if (task.kind === "findLoops") return findLoops(task.variableIds, task.links);
  const format = mapFormat(task.format);
  if (!format) return { ok: false, problems: [{ line: null, message: "That kind of file is not one CSL Commons reads." }] };
  return readMapFile(format, task.text);
}
