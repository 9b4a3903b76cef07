// How variables and links look on the map: a variable is a labelled box; a link is a curve from
// box edge to box edge with an arrowhead, its polarity sign at the arrow end (as Vensim and Kumu
// draw it) and a "||" across its middle when it has a delay.
import { BaseEdge, EdgeLabelRenderer, Handle, Position, useInternalNode, type EdgeProps, type NodeProps, type Node, type Edge } from "@xyflow/react";

export type VariableNodeData = { label: string; highlighted: boolean; peerColor: string | null };
export type VariableNodeType = Node<VariableNodeData, "variable">;
export type LinkEdgeData = { polarity: "+" | "-"; delay: boolean; curvature: number; highlighted: boolean };
export type LinkEdgeType = Edge<LinkEdgeData, "link">;

export function VariableNode({ data, selected }: NodeProps<VariableNodeType>) {
  const ring = data.highlighted ? "ring-4 ring-amber-400" : selected ? "ring-2 ring-indigo-600" : "";
  return (
    <div className={`rounded-lg border border-stone-400 bg-white px-3 py-2 text-sm font-medium text-stone-900 shadow-sm dark:border-stone-500 dark:bg-stone-800 dark:text-stone-100 ${ring}`} style={data.peerColor ? { outline: `2px dashed ${data.peerColor}`, outlineOffset: 3 } : undefined}>
      <Handle type="target" position={Position.Left} className="!size-2 !bg-stone-400" />
      {data.label}
      <Handle type="source" position={Position.Right} className="!size-2 !bg-indigo-600" />
    </div>
  );
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
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

export function LinkEdge({ id, source, target, data, markerEnd, selected }: EdgeProps<LinkEdgeType>) {
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  if (!from || !to || !data) return null;
  const a: Box = { x: from.internals.positionAbsolute.x, y: from.internals.positionAbsolute.y, w: from.measured.width ?? 100, h: from.measured.height ?? 36 };
  const b: Box = { x: to.internals.positionAbsolute.x, y: to.internals.positionAbsolute.y, w: to.measured.width ?? 100, h: to.measured.height ?? 36 };
  let path: string;
  let sign: { x: number; y: number };
  let delay: { x: number; y: number; angle: number } | null = null;
  if (source === target) {
    // A self-link: a loop above the box.
    const sx = a.x + a.w * 0.3;
    const ex = a.x + a.w * 0.7;
    const y = a.y - 4;
    path = `M ${sx} ${y} C ${sx - 30} ${y - 60}, ${ex + 30} ${y - 60}, ${ex} ${y}`;
    sign = { x: ex + 12, y: y - 14 };
  } else {
    const ac = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
    const bc = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
    const mx = (ac.x + bc.x) / 2;
    const my = (ac.y + bc.y) / 2;
    const length = Math.hypot(bc.x - ac.x, bc.y - ac.y) || 1;
    const nx = -(bc.y - ac.y) / length;
    const ny = (bc.x - ac.x) / length;
    const control = { x: mx + nx * data.curvature * length * 0.5, y: my + ny * data.curvature * length * 0.5 };
    const start = borderPoint(a, control);
    const end = borderPoint(b, control);
    path = `M ${start.x} ${start.y} Q ${control.x} ${control.y} ${end.x} ${end.y}`;
    const t = 0.86;
    const px = quad(start.x, control.x, end.x, t);
    const py = quad(start.y, control.y, end.y, t);
    sign = { x: px + nx * 14, y: py + ny * 14 };
    const dx = 2 * (1 - 0.5) * (control.x - start.x) + 2 * 0.5 * (end.x - control.x);
    const dy = 2 * (1 - 0.5) * (control.y - start.y) + 2 * 0.5 * (end.y - control.y);
    delay = { x: quad(start.x, control.x, end.x, 0.5), y: quad(start.y, control.y, end.y, 0.5), angle: (Math.atan2(dy, dx) * 180) / Math.PI };
  }
  const stroke = data.highlighted ? "#d97706" : selected ? "#4338ca" : "#57534e";
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={{ stroke, strokeWidth: data.highlighted || selected ? 3 : 1.75 }} />
      {data.delay && delay ? (
        <g transform={`translate(${delay.x} ${delay.y}) rotate(${delay.angle})`} aria-hidden="true">
          <line x1={-3} y1={-9} x2={-3} y2={9} stroke={stroke} strokeWidth={2} />
          <line x1={3} y1={-9} x2={3} y2={9} stroke={stroke} strokeWidth={2} />
        </g>
      ) : null}
      <EdgeLabelRenderer>
        <div
          className={`nodrag nopan pointer-events-none absolute flex size-5 items-center justify-center rounded-full text-sm font-bold ${data.polarity === "-" ? "bg-red-100 text-red-900" : "bg-emerald-100 text-emerald-900"}`}
          style={{ transform: `translate(-50%, -50%) translate(${sign.x}px, ${sign.y}px)` }}
        >
          {data.polarity === "-" ? "−" : "+"}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
