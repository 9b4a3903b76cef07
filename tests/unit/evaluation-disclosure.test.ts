// Small-group protection: the split into shown and pooled groups, filters, and an automated
// differencing attack. The attacker gets every figure the rules let through (the total, every
// allowed filter of one or several groups, the breakdown by group) and tries to combine them,
// with exact linear algebra over rationals, into a figure for any set of groups with fewer than
// the threshold's people. It must find none; and it does find one when the rules are weakened
// (no complementary suppression), so the attack is real.
import { describe, expect, it } from "vitest";
import { checkFilter, effectiveThreshold, pooledLabel, release, shownGroup, tooFew, type Release } from "../../shared/evaluation/disclosure";

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

/** Rank of integer rows, by fraction-free Gaussian elimination with bigints. */
function rank(rows: bigint[][]): number {
  const m = rows.map((r) => [...r]);
  let rk = 0;
  const width = m[0]?.length ?? 0;
  for (let col = 0; col < width && rk < m.length; col++) {
    const pivot = m.findIndex((row, i) => i >= rk && row[col] !== 0n);
    if (pivot < 0) continue;
    [m[rk], m[pivot]] = [m[pivot], m[rk]];
    for (let i = 0; i < m.length; i++) {
      if (i === rk || m[i][col] === 0n) continue;
      const a = m[rk][col];
      const b = m[i][col];
      m[i] = m[i].map((v, j) => v * a - m[rk][j] * b);
    }
    rk++;
  }
  return rk;
}

/** Every set of groups an attacker can total from the released figures. */
function released(groups: string[], r: Release, c: Map<string, number>): bigint[][] {
  const vector = (set: string[]) => groups.map((g) => (set.includes(g) ? 1n : 0n));
  const rows: bigint[][] = [];
  if (r.totalShown) rows.push(vector(groups));
  // Breakdown rows: each shown group, and the pool.
  for (const g of r.shown) rows.push(vector([g]));
  if (r.pooledCount >= r.threshold && r.totalShown) rows.push(vector(r.pooled));
  // Every filter the rules allow: every subset of the groups that passes checkFilter.
  for (let mask = 1; mask < 1 << groups.length; mask++) {
    const set = groups.filter((_, i) => mask & (1 << i));
    if (checkFilter(set, r, c).ok) rows.push(vector(set));
  }
  return rows;
}

/** The sets of groups with fewer than the threshold's people (but some) that the released figures determine. */
function recoverable(c: Map<string, number>, r: Release): string[][] {
  const groups = [...c.keys()];
  const rows = released(groups, r, c);
  if (rows.length === 0) return [];
  const base = rank(rows);
  const found: string[][] = [];
  for (let mask = 1; mask < 1 << groups.length; mask++) {
    const set = groups.filter((_, i) => mask & (1 << i));
    const n = set.reduce((s, g) => s + c.get(g)!, 0);
    if (n === 0 || n >= r.threshold) continue;
    if (rank([...rows, groups.map((g) => (set.includes(g) ? 1n : 0n))]) === base) found.push(set);
  }
  return found;
}

describe("small-group protection", () => {
  it("never goes below 5 and defaults to 10", () => {
    expect(effectiveThreshold(undefined)).toBe(10);
    expect(effectiveThreshold(3)).toBe(5);
    expect(effectiveThreshold(12)).toBe(12);
    expect(tooFew(10)).toBe("Too few responses to show (fewer than 10).");
  });

  it("pools small groups, and a second group with them when the pool alone would be small", () => {
    const c = counts({ "SD 36": 40, "SD 39": 25, "SD 61": 12, "SD 5": 3 });
    const r = release(c, 10);
    expect(r.shown).toEqual(["SD 36", "SD 39"]);
    expect(r.pooled).toEqual(["SD 5", "SD 61"]);
    expect(r.pooledCount).toBe(15);
    expect(shownGroup("SD 61", r)).toBe(pooledLabel);
    expect(shownGroup("SD 36", r)).toBe("SD 36");
  });

  it("shows nothing at all for fewer than the threshold", () => {
    const c = counts({ a: 4, b: 5 });
    const r = release(c, 10);
    expect(r.totalShown).toBe(false);
    expect(checkFilter([], r, c)).toEqual({ ok: false, reason: tooFew(10) });
  });

  it("refuses a filter on a small group, a pooled one, and all-but-one-small-group", () => {
    const c = counts({ a: 30, b: 20, c: 14, d: 4 });
    const r = release(c, 10);
    expect(checkFilter(["d"], r, c).ok).toBe(false);
    expect(checkFilter(r.pooled.slice(0, 1), r, c).ok).toBe(false);
    // All but d: the pool (d and the smallest shown group) keeps d out of reach.
    expect(checkFilter(["a", "b", "c"], r, c).ok).toBe(false);
    expect(checkFilter(["a", "b"], r, c).ok).toBe(true);
    expect(checkFilter(["a"], r, c).ok).toBe(true);
  });

  it("lets no combination of released figures isolate a small group (random networks of 2 to 9 groups)", () => {
    let seed = 20261207;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let tried = 0;
    for (let trial = 0; trial < 300; trial++) {
      const k = trial % 3 === 0 ? 5 : 10;
      const size = 2 + Math.floor(random() * 8);
      const c = new Map<string, number>();
      for (let g = 0; g < size; g++) c.set(`g${g}`, random() < 0.4 ? 1 + Math.floor(random() * (k - 1)) : Math.floor(random() * 40));
      const r = release(c, k);
      expect(recoverable(c, r)).toEqual([]);
      tried++;
    }
    expect(tried).toBe(300);
  });

  it("the attack finds the hidden group when complementary suppression is left out", () => {
    const c = counts({ a: 30, b: 20, c: 4 });
    const weak: Release = { threshold: 10, shown: ["a", "b"], pooled: ["c"], pooledCount: 4, total: 54, totalShown: true };
    expect(recoverable(c, weak)).toContainEqual(["c"]);
    expect(recoverable(c, release(c, 10))).toEqual([]);
  });
});
