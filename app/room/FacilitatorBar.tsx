// The facilitator's controls, grouped in one bar that members never see.
import { useState } from "react";
import type { Agenda } from "../../shared/agenda";
import type { Person, RoomState } from "../../shared/room/state";
import type { LoopReading } from "../../shared/events";
import type { RoomSend } from "./useRoom";
import { PracticeControls } from "./PracticeControls";

const group = "flex flex-wrap items-end gap-2 rounded-xl border border-stone-200 bg-stone-50 p-3 dark:border-stone-700 dark:bg-stone-900";
const small = "rounded-md border border-stone-400 bg-white px-2 py-1.5 text-sm dark:border-stone-600 dark:bg-stone-950";
const button = "rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-800 disabled:opacity-50 dark:bg-indigo-300 dark:text-indigo-950";
const quiet = "rounded-md border border-stone-400 bg-white px-3 py-1.5 text-sm font-semibold dark:border-stone-600 dark:bg-stone-950";
const label = "block text-xs font-medium text-stone-700 dark:text-stone-300";

export function FacilitatorBar({
  state,
  agenda,
  people,
  canvases,
  send,
  onResult,
}: {
  state: RoomState;
  agenda: Agenda;
  people: Person[];
  canvases: { id: string; title: string }[];
  send: RoomSend;
  onResult: (error: string | null) => void;
}) {
  const [prompt, setPrompt] = useState("How are you arriving today?");
  const [order, setOrder] = useState<"join" | "shuffle">("join");
  // The tools used now and then fold away, so the circle, hands and chat stay in view on a laptop.
  const [toolsOpen, setToolsOpen] = useState(false);
  const [phoneOpen, setPhoneOpen] = useState(false);
  const [timebox, setTimebox] = useState("");
  const [minutes, setMinutes] = useState("5");
  const [groups, setGroups] = useState("3");
  const [breakoutMinutes, setBreakoutMinutes] = useState("10");
  const [resource, setResource] = useState("");
  const [splitMode, setSplitMode] = useState<"groups" | "size" | "manual">("groups");
  const [assignments, setAssignments] = useState<Record<string, string>>({});
  const [groupMaps, setGroupMaps] = useState(false);
  const [mapChoice, setMapChoice] = useState(canvases[0]?.id ?? "");
  const [newMap, setNewMap] = useState("");
  // A loop of the map in focus as the round's prompt: the map's loops, fetched when asked for.
  const [mapLoops, setMapLoops] = useState<{ canvasId: string; loops: LoopReading[] } | null>(null);
  const [loopKey, setLoopKey] = useState("");
  const focusMap = state.focus?.kind === "canvas" ? state.focus : null;
  const roundLoop = focusMap && mapLoops?.canvasId === focusMap.target && loopKey ? { canvasId: focusMap.target, loopKey } : undefined;
  const run = async (promise: Promise<{ ok: boolean; error?: string }>) => {
    const reply = await promise;
    onResult(reply.ok ? null : (reply.error ?? "That did not work."));
  };
  const round = state.round && state.round.endedAt === null ? state.round : null;
  const phase = state.phaseIndex;

  return (
    <section aria-labelledby="facilitator-heading" className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h2 id="facilitator-heading" className="text-sm font-semibold uppercase tracking-wide text-stone-700 dark:text-stone-300">
          Facilitator controls
        </h2>
        {/* On a phone the controls fold away so that the circle, hands and chat stay in view. */}
        <button type="button" className={`${quiet} lg:hidden`} aria-expanded={phoneOpen} aria-controls="facilitator-controls" onClick={() => setPhoneOpen(!phoneOpen)}>
          {phoneOpen ? "Hide controls" : "Show controls"}
        </button>
      </div>
      <div id="facilitator-controls" className={`${phoneOpen ? "flex" : "hidden"} flex-wrap gap-2 lg:flex`}>
        <div className={group} role="group" aria-label="Agenda">
          <button type="button" className={quiet} disabled={phase === null || phase === 0} onClick={() => run(send("phase:set", { index: (phase ?? 1) - 1 }))}>
            Previous phase
          </button>
          <button type="button" className={button} disabled={phase !== null && phase >= agenda.length - 1} onClick={() => run(send("phase:set", { index: phase === null ? 0 : phase + 1 }))}>
            {phase === null ? `Begin: ${agenda[0]?.title ?? "first phase"}` : `Next: ${agenda[phase + 1]?.title ?? "—"}`}
          </button>
        </div>

        <div className={group} role="group" aria-label="Round">
          {round ? (
            <>
              <button type="button" className={quiet} onClick={() => run(send("round:skip", {}))}>
                Skip
              </button>
              {round.held ? (
                <button type="button" className={quiet} onClick={() => run(send("round:takeBack", {}))}>
                  Take the piece back
                </button>
              ) : (
                <button type="button" className={button} onClick={() => run(send("round:giveBack", {}))}>
                  Give the piece on
                </button>
              )}
              <button type="button" className={quiet} onClick={() => run(send("round:end", {}))}>
                End round
              </button>
              <WaitingOrder waiting={round.order.slice(round.position + 1)} nameOf={(id) => people.find((p) => p.userId === id)?.name ?? "Someone who left"} onReorder={(waiting) => run(send("round:reorder", { waiting }))} />
            </>
          ) : (
            <>
              <div>
                <label htmlFor="round-prompt" className={label}>
                  Round prompt
                </label>
                <input id="round-prompt" className={`${small} w-56`} value={prompt} maxLength={200} onChange={(e) => setPrompt(e.target.value)} />
              </div>
              <div>
                <label htmlFor="round-order" className={label}>
                  Order
                </label>
                <select id="round-order" className={small} value={order} onChange={(e) => setOrder(e.target.value as "join" | "shuffle")}>
                  <option value="join">As people arrived</option>
                  <option value="shuffle">Shuffled</option>
                </select>
              </div>
              <div>
                <label htmlFor="round-timebox" className={label}>
                  Seconds each (optional)
                </label>
                <input id="round-timebox" className={`${small} w-24`} type="number" min={15} max={900} value={timebox} onChange={(e) => setTimebox(e.target.value)} />
              </div>
              {focusMap ? (
                mapLoops?.canvasId === focusMap.target ? (
                  <div>
                    <label htmlFor="round-loop" className={label}>
                      A loop of the map as the prompt
                    </label>
                    <select
                      id="round-loop"
                      className={`${small} max-w-64`}
                      value={loopKey}
                      onChange={(e) => {
                        setLoopKey(e.target.value);
                        if (e.target.value) setPrompt("What do you see in this loop?");
                      }}
                    >
                      <option value="">No loop</option>
                      {mapLoops.loops.map((l) => (
                        <option key={l.key} value={l.key}>
                          {l.label}
                          {l.name ? ` “${l.name}”` : ""}: {l.reading.slice(0, 80)}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : (
                  <button
                    type="button"
                    className={quiet}
                    onClick={async () => {
                      const reply = await send("canvas:loops", { canvasId: focusMap.target });
                      onResult(reply.ok ? null : reply.error);
                      if (reply.ok) {
                        setMapLoops({ canvasId: focusMap.target, loops: reply.data.loops });
                        setLoopKey("");
                        if (reply.data.loops.length === 0) onResult("That map has no loops yet.");
                      }
                    }}
                  >
                    Use a loop of the map
                  </button>
                )
              ) : null}
              <button type="button" className={button} onClick={() => run(send("round:start", { prompt, order, timeboxSeconds: timebox ? Number(timebox) : null, ...(roundLoop ? { loop: roundLoop } : {}) }))}>
                Start round
              </button>
            </>
          )}
        </div>

        <div className={group} role="group" aria-label="Hands">
          <button type="button" className={button} disabled={state.hands.queue.length === 0} onClick={() => run(send("hand:callNext", {}))}>
            Call next hand
          </button>
          {state.hands.called ? (
            <button type="button" className={quiet} onClick={() => run(send("hand:clearFloor", {}))}>
              Clear the floor
            </button>
          ) : null}
        </div>

        <PracticeControls state={state} send={send} run={run} />

        <details className="min-w-64 flex-1 rounded-lg border border-stone-200 bg-white px-3 py-2 open:basis-full dark:border-stone-800 dark:bg-stone-900" open={toolsOpen} onToggle={(e) => setToolsOpen((e.target as HTMLDetailsElement).open)}>
          <summary className="cursor-pointer text-sm font-semibold">Timer, breakouts, spotlight and maps</summary>
          <div className="mt-2 flex flex-wrap gap-2">
        <div className={group} role="group" aria-label="Timer">
          <div>
            <label htmlFor="timer-minutes" className={label}>
              Minutes
            </label>
            <input id="timer-minutes" className={`${small} w-16`} type="number" min={1} max={120} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          </div>
          <button
            type="button"
            className={button}
            onClick={async () => {
              const set = await send("timer:set", { seconds: Math.round(Number(minutes) * 60) });
              await run(set.ok ? send("timer:start", {}) : Promise.resolve(set));
            }}
          >
            Start timer
          </button>
          {state.timer.endsAt !== null ? (
            <button type="button" className={quiet} onClick={() => run(send("timer:pause", {}))}>
              Pause
            </button>
          ) : state.timer.remainingMs > 0 ? (
            <button type="button" className={quiet} onClick={() => run(send("timer:start", {}))}>
              Resume
            </button>
          ) : null}
          <button type="button" className={quiet} onClick={() => run(send("timer:reset", {}))}>
            Reset
          </button>
        </div>

        <div className={group} role="group" aria-label="Breakout groups">
          {state.breakouts ? (
            <button type="button" className={button} onClick={() => run(send("breakout:end", {}))}>
              Return everyone
            </button>
          ) : (
            <>
              <div>
                <label htmlFor="breakout-mode" className={label}>
                  Split
                </label>
                <select id="breakout-mode" className={small} value={splitMode} onChange={(e) => setSplitMode(e.target.value as typeof splitMode)}>
                  <option value="groups">Into a number of groups</option>
                  <option value="size">Into groups of a size</option>
                  <option value="manual">By hand</option>
                </select>
              </div>
              {splitMode !== "manual" ? (
                <div>
                  <label htmlFor="breakout-groups" className={label}>
                    {splitMode === "groups" ? "Groups" : "People each"}
                  </label>
                  <input id="breakout-groups" className={`${small} w-16`} type="number" min={2} max={50} value={groups} onChange={(e) => setGroups(e.target.value)} />
                </div>
              ) : null}
              <div>
                <label htmlFor="breakout-minutes" className={label}>
                  Minutes
                </label>
                <input id="breakout-minutes" className={`${small} w-16`} type="number" min={1} max={120} value={breakoutMinutes} onChange={(e) => setBreakoutMinutes(e.target.value)} />
              </div>
              <button
                type="button"
                className={button}
                onClick={() => {
                  const plan =
                    splitMode === "manual"
                      ? { mode: "manual" as const, groups: groupsByHand(assignments) }
                      : splitMode === "size"
                        ? { mode: "size" as const, size: Number(groups) }
                        : { mode: "groups" as const, count: Number(groups) };
                  void run(send("breakout:start", { plan, minutes: Number(breakoutMinutes), withCanvases: groupMaps }));
                }}
              >
                Start breakouts
              </button>
              <label className="flex items-center gap-1 text-sm">
                <input type="checkbox" checked={groupMaps} onChange={(e) => setGroupMaps(e.target.checked)} className="size-4" />
                A map for each group
              </label>
              {splitMode === "manual" ? (
                <fieldset className="w-full">
                  <legend className={label}>Group number for each person</legend>
                  <ul className="mt-1 flex flex-wrap gap-3">
                    {people
                      .filter((p) => p.role !== "facilitator")
                      .map((p) => (
                        <li key={p.userId} className="flex items-center gap-1 text-sm">
                          <label htmlFor={`assign-${p.userId}`}>{p.name}</label>
                          <input
                            id={`assign-${p.userId}`}
                            type="number"
                            min={1}
                            max={50}
                            className={`${small} w-14`}
                            value={assignments[p.userId] ?? ""}
                            onChange={(e) => setAssignments({ ...assignments, [p.userId]: e.target.value })}
                          />
                        </li>
                      ))}
                  </ul>
                </fieldset>
              ) : null}
            </>
          )}
        </div>

        <div className={group} role="group" aria-label="Spotlight and focus">
          <div>
            <label htmlFor="spotlight" className={label}>
              Spotlight
            </label>
            <select id="spotlight" className={small} value={state.spotlight ?? ""} onChange={(e) => run(send("spotlight:set", { userId: e.target.value || null }))}>
              <option value="">Nobody</option>
              {people.map((p) => (
                <option key={p.userId} value={p.userId}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="focus-url" className={label}>
              Bring everyone to (https link)
            </label>
            <input id="focus-url" className={`${small} w-48`} value={resource} onChange={(e) => setResource(e.target.value)} />
          </div>
          <button
            type="button"
            className={quiet}
            onClick={() => run(send("focus:set", { focus: state.focus && !resource ? null : { kind: "resource", target: resource, label: "Shared resource" } }))}
          >
            {state.focus && !resource ? "Stop sharing" : "Share"}
          </button>
        </div>

        <div className={group} role="group" aria-label="Maps">
          {canvases.length > 0 ? (
            <>
              <div>
                <label htmlFor="map-choice" className={label}>
                  Causal loop map
                </label>
                <select id="map-choice" className={`${small} w-48`} value={mapChoice} onChange={(e) => setMapChoice(e.target.value)}>
                  {canvases.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                className={quiet}
                onClick={() => run(send("focus:set", { focus: { kind: "canvas", target: mapChoice, label: canvases.find((c) => c.id === mapChoice)?.title ?? "Map" } }))}
              >
                Bring everyone
              </button>
            </>
          ) : null}
          <div>
            <label htmlFor="new-map" className={label}>
              New map for this meeting
            </label>
            <input id="new-map" className={`${small} w-48`} value={newMap} maxLength={120} placeholder="What are we mapping?" onChange={(e) => setNewMap(e.target.value)} />
          </div>
          <button type="button" className={button} onClick={() => run(send("canvas:new", { title: newMap || "Our map" }))}>
            Start and bring everyone
          </button>
        </div>

        </div>
        </details>
        <div className={group} role="group" aria-label="Session">
          <button
            type="button"
            className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-semibold text-white dark:bg-red-300 dark:text-red-950"
            onClick={() => {
              if (window.confirm("End the session for everyone?")) void run(send("room:end", {}));
            }}
          >
            End session
          </button>
        </div>
      </div>
    </section>
  );
}

/** Who is still waiting for the piece, with buttons to move a person earlier or later. */
function WaitingOrder({ waiting, nameOf, onReorder }: { waiting: string[]; nameOf: (id: string) => string; onReorder: (waiting: string[]) => void }) {
  if (waiting.length < 2) return null;
  const move = (from: number, to: number) => {
    const next = [...waiting];
    const [id] = next.splice(from, 1);
    next.splice(to, 0, id);
    onReorder(next);
  };
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-semibold">Change who is next ({waiting.length} waiting)</summary>
      <ol className="mt-2 space-y-1">
        {waiting.map((id, i) => (
          <li key={id} className="flex items-center gap-2">
            <span className="w-40 truncate">
              {i + 1}. {nameOf(id)}
            </span>
            <button type="button" className={quiet} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`Move ${nameOf(id)} earlier`}>
              Earlier
            </button>
            <button type="button" className={quiet} disabled={i === waiting.length - 1} onClick={() => move(i, i + 1)} aria-label={`Move ${nameOf(id)} later`}>
              Later
            </button>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** The hand-made groups: people with the same group number together, in number order. */
function groupsByHand(assignments: Record<string, string>): string[][] {
  const byNumber = new Map<number, string[]>();
  for (const [userId, value] of Object.entries(assignments)) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) continue;
    byNumber.set(n, [...(byNumber.get(n) ?? []), userId]);
  }
  return [...byNumber.entries()].sort(([a], [b]) => a - b).map(([, ids]) => ids);
}
