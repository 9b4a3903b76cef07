// The platform as its own process (server/main.ts), for tests that kill it with SIGKILL.
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
      const match = /ready at http:\/\/localhost:(\d+)/.exec(out);
      if (match) resolve({ proc, url: `http://127.0.0.1:${match[1]}` });
    });
    proc.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}
