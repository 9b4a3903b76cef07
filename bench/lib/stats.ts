// Small helpers shared by the benchmarks: percentiles, process figures, result files.
import fs from "node:fs";
import path from "node:path";

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** CPU time (user + system) of a process in milliseconds, from /proc. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

export function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

export function writeResults(name: string, figures: Record<string, number | string>): string {
  const file = path.resolve("bench/results", `${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}

export function printTable(title: string, figures: Record<string, number | string>): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  console.log(`\n${title}\n${"-".repeat(width + 14)}`);
  for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(width)}  ${String(value).padStart(12)}`);
}
