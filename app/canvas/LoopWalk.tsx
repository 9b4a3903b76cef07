// Walking the loops together: the facilitator leads, stepping through the loops one by one in an
// order they can change; everyone on the map sees the loop highlighted, the rest dimmed, its kind
// and a reading in plain language.
import { loopKindNames } from "../../shared/cld/loops";
import { walkOrder, type Walk } from "../../shared/cld/walk";
import type { LoopView } from "./useCanvas";

const panel = "rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900";
const button = "rounded-md border border-stone-400 bg-white px-2 py-1 text-sm font-semibold disabled:opacity-50 dark:border-stone-600 dark:bg-stone-950";

/** The banner everyone sees while a walk is under way. */
export function WalkBanner({ walk, loop, reading }: { walk: Walk; loop: LoopView; reading: string }) {
  return (
    <div role="status" aria-live="polite" data-walk-loop={loop.label} className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-semibold">
        {walk.by} is walking the loops: loop {walk.at + 1} of {walk.order.length}, {loop.label}
        {loop.name ? ` “${loop.name}”` : ""} ({loopKindNames[loop.kind]})
      </p>
      <p className="mt-1">{reading}</p>
    </div>
  );
}

/** The facilitator's controls: start, step, reorder, end. */
export function WalkControls({ walk, loops, onWalk }: { walk: Walk | null; loops: LoopView[]; onWalk: (next: Omit<Walk, "by"> | null) => void }) {
  const labelOf = (key: string) => loops.find((l) => l.key === key)?.label ?? "?";
  if (!walk)
    return (
      <section aria-labelledby="walk-heading" className={panel}>
        <h2 id="walk-heading" className="mb-2 font-semibold">
          Walk the loops
        </h2>
        <p className="mb-2 text-sm text-stone-700 dark:text-stone-300">Step through the loops with everyone on the map, shortest first: each loop is highlighted and read aloud in plain words.</p>
        <button type="button" className={button} disabled={loops.length === 0} onClick={() => onWalk({ order: walkOrder(loops, labelOf), at: 0 })}>
          Walk the loops
        </button>
      </section>
    );
  const move = (from: number, to: number) => {
    const order = [...walk.order];
    const [key] = order.splice(from, 1);
    order.splice(to, 0, key);
    const current = walk.order[walk.at];
    onWalk({ order, at: order.indexOf(current) });
  };
  return (
    <section aria-labelledby="walk-heading" className={panel}>
      <h2 id="walk-heading" className="mb-2 font-semibold">
        Walk the loops
      </h2>
      <div className="mb-2 flex flex-wrap gap-2">
        <button type="button" className={button} disabled={walk.at === 0} onClick={() => onWalk({ order: walk.order, at: walk.at - 1 })}>
          Previous loop
        </button>
        <button type="button" className={button} disabled={walk.at >= walk.order.length - 1} onClick={() => onWalk({ order: walk.order, at: walk.at + 1 })}>
          Next loop
        </button>
        <button type="button" className={button} onClick={() => onWalk(null)}>
          End the walk
        </button>
      </div>
      <ol className="space-y-1 text-sm" aria-label="The walk's order">
        {walk.order.map((key, i) => (
          <li key={key} className={`flex items-center gap-1 rounded px-1 ${i === walk.at ? "bg-amber-100 font-semibold dark:bg-amber-900" : ""}`}>
            <button type="button" className="mr-auto text-left underline" onClick={() => onWalk({ order: walk.order, at: i })} aria-current={i === walk.at ? "step" : undefined}>
              {i + 1}. {labelOf(key)}
            </button>
            <button type="button" className={button} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`Walk ${labelOf(key)} earlier`}>
              ↑
            </button>
            <button type="button" className={button} disabled={i === walk.order.length - 1} onClick={() => move(i, i + 1)} aria-label={`Walk ${labelOf(key)} later`}>
              ↓
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
