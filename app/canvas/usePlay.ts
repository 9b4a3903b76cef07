// LOOPY-style play on one person's screen: nudge a variable and watch the signal travel, one step
// every `stepMs`. Nothing is written to the map.
import { useEffect, useMemo, useState } from "react";
import { play, type Arrival, type Direction, type PlayLink } from "../../shared/cld/play";

export function usePlay(links: readonly PlayLink[], stepMs = 700) {
  const [arrivals, setArrivals] = useState<Arrival[] | null>(null);
  const [step, setStep] = useState(0);
  const last = arrivals ? Math.max(...arrivals.map((a) => a.step)) : 0;

  useEffect(() => {
    if (!arrivals || step >= last) return;
    const timer = setTimeout(() => setStep((s) => s + 1), stepMs);
    return () => clearTimeout(timer);
  }, [arrivals, step, last, stepMs]);

  const now = useMemo(() => (arrivals ?? []).filter((a) => a.step === step), [arrivals, step]);
  return {
    playing: arrivals !== null,
    step,
    lastStep: last,
    /** Each variable's signal at this step: 1 up, −1 down. */
    signals: new Map(now.map((a) => [a.variableId, a.change > 0 ? 1 : -1] as const)),
    /** Links the signals of this step came along. */
    carrying: new Set(now.flatMap((a) => a.via)),
    nudge(variableId: string, direction: Direction) {
      setArrivals(play(links, { variableId, direction }));
      setStep(0);
    },
    stop() {
      setArrivals(null);
      setStep(0);
    },
  };
}
