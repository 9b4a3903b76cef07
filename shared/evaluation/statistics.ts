// Pre/post change for paired answers (the same person before and after), as the evaluation reports
// show it. Distributions (Student's t, the normal) come from jstat; the exact Wilcoxon signed-rank
// distribution is counted here (no maintained JS library has it). Every figure is checked against
// reference values computed independently with SciPy (tests/fixtures/evaluation/reference.py).
//
// - Paired t-test on the differences (after − before): t = mean / (sd / √n), df = n − 1, two-sided.
// - Wilcoxon signed-rank: zero differences dropped, tied |differences| share their mean rank;
//   exact when 50 or fewer non-zero differences with no ties, else the normal approximation with
//   the tie correction and no continuity correction (SciPy's choices); statistic = min(W+, W−).
// - d_z = mean difference / sd of differences; 95% CI d_z ± 1.96·√(1/n + d_z²/(2n)).
// - Hedges' g (g_av): mean difference / within-person SD pooled over before and after
//   (√((sd_before² + sd_after²)/2)), times J = 1 − 3/(4(n−1) − 1); 95% CI from the matched-groups
//   variance (1/n + d²/(2n))·2(1 − r), r the before/after correlation (Borenstein et al. 2009).
import jStat from "jstat";

export const fewPairs = 6;
const z975 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

export interface PairedChange {
  n: number;
  meanBefore: number;
  meanAfter: number;
  meanDifference: number;
  sdDifference: number;
  /** 95% interval of the mean difference (t). Null under 2 pairs. */
  differenceCi: Interval | null;
  /** Null when the differences do not vary (or under 2 pairs). */
  t: { statistic: number; df: number; p: number } | null;
  wilcoxon: { n: number; statistic: number; method: "exact" | "normal"; z: number | null; p: number } | null;
  dz: { value: number; ci: Interval } | null;
  hedgesG: { value: number; ci: Interval | null } | null;
  /** Fewer than 6 pairs: the tests say little; the report says so. */
  tooFewForTests: boolean;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
export const mean = (xs: number[]) => sum(xs) / xs.length;
/** Sample standard deviation (n − 1). */
export function sd(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(sum(xs.map((x) => (x - m) ** 2)) / (xs.length - 1));
}
function correlation(xs: number[], ys: number[]): number | null {
  const mx = mean(xs);
  const my = mean(ys);
  const sxy = sum(xs.map((x, i) => (x - mx) * (ys[i] - my)));
  const sxx = sum(xs.map((x) => (x - mx) ** 2));
  const syy = sum(ys.map((y) => (y - my) ** 2));
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Ranks of values (1-based), ties sharing their mean rank; also the sizes of the tied groups. */
export function rank(values: number[]): { ranks: number[]; ties: number[] } {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  const ties: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    const shared = (start + end + 2) / 2;
    for (let k = start; k <= end; k++) ranks[order[k].i] = shared;
    if (end > start) ties.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, ties };
}

/** P(W+ ≤ w) for n untied, non-zero differences: the number of subsets of 1..n whose sum is at most w, over 2ⁿ. */
function signedRankCdf(w: number, n: number): number {
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) for (let s = max; s >= k; s--) counts[s] += counts[s - k];
  let below = 0;
  for (let s = 0; s <= Math.min(w, max); s++) below += counts[s];
  return below / 2 ** n;
}

export function wilcoxonSignedRank(differences: number[]): PairedChange["wilcoxon"] {
  const nonZero = differences.filter((d) => d !== 0);
  const n = nonZero.length;
  if (n === 0) return null;
  const { ranks, ties } = rank(nonZero.map(Math.abs));
  const wPlus = sum(ranks.filter((_, i) => nonZero[i] > 0));
  const wMinus = (n * (n + 1)) / 2 - wPlus;
  const statistic = Math.min(wPlus, wMinus);
  if (n <= 50 && ties.length === 0) {
    return { n, statistic, method: "exact", z: null, p: Math.min(1, 2 * signedRankCdf(statistic, n)) };
  }
  const expected = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - sum(ties.map((t) => t ** 3 - t)) / 48;
  if (variance <= 0) return { n, statistic, method: "normal", z: null, p: 1 };
  const z = (statistic - expected) / Math.sqrt(variance);
  return { n, statistic, method: "normal", z, p: Math.min(1, 2 * jStat.normal.cdf(-Math.abs(z), 0, 1)) };
}

/** Change from before to after, for answers given in pairs (same length, same order). */
export function pairedChange(before: number[], after: number[]): PairedChange {
  if (before.length !== after.length) throw new Error("paired answers need the same number before and after");
  const n = before.length;
  const differences = after.map((a, i) => a - before[i]);
  const meanDifference = n ? mean(differences) : 0;
  const sdDifference = sd(differences);
  const base = { n, meanBefore: n ? mean(before) : 0, meanAfter: n ? mean(after) : 0, meanDifference, sdDifference, tooFewForTests: n < fewPairs };
  if (n < 2) return { ...base, differenceCi: null, t: null, wilcoxon: wilcoxonSignedRank(differences), dz: null, hedgesG: null };
  const df = n - 1;
  const se = sdDifference / Math.sqrt(n);
  const tCrit = jStat.studentt.inv(0.975, df);
  const differenceCi = { low: meanDifference - tCrit * se, high: meanDifference + tCrit * se };
  let t: PairedChange["t"] = null;
  let dz: PairedChange["dz"] = null;
  if (sdDifference > 0) {
    const statistic = meanDifference / se;
    t = { statistic, df, p: Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(statistic), df)) };
    const value = meanDifference / sdDifference;
    const seDz = Math.sqrt(1 / n + value ** 2 / (2 * n));
    dz = { value, ci: { low: value - z975 * seDz, high: value + z975 * seDz } };
  }
  let hedgesG: PairedChange["hedgesG"] = null;
  const within = Math.sqrt((sd(before) ** 2 + sd(after) ** 2) / 2);
  if (within > 0) {
    const d = meanDifference / within;
    const j = 1 - 3 / (4 * df - 1);
    const r = correlation(before, after);
    const seG = r === null ? null : j * Math.sqrt((1 / n + d ** 2 / (2 * n)) * 2 * (1 - r));
    hedgesG = { value: j * d, ci: seG === null ? null : { low: j * d - z975 * seG, high: j * d + z975 * seG } };
  }
  return { ...base, differenceCi, t, wilcoxon: wilcoxonSignedRank(differences), dz, hedgesG };
}
