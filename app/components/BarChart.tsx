// A horizontal bar chart drawn by the platform (SVG, no library, no scripts), always with its data
// table: the picture for the eye, the table for screen readers and for copying the figures.
import { useId } from "react";

export interface Bar {
  label: string;
  value: number;
}

export function BarChart({ title, bars, unit }: { title: string; bars: Bar[]; unit: string }) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  const labelWidth = 220;
  const width = 580;
  const barSpace = width - labelWidth - 60;
  return (
    <figure className="space-y-2">
      <figcaption id={`${id}-title`} className="font-semibold">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${bars.length * row + 4}`} className="w-full max-w-xl" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-table`}>
        {bars.map((b, i) => {
          const w = Math.round((b.value / max) * barSpace);
          const y = i * row + 2;
          return (
            <g key={b.label}>
              <text x={labelWidth - 8} y={y + 16} textAnchor="end" className="fill-stone-800 text-[12px] dark:fill-stone-200">
                {b.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={Math.max(w, b.value > 0 ? 2 : 0)} height={row - 8} rx={3} className="fill-indigo-700 dark:fill-indigo-300" />
              <text x={labelWidth + w + 6} y={y + 16} className="fill-stone-800 text-[12px] dark:fill-stone-200">
                {b.value.toLocaleString("en-CA")}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary className="cursor-pointer text-sm">The figures</summary>
        <table id={`${id}-table`} className="mt-1 text-sm">
          <thead>
            <tr>
              <th scope="col" className="pr-6 text-left">
                {title}
              </th>
              <th scope="col" className="text-right">
                {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.label}>
                <th scope="row" className="pr-6 text-left font-normal">
                  {b.label}
                </th>
                <td className="text-right">{b.value.toLocaleString("en-CA")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
