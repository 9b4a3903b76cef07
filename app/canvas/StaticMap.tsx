// A causal loop map drawn as plain SVG, with no script: for viewing a saved version. Same shapes as
// the live editor: boxes, curved links with arrowheads, the polarity sign at the arrow end, "||"
// for a delay.
import type { Link, Variable } from "../../shared/cld/model";
import { estimatedBox, linkGeometry } from "./linkGeometry";
import { polaritySigns } from "../../shared/cld/loops";

/** A loop's label at the middle of its variables, as the editor marks it. */
export interface MapLoopMark {
  label: string;
  kind: "R" | "B" | "U";
  variableIds: string[];
}

/**
 * `frame`: the variables whose places set the picture's bounds (a replay frames every variable the
 * map ever had, so the picture holds still as the map grows); by default, those drawn.
 */
export function StaticMap({ variables, links, title, loops = [], frame = variables }: { variables: Variable[]; links: Link[]; title: string; loops?: MapLoopMark[]; frame?: Pick<Variable, "label" | "x" | "y">[] }) {
  const boxes = new Map(variables.map((v) => [v.id, estimatedBox(v)]));
  const all = frame.map((v) => estimatedBox(v));
  // A map's own picture includes the origin and a least size; a frame is exactly its variables.
  const origin = frame === variables || frame.length === 0;
  const minX = Math.min(origin ? 0 : Infinity, ...all.map((b) => b.x)) - 60;
  const minY = Math.min(origin ? 0 : Infinity, ...all.map((b) => b.y)) - 80;
  const maxX = Math.max(origin ? 400 : -Infinity, ...all.map((b) => b.x + b.w)) + 60;
  const maxY = Math.max(origin ? 300 : -Infinity, ...all.map((b) => b.y + b.h)) + 60;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={maxX - minX} height={maxY - minY} role="img" aria-label={`${title}: ${variables.length} variables, ${links.length} links`} viewBox={`${minX} ${minY} ${maxX - minX} ${maxY - minY}`} className="h-auto w-full rounded-xl border border-stone-200 bg-white dark:border-stone-800">
      <defs>
        <marker id="static-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#57534e" />
        </marker>
      </defs>
      {links.map((l) => {
        const g = linkGeometry(boxes.get(l.from)!, boxes.get(l.to)!, l.curvature, l.from === l.to);
        return (
          <g key={l.id}>
            <path d={g.path} fill="none" stroke="#57534e" strokeWidth={1.75} markerEnd="url(#static-arrow)" />
            {l.delay && g.delay ? (
              <g transform={`translate(${g.delay.x} ${g.delay.y}) rotate(${g.delay.angle})`}>
                <line x1={-3} y1={-9} x2={-3} y2={9} stroke="#57534e" strokeWidth={2} />
                <line x1={3} y1={-9} x2={3} y2={9} stroke="#57534e" strokeWidth={2} />
              </g>
            ) : null}
            <text x={g.sign.x} y={g.sign.y} textAnchor="middle" dominantBaseline="central" fontSize={16} fontWeight={700} fill={l.polarity === "-" ? "#991b1b" : l.polarity === "?" ? "#44403c" : "#065f46"}>
              {polaritySigns[l.polarity]}
            </text>
          </g>
        );
      })}
      {variables.map((v) => {
        const b = boxes.get(v.id)!;
        return (
          <g key={v.id}>
            <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={8} fill="#ffffff" stroke={v.color || "#a8a29e"} />
            <text x={b.x + b.w / 2} y={b.y + b.h / 2} textAnchor="middle" dominantBaseline="central" fontSize={13} fontWeight={500} fill="#1c1917" fontFamily="system-ui, sans-serif">
              {v.label}
            </text>
          </g>
        );
      })}
      {loops.map((loop) => {
        const placed = loop.variableIds.map((id) => boxes.get(id)).filter((b) => b !== undefined);
        if (!placed.length) return null;
        const x = placed.reduce((n, b) => n + b.x + b.w / 2, 0) / placed.length;
        const y = placed.reduce((n, b) => n + b.y + b.h / 2, 0) / placed.length;
        const [stroke, fill] = loop.kind === "R" ? ["#f97316", "#fff7ed"] : loop.kind === "B" ? ["#0284c7", "#f0f9ff"] : ["#78716c", "#f5f5f4"];
        return (
          <g key={loop.label}>
            <circle cx={x} cy={y} r={17} fill={fill} stroke={stroke} strokeWidth={2} />
            <text x={x} y={y} textAnchor="middle" dominantBaseline="central" fontSize={12} fontWeight={700} fill="#1c1917" fontFamily="system-ui, sans-serif">
              {loop.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
