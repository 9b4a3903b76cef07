// The mindful pause on one's own: one, three or five minutes, with a soft bell made in the browser
// and breathing guidance. The timer runs in the browser; without JavaScript the guidance is still here.
import { useState } from "react";
import type { Route } from "./+types/pause";
import { PageHeader } from "../components/ui";
import { MindfulPause } from "../practice/MindfulPause";
import { allowSound } from "../practice/bell";
import { requireUser } from "../lib/auth.server";
import { pauseLabel, pauseLengths, type Pause } from "../../shared/room/pause";
import { useServerNow } from "../room/useRoom";

export const meta = () => [{ title: "Mindful pause · CSL Commons" }];

export function loader({ context, request }: Route.LoaderArgs) {
  requireUser(context, request);
  return null;
}

export default function PausePage() {
  const [pause, setPause] = useState<Pause | null>(null);
  const now = useServerNow(0, 200);
  return (
    <div className="max-w-xl space-y-6">
      <PageHeader title="Mindful pause" description="A few minutes of stillness before you go on: breathe in for four, out for six, and notice what is here." />
      {pause ? (
        <MindfulPause pause={pause} now={now} onEnd={() => setPause(null)} endLabel={now - pause.startedAt >= pause.seconds * 1000 ? "Done" : "Stop early"} />
      ) : (
        <div role="group" aria-label="Length of the pause" className="flex flex-wrap gap-2">
          {pauseLengths.map((seconds) => (
            <button
              key={seconds}
              type="button"
              className="rounded-md bg-teal-800 px-4 py-2 font-semibold text-white dark:bg-teal-300 dark:text-teal-950"
              onClick={() => void allowSound().finally(() => setPause({ startedAt: Date.now(), seconds }))}
            >
              {pauseLabel(seconds)}
            </button>
          ))}
        </div>
      )}
      <noscript>
        <p>The timer and the bell need JavaScript. Without it: sit comfortably, breathe in for a count of four and out for six, and let a few minutes pass.</p>
      </noscript>
    </div>
  );
}
