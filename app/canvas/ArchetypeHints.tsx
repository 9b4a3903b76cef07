// Beside the loops: structures in the group's own map that look like one of Senge's archetypes,
// offered as hypotheses, each with its loops to show on the map and the archetype's practice page.
// A facilitator's dismissal sets a hint aside for everyone on the map; anyone else's, for them.
import { archetypeNames, archetypePageHref, describeHint, hintId, type ArchetypeHint } from "../../shared/cld/archetypes";

const maxShown = 5;
const panel = "rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900";
const button = "rounded-md border border-stone-400 bg-white px-2 py-1 text-sm font-semibold dark:border-stone-600 dark:bg-stone-950";

export function ArchetypeHints({
  hints,
  dismissed,
  hasLoops,
  shown,
  loopLabel,
  variableLabel,
  onShow,
  onDismiss,
}: {
  hints: ArchetypeHint[];
  dismissed: ReadonlySet<string>;
  hasLoops: boolean;
  /** The hint whose loops are highlighted on the map. */
  shown: string | null;
  loopLabel: (key: string) => string;
  variableLabel: (id: string) => string;
  onShow: (id: string | null) => void;
  onDismiss: (id: string) => void;
}) {
  const open = hints.filter((h) => !dismissed.has(hintId(h)));
  // A map with many loops on one variable can hold many small matches: the first few, and a count.
  const listed = open.slice(0, maxShown);
  if (!hasLoops) return null;
  return (
    <section aria-labelledby="hints-heading" className={panel}>
      <h2 id="hints-heading" className="mb-2 font-semibold">
        Archetype hints
      </h2>
      {open.length === 0 ? (
        <p className="text-sm text-stone-700 dark:text-stone-300">{hints.length === 0 ? "No archetype recognised in this map's loops." : "Every hint for this map has been set aside."}</p>
      ) : (
        <ul className="space-y-3 text-sm" aria-live="polite">
          {listed.map((hint) => {
            const id = hintId(hint);
            return (
              <li key={id} data-hint={hint.archetype}>
                <p>{describeHint(hint, loopLabel, variableLabel)}</p>
                <div className="mt-1 flex flex-wrap items-center gap-2">
                  <button type="button" className={button} aria-pressed={shown === id} onClick={() => onShow(shown === id ? null : id)}>
                    {shown === id ? "Hide its loops" : "Show its loops"}
                  </button>
                  <a className="font-semibold text-indigo-800 underline dark:text-indigo-200" href={archetypePageHref(hint.archetype)} target="_blank" rel="noopener noreferrer">
                    About {archetypeNames[hint.archetype]}
                  </a>
                  <button type="button" className={button} onClick={() => onDismiss(id)} aria-label={`Dismiss the ${archetypeNames[hint.archetype]} hint for this map`}>
                    Dismiss
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {open.length > listed.length ? <p className="mt-2 text-sm">{open.length - listed.length} more possible archetypes are not shown: dismiss these to see them.</p> : null}
      <p className="mt-2 text-xs text-stone-700 dark:text-stone-300">A hint is a hypothesis from the loops&apos; shape, not a verdict: talk it over.</p>
    </section>
  );
}
