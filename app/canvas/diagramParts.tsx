// How variables and links look on the map: a variable is a labelled box; a link is a curve from
// box edge to box edge with an arrowhead, its polarity sign at the arrow end (as Vensim and Kumu
// draw it) and a "||" across its middle when it has a delay.
import { BaseEdge, EdgeLabelRenderer, Handle, Position, useInternalNode, type EdgeProps, type NodeProps, type Node, type Edge } from "@xyflow/react";

import { linkGeometry, type Box } from "./linkGeometry";
import { polaritySigns, type Polarity } from "../../shared/cld/loops";

export type VariableNodeData = { label: string; highlighted: boolean; dimmed?: boolean; peerColor: string | null; signal: 1 | -1 | null };
export type VariableNodeType = Node<VariableNodeData, "variable">;
export type LinkEdgeData = { polarity: Polarity; delay: boolean; curvature: number; highlighted: boolean; dimmed?: boolean };
export type LinkEdgeType = Edge<LinkEdgeData, "link">;

export function VariableNode({ data, selected }: NodeProps<VariableNodeType>) {
  const ring = data.highlighted ? "ring-4 ring-amber-400" : selected ? "ring-2 ring-indigo-600" : "";
  return (
    <div
      data-dimmed={data.dimmed ? "true" : undefined}
      className={`relative rounded-lg border border-stone-400 bg-white px-3 py-2 text-sm font-medium text-stone-900 shadow-sm transition-opacity dark:border-stone-500 dark:bg-stone-800 dark:text-stone-100 ${data.dimmed ? "opacity-35" : ""} ${ring}`} style={data.peerColor ? { outline: `2px dashed ${data.peerColor}`, outlineOffset: 3 } : undefined}>
      <Handle type="target" position={Position.Left} className="!size-2 !bg-stone-400" />
      {data.label}
      {data.signal ? (
        <span className={`absolute -top-3 -right-3 flex size-6 items-center justify-center rounded-full text-sm font-bold text-white shadow ${data.signal > 0 ? "bg-emerald-700" : "bg-red-700"}`} aria-label={data.signal > 0 ? "going up" : "going down"}>
          {data.signal > 0 ? "▲" : "▼"}
        </span>
      ) : null}
      <Handle type="source" position={Position.Right} className="!size-2 !bg-indigo-600" />
    </div>
  );
}

export function LinkEdge({ id, source, target, data, markerEnd, selected }: EdgeProps<LinkEdgeType>) {
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  if (!from || !to || !data) return null;
  const a: Box = { x: from.internals.positionAbsolute.x, y: from.internals.positionAbsolute.y, w: from.measured.width ?? 100, h: from.measured.height ?? 36 };
  const b: Box = { x: to.internals.positionAbsolute.x, y: to.internals.positionAbsolute.y, w: to.measured.width ?? 100, h: to.measured.height ?? 36 };
  const { path, sign, delay } = linkGeometry(a, b, data.curvature, source === target);
  const stroke = data.highlighted ? "#d97706" : selected ? "#4338ca" : "#57534e";
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={{ stroke, strokeWidth: data.highlighted || selected ? 3 : 1.75, opacity: data.dimmed ? 0.3 : 1 }} />
      {data.delay && delay ? (
        <g transform={`translate(${delay.x} ${delay.y}) rotate(${delay.angle})`} aria-hidden="true">
          <line x1={-3} y1={-9} x2={-3} y2={9} stroke={stroke} strokeWidth={2} />
          <line x1={3} y1={-9} x2={3} y2={9} stroke={stroke} strokeWidth={2} />
        </g>
      ) : null}
      <EdgeLabelRenderer>
        <div
          className={`nodrag nopan pointer-events-none absolute flex size-5 items-center justify-center rounded-full text-sm font-bold ${data.polarity === "-" ? "bg-red-100 text-red-900" : data.polarity === "?" ? "bg-stone-200 text-stone-900" : "bg-emerald-100 text-emerald-900"}`}
          style={{ transform: `translate(-50%, -50%) translate(${sign.x}px, ${sign.y}px)` }}
        >
          {polaritySigns[data.polarity]}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
