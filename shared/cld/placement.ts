// Where a new variable goes when it is added without a pointer: the free place nearest to where
// the person is looking, so that variables added at once by several people do not pile up. Pure.

export interface Spot {
  x: number;
  y: number;
}

/** Room a variable takes, with a margin: boxes are about 160 by 40. */
const width = 200;
const height = 80;

const overlaps = (a: Spot, b: Spot) => Math.abs(a.x - b.x) < width && Math.abs(a.y - b.y) < height;

/** The nearest point to `near`, on a ring search outward, that overlaps no existing variable. */
export function freeSpot(existing: readonly Spot[], near: Spot): Spot {
  const start = { x: Math.round(near.x), y: Math.round(near.y) };
  if (!existing.some((v) => overlaps(v, start))) return start;
  for (let ring = 1; ring < 200; ring++) {
    // Points on the ring's rectangle, nearest first along each side.
    const candidates: Spot[] = [];
    for (let i = -ring; i <= ring; i++) {
      candidates.push({ x: start.x + i * (width / 2), y: start.y - ring * height }, { x: start.x + i * (width / 2), y: start.y + ring * height });
      candidates.push({ x: start.x - ring * width, y: start.y + i * (height / 2) }, { x: start.x + ring * width, y: start.y + i * (height / 2) });
    }
    candidates.sort((a, b) => Math.hypot(a.x - start.x, a.y - start.y) - Math.hypot(b.x - start.x, b.y - start.y));
    const free = candidates.find((c) => !existing.some((v) => overlaps(v, c)));
    if (free) return free;
  }
  return { x: start.x, y: start.y + 200 * height };
}
