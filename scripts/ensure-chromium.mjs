// The browser suite drives Debian's Chromium. Install it when it is missing (CI runs as root).
import { execSync } from "node:child_process";
import fs from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (fs.existsSync(chromium)) process.exit(0);
console.log(`${chromium} is missing: installing Debian's chromium with apt-get…`);
try {
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation", { stdio: "inherit" });
} catch {
  console.error("Could not install chromium. Install it with `apt-get install -y chromium` (as root) and run again.");
  process.exit(1);
}
