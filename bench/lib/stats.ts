// Small helpers shared by the benchmarks: percentiles, process figures, result files.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** Three significant digits (whole numbers from 100 up): 0.253 s, 7.4 ms, 289 MB. */
export const tidy = (n: number) => (Math.abs(n) >= 100 || Number.isInteger(n) ? Math.round(n) : Number(n.toPrecision(3)));

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

/**
 * Each figure of a benchmark over its runs: `add` one run's figures, then `summary` gives every
 * figure as its median, with `_min` and `_max` beside it (a figure no run could measure is "n/a").
 */
export class Runs {
  private readonly samples = new Map<string, number[]>();
  private count = 0;

  add(figures: Record<string, number>): void {
    this.count++;
    for (const [key, value] of Object.entries(figures)) this.samples.set(key, [...(this.samples.get(key) ?? []), value]);
  }

  summary(): Record<string, number | string> {
    const out: Record<string, number | string> = {};
    for (const [key, values] of this.samples) {
      const measured = values.filter(Number.isFinite);
      if (measured.length === 0) {
        out[key] = "n/a";
        continue;
      }
      out[key] = tidy(percentile(measured, 50));
      out[`${key}_min`] = tidy(Math.min(...measured));
      out[`${key}_max`] = tidy(Math.max(...measured));
      if (measured.length < values.length) out[`${key}_runs_unmeasured`] = values.length - measured.length;
    }
    return out;
  }

  get runs(): number {
    return this.count;
  }
}

/** What a results file is stamped with: the commit measured (and whether the tree had changes), when, and how many runs. */
export function stamp(runs: number): Record<string, string | number> {
  const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();
  let commit = "unknown";
  try {
    // Results files of other benchmarks written in the same sitting do not make the tree dirty.
    commit = `${git("rev-parse", "--short=12", "HEAD")}${git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results") ? "-dirty" : ""}`;
  } catch {
    // not a git checkout
  }
  return { commit, measured_at: new Date().toISOString(), runs };
}
