// The evaluation reports' statistics against reference values computed independently with SciPy
// (tests/fixtures/evaluation/reference.py), to 3 decimals.
import { describe, expect, it } from "vitest";
import { pairedChange, rank } from "../../shared/evaluation/statistics";
import reference from "../fixtures/evaluation/reference.json";

const close = (actual: number | undefined, expected: number) => expect(actual).toBeCloseTo(expected, 3);

describe("paired change against SciPy", () => {
  it.each(reference.map((r) => [r.name, r] as const))("%s", (_name, r) => {
    const change = pairedChange(r.before, r.after);
    expect(change.n).toBe(r.n);
    close(change.meanDifference, r.mean_difference);
    close(change.sdDifference, r.sd_difference);
    close(change.differenceCi?.low, r.difference_ci[0]);
    close(change.differenceCi?.high, r.difference_ci[1]);
    close(change.t?.statistic, r.t);
    expect(change.t?.df).toBe(r.df);
    close(change.t?.p, r.t_p);
    expect(change.wilcoxon?.method).toBe(r.wilcoxon_method);
    expect(change.wilcoxon?.n).toBe(r.wilcoxon_n);
    close(change.wilcoxon?.statistic, r.wilcoxon_statistic);
    close(change.wilcoxon?.p, r.wilcoxon_p);
    close(change.dz?.value, r.dz);
    close(change.dz?.ci.low, r.dz_ci[0]);
    close(change.dz?.ci.high, r.dz_ci[1]);
    close(change.hedgesG?.value, r.hedges_g);
    close(change.hedgesG?.ci?.low, r.hedges_g_ci[0]);
    close(change.hedgesG?.ci?.high, r.hedges_g_ci[1]);
    expect(change.tooFewForTests).toBe(r.n < 6);
  });

  it("shares tied ranks and says nothing it cannot compute", () => {
    expect(rank([3, 1, 3, 2])).toEqual({ ranks: [3.5, 1, 3.5, 2], ties: [2] });
    const flat = pairedChange([3, 3, 3], [4, 4, 4]);
    expect(flat.t).toBeNull();
    expect(flat.dz).toBeNull();
    expect(flat.hedgesG).toBeNull();
    expect(flat.tooFewForTests).toBe(true);
    expect(pairedChange([2], [3]).t).toBeNull();
    expect(pairedChange([2, 2], [2, 2]).wilcoxon).toBeNull();
    expect(() => pairedChange([1, 2], [1])).toThrow();
  });
});
