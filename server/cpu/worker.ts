// A worker thread of the CPU pool: runs one task at a time and answers with its result.
import { parentPort } from "node:worker_threads";
import { runTask, type Task } from "./tasks";

parentPort!.on("message", ({ id, task }: { id: number; task: Task }) => {
  try {
    parentPort!.postMessage({ id, ok: true, result: runTask(task) });
  } catch (error) {
    parentPort!.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
