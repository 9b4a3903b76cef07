// Small-group protection for every evaluation report, breakdown, filter and export. The rule is
// the BC Ministry of Education's: no figure stands for fewer than `threshold` people (10 unless a
// survey sets another, never below 5). Hiding small cells is not enough when totals are shown: a
// hidden part is the total minus the shown parts, and "everyone except one district" is a
// difference of two shown figures. So each measure's groups are split once:
//
// - groups of at least `threshold` are shown, and may be chosen as filters;
// - the others are pooled as "other groups"; when the pool would hold fewer than `threshold`
//   people, the smallest shown group joins it (complementary suppression), until it holds at least
//   `threshold` or every group is pooled;
// - a filter may choose only shown groups, one or several.
//
// Then every figure the reports can show is a sum over shown groups (each ≥ threshold) and the
// pool (empty or ≥ threshold), and every difference of two figures is again such a sum: no
// subtraction isolates fewer than `threshold` people. tests/unit/evaluation-disclosure.test.ts
// tries it by linear algebra over every filter.
export const defaultThreshold = 10;
export const lowestThreshold = 5;

export const tooFew = (threshold: number) => `Too few responses to show (fewer than ${threshold}).`;

export interface Release {
  threshold: number;
  /** Groups shown on their own, largest first. */
  shown: string[];
  /** Groups pooled as "other groups"; their total is 0 or at least the threshold. */
  pooled: string[];
  pooledCount: number;
  total: number;
  /** Whether the total itself may be shown. */
  totalShown: boolean;
}

export function effectiveThreshold(configured: number | null | undefined): number {
  if (configured == null || !Number.isFinite(configured)) return defaultThreshold;
  return Math.max(lowestThreshold, Math.round(configured));
}

/** Splits one measure's groups (group → number of people behind it) into shown and pooled. */
export function release(counts: Map<string, number>, threshold: number): Release {
  const groups = [...counts.entries()].filter(([, n]) => n > 0);
  const total = groups.reduce((s, [, n]) => s + n, 0);
  // Largest first; ties by name so that the same data always releases the same way.
  const shown = groups.filter(([, n]) => n >= threshold).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const pooled = groups.filter(([, n]) => n < threshold);
  let pooledCount = pooled.reduce((s, [, n]) => s + n, 0);
  while (pooledCount > 0 && pooledCount < threshold && shown.length > 0) {
    const smallest = shown.pop()!;
    pooled.push(smallest);
    pooledCount += smallest[1];
  }
  return {
    threshold,
    shown: shown.map(([g]) => g),
    pooled: pooled.map(([g]) => g).sort(),
    pooledCount,
    total,
    totalShown: total >= threshold,
  };
}

export type FilterCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether a report may be narrowed to these groups (none: everyone). Only groups shown on their
 * own can be chosen; what is left out must itself be empty or at least the threshold.
 */
export function checkFilter(selected: readonly string[], r: Release, counts: Map<string, number>): FilterCheck {
  if (!r.totalShown) return { ok: false, reason: tooFew(r.threshold) };
  if (selected.length === 0) return { ok: true };
  if (selected.some((g) => !r.shown.includes(g))) return { ok: false, reason: tooFew(r.threshold) };
  const chosen = selected.reduce((s, g) => s + (counts.get(g) ?? 0), 0);
  const left = r.total - chosen;
  if (chosen < r.threshold || (left > 0 && left < r.threshold)) return { ok: false, reason: tooFew(r.threshold) };
  return { ok: true };
}

/** The label a pooled group goes by in breakdowns and exports. */
export const pooledLabel = "Other groups (combined)";

/** The group a row is shown under: its own name when shown alone, else the pool's label. */
export function shownGroup(group: string, r: Release): string {
  return r.shown.includes(group) ? group : pooledLabel;
}
