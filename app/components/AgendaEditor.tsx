// Rows for editing an agenda without JavaScript: the current phases and two blank rows.
import { phaseKinds, type Agenda } from "../../shared/agenda";

const kindLabels: Record<(typeof phaseKinds)[number], string> = {
  arrival: "Arrival",
  "check-in": "Check-in round",
  dialogue: "Dialogue",
  "systems-mapping": "Systems mapping",
  "check-out": "Check-out",
  other: "Other",
};

const cell = "block w-full rounded-md border border-stone-400 bg-white px-2 py-1.5 dark:border-stone-600 dark:bg-stone-900";

export function AgendaEditor({ agenda, error }: { agenda: Agenda; error?: string }) {
  const rows = [...agenda, { kind: "other" as const, title: "", minutes: "" }, { kind: "other" as const, title: "", minutes: "" }];
  return (
    <fieldset>
      <legend className="text-sm font-medium">Agenda phases</legend>
      <p className="text-sm text-stone-600 dark:text-stone-400">Clear a phase's name and minutes to remove it.</p>
      <div className="mt-2 space-y-2">
        {rows.map((phase, i) => (
          <div key={i} className="grid grid-cols-[1fr_6rem_10rem] gap-2">
            <input aria-label={`Phase ${i + 1} name`} name="phaseTitle" defaultValue={phase.title} className={cell} />
            <input aria-label={`Phase ${i + 1} minutes`} name="phaseMinutes" type="number" min={1} max={240} defaultValue={phase.minutes} className={cell} />
            <select aria-label={`Phase ${i + 1} kind`} name="phaseKind" defaultValue={phase.kind} className={cell}>
              {phaseKinds.map((k) => (
                <option key={k} value={k}>
                  {kindLabels[k]}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      {error ? <p className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">{error}</p> : null}
    </fieldset>
  );
}
