// Waiting for a benchmark child process to say something over IPC.
import type { ChildProcess } from "node:child_process";
import net from "node:net";

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

/** A port nobody listens on now: the system's choice for a socket opened on port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
