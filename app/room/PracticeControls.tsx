// The facilitator's practice tools: a mindful pause for the whole room (everyone's timer from the
// same server instant), and a reflection prompt to end with, which each person may take to their
// own journal.
import { useState } from "react";
import { domainIds, domains, type DomainId } from "../../shared/domains";
import { prompts } from "../../shared/journal/entries";
import { pauseLabel, pauseLengths } from "../../shared/room/pause";
import type { RoomState } from "../../shared/room/state";
import type { RoomSend } from "./useRoom";

const group = "flex flex-wrap items-end gap-2 rounded-xl border border-stone-200 bg-stone-50 p-3 dark:border-stone-700 dark:bg-stone-900";
const small = "rounded-md border border-stone-400 bg-white px-2 py-1.5 text-sm dark:border-stone-600 dark:bg-stone-950";
const button = "rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-800 disabled:opacity-50 dark:bg-indigo-300 dark:text-indigo-950";
const quiet = "rounded-md border border-stone-400 bg-white px-3 py-1.5 text-sm font-semibold dark:border-stone-600 dark:bg-stone-950";
const label = "block text-xs font-medium text-stone-700 dark:text-stone-300";

export function PracticeControls({ state, send, run }: { state: RoomState; send: RoomSend; run: (promise: Promise<{ ok: boolean; error?: string }>) => Promise<void> }) {
  const [domain, setDomain] = useState<DomainId>("self");
  const [prompt, setPrompt] = useState(prompts.self[0]);
  return (
    <>
      <div className={group} role="group" aria-label="Mindful pause">
        {state.pause ? (
          <button type="button" className={quiet} onClick={() => run(send("pause:end", {}))}>
            End the pause
          </button>
        ) : (
          <>
            <span className="text-sm font-medium">Mindful pause for everyone:</span>
            {pauseLengths.map((seconds) => (
              <button key={seconds} type="button" className={button} onClick={() => run(send("pause:start", { seconds }))}>
                {pauseLabel(seconds)}
              </button>
            ))}
          </>
        )}
      </div>
      <div className={group} role="group" aria-label="Reflection to end with">
        {state.reflection ? (
          <>
            <span className="text-sm">Offered: “{state.reflection.prompt}”</span>
            <button type="button" className={quiet} onClick={() => run(send("reflection:clear", {}))}>
              Withdraw
            </button>
          </>
        ) : (
          <>
            <div>
              <label htmlFor="reflection-domain" className={label}>
                Domain
              </label>
              <select
                id="reflection-domain"
                className={small}
                value={domain}
                onChange={(e) => {
                  const next = e.target.value as DomainId;
                  setDomain(next);
                  setPrompt(prompts[next][0]);
                }}
              >
                {domainIds.map((id) => (
                  <option key={id} value={id}>
                    {domains[id].label}
                  </option>
                ))}
              </select>
            </div>
            <div className="min-w-64 flex-1">
              <label htmlFor="reflection-prompt" className={label}>
                Reflection prompt
              </label>
              <input id="reflection-prompt" className={`${small} w-full`} list="reflection-prompts" maxLength={300} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
              <datalist id="reflection-prompts">
                {prompts[domain].map((p) => (
                  <option key={p} value={p} />
                ))}
              </datalist>
            </div>
            <button type="button" className={button} disabled={!prompt.trim()} onClick={() => run(send("reflection:offer", { domain, prompt }))}>
              Offer to everyone
            </button>
          </>
        )}
      </div>
    </>
  );
}
