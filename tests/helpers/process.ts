// The platform as its own process (server/main.ts), for tests that kill it with SIGKILL.
// TEST_NODE_LOGS=1 passes its log (LOG_LEVEL error unless the test sets another) to the test output.
import { spawn, type ChildProcess } from "node:child_process";

export interface ServerProcess {
  proc: ChildProcess;
  url: string;
}

export function startServerProcess(databaseFile: string, port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", DATABASE_URL: databaseFile, SEED_DEMO: "true", LOG_LEVEL: "error", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (chunk) => {
      out += chunk;
      if (process.env.TEST_NODE_LOGS) process.stderr.write(chunk);
      // The ready line shows PUBLIC_URL when it is set (a node behind a proxy): then PORT is the node's own.
      const match = /ready at http:\/\/[^:/\s]+:(\d+)/.exec(out);
      if (match) resolve({ proc, url: `http://127.0.0.1:${env.PUBLIC_URL ? port : match[1]}` });
    });
    proc.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}
