// The mindful pause as a person sees and hears it: the time left, breathing guidance in words (and,
// unless they asked for reduced motion, a circle that grows on the in-breath and shrinks on the
// out-breath), a soft bell at the start and the end. A screen reader hears the start, each minute
// left and the end, not every breath. Keyboard: every control is a button.
import { useEffect, useRef, useState } from "react";
import { pauseAnnouncement, pauseMoment, type Pause } from "../../shared/room/pause";
import { allowSound, ringBell, soundAllowed } from "./bell";

function clock(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export function MindfulPause({ pause, now, onEnd, endLabel = "End the pause" }: { pause: Pause; now: number; onEnd?: () => void; endLabel?: string }) {
  const moment = pauseMoment(pause, now);
  const announcement = pauseAnnouncement(pause, now);
  const [sound, setSound] = useState(soundAllowed());
  const rang = useRef({ start: false, end: false });
  useEffect(() => {
    if (!sound) return;
    if (!rang.current.start && now - pause.startedAt < 3000) {
      rang.current.start = true;
      ringBell();
    }
    if (!rang.current.end && moment.done) {
      rang.current.end = true;
      ringBell();
    }
  }, [sound, now, pause.startedAt, moment.done]);
  const scale = moment.breath === "in" ? 0.6 + 0.4 * moment.breathProgress : 1 - 0.4 * moment.breathProgress;
  return (
    <section aria-labelledby="pause-title" className="space-y-4 rounded-xl border border-teal-300 bg-teal-50 p-6 text-center dark:border-teal-700 dark:bg-teal-950">
      <h2 id="pause-title" className="text-xl font-semibold">
        Mindful pause
      </h2>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      <div aria-hidden="true" className="mx-auto flex h-40 w-40 items-center justify-center">
        <div
          className="h-40 w-40 rounded-full bg-teal-300/60 motion-safe:transition-transform motion-safe:duration-300 motion-reduce:!scale-100 dark:bg-teal-700/60"
          style={{ transform: `scale(${moment.done ? 1 : scale})` }}
        />
      </div>
      <p className="text-2xl font-semibold" aria-hidden="true">
        {moment.done ? "Welcome back." : moment.breath === "in" ? "Breathe in…" : "Breathe out…"}
      </p>
      <p>
        <span className="sr-only">Time left: </span>
        <span className="font-mono text-lg tabular-nums">{clock(moment.remainingMs)}</span>
      </p>
      <p className="text-sm text-stone-700 dark:text-stone-300">Let your breath slow: in for four, out for six. Notice what is here, without changing it.</p>
      <div className="flex flex-wrap justify-center gap-2">
        {!sound ? (
          <button type="button" className="rounded-md border border-teal-800 px-3 py-1.5 text-sm font-semibold dark:border-teal-300" onClick={() => void allowSound().then(setSound)}>
            Turn on the bell
          </button>
        ) : null}
        {onEnd ? (
          <button type="button" className="rounded-md border border-stone-500 px-3 py-1.5 text-sm font-semibold" onClick={onEnd}>
            {endLabel}
          </button>
        ) : null}
      </div>
    </section>
  );
}
