// Waiting for a benchmark child process to say something over IPC.
import type { ChildProcess } from "node:child_process";

export function waitFor<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type === type) {
        child.off("message", onMessage);
        resolve(message as T);
      }
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`process exited (${code}) before ${type}`)));
  });
}
