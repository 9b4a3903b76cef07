// `npm start`: build the app when there is no build (or the sources are newer), then run the
// platform. This is the local and demo start: it seeds the demo network into an empty
// database unless SEED_DEMO=false, and links point at this machine. Deployments run
// `npm run serve` (`--deployment`), which never seeds unless asked, needs PUBLIC_URL and
// refuses to run while any account has the demo password.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const built = path.join(root, "build/server/index.js");

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sources = ["app", "shared", "db"].map((d) => path.join(root, d));
const stale = !fs.existsSync(built) || Math.max(...sources.map(newestSource)) > fs.statSync(built).mtimeMs;
if (stale) {
  console.log("Building CSL Commons (first start, or the sources changed)…");
  const result = spawnSync(path.join(root, "node_modules/.bin/react-router"), ["build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const deployment = process.argv.includes("--deployment");
const seedByDefault = deployment ? {} : { SEED_DEMO: process.env.SEED_DEMO ?? "true" };
const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/main.ts"), ...(deployment ? ["--deployment"] : [])], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production", ...seedByDefault },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
