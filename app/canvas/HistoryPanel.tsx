// How the map was built: who added and last changed the selected element, a timeline to replay the
// map's making step by step, and, for facilitators, each person's share. Read from the server's
// history of the canvas (decision 0020), fetched when asked for and after each selection.
import { useCallback, useEffect, useRef, useState } from "react";
import { contributionsOf, describeEvent, provenanceOf, replay, type HistoryEvent } from "../../shared/cld/history";
import { StaticMap } from "./StaticMap";

const panel = "rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900";
const button = "rounded-md border border-stone-400 bg-white px-2 py-1 text-sm font-semibold disabled:opacity-50 dark:border-stone-600 dark:bg-stone-950";

export interface CanvasHistoryData {
  events: HistoryEvent[];
  people: Record<string, string>;
}

/** A selection asks for the history again at most this often; "Now" always does. */
const freshForMs = 5000;

export function useCanvasHistory(canvasId: string) {
  const [history, setHistory] = useState<CanvasHistoryData | null>(null);
  const [failed, setFailed] = useState(false);
  const fetchedAt = useRef(0);
  const refresh = useCallback(async (force = false) => {
    if (!force && Date.now() - fetchedAt.current < freshForMs) return;
    fetchedAt.current = Date.now();
    try {
      const response = await fetch(`/canvases/${canvasId}/history`, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      setHistory((await response.json()) as CanvasHistoryData);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [canvasId]);
  return { history, failed, refresh };
}

const when = (at: string) => new Date(at).toLocaleString("en-CA", { dateStyle: "medium", timeStyle: "short" });
const personName = (history: CanvasHistoryData) => (userId: string | null) => (userId ? (history.people[userId] ?? "Someone who has left") : "CSL Commons");

/** Beside the selected element: who added it and when, and who last changed it. */
export function ProvenanceNote({ history, elementId }: { history: CanvasHistoryData | null; elementId: string }) {
  if (!history) return null;
  const { added, changed } = provenanceOf(history.events, elementId);
  if (!added) return null;
  const name = personName(history);
  return (
    <p data-provenance className={`${panel} text-sm text-stone-700 dark:text-stone-300`}>
      {added.present ? `On the map before its history began (${when(added.at)})` : `Added by ${added.by ? name(added.by) : "the map's start (a template, an import or a version)"}, ${when(added.at)}`}
      {changed ? ` · last changed by ${name(changed.by)}, ${when(changed.at)}` : ""}
    </p>
  );
}

/** The timeline: replay the map's making, and each person's share. */
export function HistoryPanel({ title, history, failed, onOpen, facilitator }: { title: string; history: CanvasHistoryData | null; failed: boolean; onOpen: (force: boolean) => void; facilitator: boolean }) {
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<number | null>(null);
  const total = history?.events.length ?? 0;
  const at = Math.min(step ?? total, total);
  useEffect(() => {
    if (open) onOpen(true);
  }, [open, onOpen]);
  const name = history ? personName(history) : () => "";
  const shown = history ? replay(history.events, at) : { variables: [], links: [] };
  const labelOf = (id: string) => {
    for (let i = at - 1; i >= 0 && history; i--) {
      const e = history.events[i];
      if (e.elementId === id && e.value && "label" in e.value) return e.value.label;
    }
    return "a variable since removed";
  };
  return (
    <section aria-labelledby="history-heading" className={panel}>
      <h2 id="history-heading" className="mb-2 font-semibold">
        How the map was built
      </h2>
      {!open ? (
        <button type="button" className={button} onClick={() => setOpen(true)}>
          Replay its history
        </button>
      ) : failed ? (
        <p role="alert" className="text-sm">
          The history could not be loaded. Try again in a moment.
        </p>
      ) : !history ? (
        <p role="status" className="text-sm">
          Loading the history…
        </p>
      ) : total === 0 ? (
        <p className="text-sm">Nothing has been added to this map yet.</p>
      ) : (
        <div className="space-y-2">
          <label className="block text-sm font-medium" htmlFor="history-step">
            Step {at} of {total}
          </label>
          <input id="history-step" type="range" min={0} max={total} value={at} onChange={(e) => setStep(Number(e.target.value))} className="w-full" aria-valuetext={`Step ${at} of ${total}`} />
          <div className="flex gap-2">
            <button type="button" className={button} disabled={at === 0} onClick={() => setStep(Math.max(0, at - 1))}>
              Back
            </button>
            <button type="button" className={button} disabled={at >= total} onClick={() => setStep(Math.min(total, at + 1))}>
              Forward
            </button>
            <button
              type="button"
              className={button}
              onClick={() => {
                setStep(null);
                onOpen(true);
              }}
            >
              Now
            </button>
          </div>
          <p role="status" aria-live="polite" className="text-sm" data-history-step>
            {at === 0 ? "The empty map." : `${when(history.events[at - 1].at)}: ${describeEvent(history.events[at - 1], name, labelOf)}`}
          </p>
          <StaticMap
            title={`${title} at step ${at}`}
            frame={history.events.flatMap((e) => (e.value && "label" in e.value ? [e.value] : []))}
            variables={shown.variables.map((v) => ({ ...v, notes: "", color: "" }))}
            links={shown.links.map((l) => ({ ...l, curvature: 0.25, label: "" }))}
          />
          {facilitator ? <Contributions history={history} /> : null}
        </div>
      )}
    </section>
  );
}

function Contributions({ history }: { history: CanvasHistoryData }) {
  const rows = contributionsOf(history.events);
  const name = personName(history);
  if (rows.length === 0) return null;
  return (
    <table className="w-full text-left text-sm">
      <caption className="mb-1 text-left font-semibold">Contributions per person</caption>
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Variables added</th>
          <th scope="col">Links added</th>
          <th scope="col">Changes</th>
          <th scope="col">Removals</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.userId ?? "platform"}>
            <th scope="row" className="font-normal">
              {name(r.userId)}
            </th>
            <td>{r.variablesAdded}</td>
            <td>{r.linksAdded}</td>
            <td>{r.changes}</td>
            <td>{r.removals}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
