import { describe, expect, it } from "vitest";
import { freeSpot } from "../../shared/cld/placement";

describe("where a variable added by keyboard goes", () => {
  it("is where the person looks when that is free, and the nearest free place otherwise", () => {
    expect(freeSpot([], { x: 100, y: 100 })).toEqual({ x: 100, y: 100 });
    const taken = [{ x: 100, y: 100 }];
    const next = freeSpot(taken, { x: 100, y: 100 });
    expect(Math.abs(next.x - 100) >= 200 || Math.abs(next.y - 100) >= 80).toBe(true);
  });

  it("puts forty variables added one after another on forty places that do not overlap", () => {
    const placed: { x: number; y: number }[] = [];
    for (let i = 0; i < 40; i++) placed.push(freeSpot(placed, { x: 0, y: 0 }));
    for (const [i, a] of placed.entries()) for (const b of placed.slice(i + 1)) expect(Math.abs(a.x - b.x) >= 200 || Math.abs(a.y - b.y) >= 80).toBe(true);
  });
});
