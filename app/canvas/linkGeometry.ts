// Where a link runs between two boxes: a quadratic curve from border to border bent by its
// curvature (a self-link loops above its box), where its polarity sign sits (near the arrow end,
// beside the line) and where and at what angle its delay mark crosses it.
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LinkGeometry {
  path: string;
  sign: { x: number; y: number };
  delay: { x: number; y: number; angle: number } | null;
}

/** Where the line from a box's centre towards a point leaves the box. */
function borderPoint(box: Box, toward: { x: number; y: number }) {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const scale = 1 / Math.max(Math.abs(dx) / (box.w / 2 + 6), Math.abs(dy) / (box.h / 2 + 6));
  return { x: cx + dx * scale, y: cy + dy * scale };
}

const quad = (p0: number, c: number, p1: number, t: number) => (1 - t) ** 2 * p0 + 2 * (1 - t) * t * c + t ** 2 * p1;

export function linkGeometry(a: Box, b: Box, curvature: number, self: boolean): LinkGeometry {
  if (self) {
    const sx = a.x + a.w * 0.3;
    const ex = a.x + a.w * 0.7;
    const y = a.y - 4;
    return { path: `M ${sx} ${y} C ${sx - 30} ${y - 60}, ${ex + 30} ${y - 60}, ${ex} ${y}`, sign: { x: ex + 12, y: y - 14 }, delay: null };
  }
  const ac = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
  const bc = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  const mx = (ac.x + bc.x) / 2;
  const my = (ac.y + bc.y) / 2;
  const length = Math.hypot(bc.x - ac.x, bc.y - ac.y) || 1;
  const nx = -(bc.y - ac.y) / length;
  const ny = (bc.x - ac.x) / length;
  const control = { x: mx + nx * curvature * length * 0.5, y: my + ny * curvature * length * 0.5 };
  const start = borderPoint(a, control);
  const end = borderPoint(b, control);
  const t = 0.86;
  const px = quad(start.x, control.x, end.x, t);
  const py = quad(start.y, control.y, end.y, t);
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  return {
    path: `M ${start.x} ${start.y} Q ${control.x} ${control.y} ${end.x} ${end.y}`,
    sign: { x: px + nx * 14, y: py + ny * 14 },
    delay: { x: quad(start.x, control.x, end.x, 0.5), y: quad(start.y, control.y, end.y, 0.5), angle: (Math.atan2(dy, dx) * 180) / Math.PI },
  };
}

/** A box for a variable drawn without measuring it (the static map). */
export const estimatedBox = (v: { x: number; y: number; label: string }): Box => ({ x: v.x, y: v.y, w: Math.min(260, 26 + v.label.length * 7.5), h: 36 });
