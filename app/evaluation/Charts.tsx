// The evaluation report's charts, drawn by the platform as SVG with the data table beside each:
// means on the five-point scale (one bar for each round or phase), and change with its 95% interval.
// Colours come in pairs that differ in lightness too, and every bar carries its number.
import { useId, type ReactNode } from "react";

const shades = ["fill-stone-400 dark:fill-stone-500", "fill-indigo-700 dark:fill-indigo-300"];
const fixed = (n: number | null, digits = 2) => (n === null ? "—" : n.toFixed(digits));

/** A chart's frame: its caption, the picture (with a text description), and its table beside it. */
function ChartFigure({ title, description, width, height, table, legend, children }: { title: string; description: string; width: number; height: number; table: ReactNode; legend?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <figure className="grid gap-4 lg:grid-cols-2" aria-labelledby={`${id}-title`}>
      <div>
        <figcaption id={`${id}-title`} className="mb-2 font-semibold">
          {title}
        </figcaption>
        <svg viewBox={`0 0 ${width} ${height}`} className="w-full" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
          <desc id={`${id}-desc`}>{description}</desc>
          {children}
        </svg>
        {legend}
      </div>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`${title}: the figures`}>
        {table}
      </div>
    </figure>
  );
}

export interface MeanRow {
  label: string;
  values: (number | null)[];
}

/** Grouped horizontal bars: for each row (a domain, an item), one bar per column, on 1 to 5. */
export function MeansChart({ title, columns, rows, table }: { title: string; columns: string[]; rows: MeanRow[]; table: ReactNode }) {
  const labelWidth = 170;
  const width = 560;
  const bar = 16;
  const group = columns.length * bar + 14;
  const x = (v: number) => labelWidth + ((v - 1) / 4) * (width - labelWidth - 50);
  const height = rows.length * group + 30;
  const legend = (
    <p className="mt-1 flex gap-4 text-sm" aria-hidden="true">
      {columns.map((c, i) => (
        <span key={c} className="flex items-center gap-1">
          <svg width="12" height="12" viewBox="0 0 12 12">
            <rect width="12" height="12" rx="2" className={shades[i % shades.length]} />
          </svg>
          {c}
        </span>
      ))}
    </p>
  );
  return (
    <ChartFigure
      title={title}
      description={rows.map((r) => `${r.label}: ${columns.map((c, i) => `${c} ${fixed(r.values[i])}`).join(", ")}`).join(". ")}
      width={width}
      height={height}
      table={table}
      legend={legend}
    >
      {[1, 2, 3, 4, 5].map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={0} y2={height - 22} className="stroke-stone-200 dark:stroke-stone-700" />
          <text x={x(tick)} y={height - 6} textAnchor="middle" className="fill-stone-700 text-[11px] dark:fill-stone-300">
            {tick}
          </text>
        </g>
      ))}
      {rows.map((row, r) => (
        <g key={row.label}>
          <text x={labelWidth - 8} y={r * group + group / 2 + 2} textAnchor="end" className="fill-stone-800 text-[12px] dark:fill-stone-200">
            {row.label.length > 26 ? `${row.label.slice(0, 25)}…` : row.label}
          </text>
          {row.values.map((v, c) =>
            v === null ? null : (
              <g key={c}>
                <rect x={x(1)} y={r * group + c * bar + 4} width={Math.max(2, x(v) - x(1))} height={bar - 3} rx={2} className={shades[c % shades.length]} />
                <text x={x(v) + 4} y={r * group + c * bar + 16} className="fill-stone-800 text-[11px] dark:fill-stone-200">
                  {fixed(v)}
                </text>
              </g>
            ),
          )}
        </g>
      ))}
    </ChartFigure>
  );
}

export interface ChangeRow {
  label: string;
  difference: number;
  low: number | null;
  high: number | null;
}

/** Mean change with its 95% interval, around zero. */
export function ChangeChart({ title, rows, table }: { title: string; rows: ChangeRow[]; table: ReactNode }) {
  const labelWidth = 170;
  const width = 560;
  const row = 30;
  const extent = Math.max(1, ...rows.flatMap((r) => [Math.abs(r.low ?? r.difference), Math.abs(r.high ?? r.difference)]));
  const x = (v: number) => labelWidth + ((v + extent) / (2 * extent)) * (width - labelWidth - 20);
  const height = rows.length * row + 30;
  return (
    <ChartFigure title={title} description={rows.map((r) => `${r.label}: change ${fixed(r.difference)}, 95% interval ${fixed(r.low)} to ${fixed(r.high)}`).join(". ")} width={width} height={height} table={table}>
      <line x1={x(0)} x2={x(0)} y1={0} y2={height - 22} className="stroke-stone-500" strokeDasharray="3 3" />
      {[-extent, 0, extent].map((tick) => (
        <text key={tick} x={x(tick)} y={height - 6} textAnchor="middle" className="fill-stone-700 text-[11px] dark:fill-stone-300">
          {tick > 0 ? `+${fixed(tick, 1)}` : fixed(tick, 1)}
        </text>
      ))}
      {rows.map((r, i) => {
        const y = i * row + row / 2;
        return (
          <g key={r.label}>
            <text x={labelWidth - 8} y={y + 4} textAnchor="end" className="fill-stone-800 text-[12px] dark:fill-stone-200">
              {r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label}
            </text>
            {r.low !== null && r.high !== null ? <line x1={x(r.low)} x2={x(r.high)} y1={y} y2={y} strokeWidth={2} className="stroke-indigo-700 dark:stroke-indigo-300" /> : null}
            <circle cx={x(r.difference)} cy={y} r={5} className="fill-indigo-700 dark:fill-indigo-300" />
          </g>
        );
      })}
    </ChartFigure>
  );
}
