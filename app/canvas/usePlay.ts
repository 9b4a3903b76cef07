// LOOPY-style play: nudge a variable and watch the signal travel, one step every `stepMs`.
// Nothing is written to the map. A facilitator's nudge is shared (it goes in the document's
// facilitation state), so everyone watches the same signal travel; anyone else plays alone.
import { useEffect, useMemo, useState } from "react";
import { play, type Arrival, type Direction, type PlayLink } from "../../shared/cld/play";
import type { SharedPlay } from "./useCanvas";

export function usePlay(links: readonly PlayLink[], shared: { current: SharedPlay | null; publish?: (next: Omit<SharedPlay, "by"> | null) => void } = { current: null }, stepMs = 700) {
  const [arrivals, setArrivals] = useState<Arrival[] | null>(null);
  const [step, setStep] = useState(0);
  const last = arrivals ? Math.max(...arrivals.map((a) => a.step)) : 0;
  const sharedId = shared.current?.id ?? null;

  // A shared play starts (or stops) for everyone when the facilitator's nudge arrives.
  const [following, setFollowing] = useState<string | null>(null);
  if (sharedId !== following) {
    setFollowing(sharedId);
    setArrivals(shared.current ? play(links, { variableId: shared.current.variableId, direction: shared.current.direction }) : null);
    setStep(0);
  }

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
    /** Who started the signal everyone is watching, when it is shared. */
    sharedBy: shared.current?.by ?? null,
    /** Each variable's signal at this step: 1 up, −1 down. */
    signals: new Map(now.map((a) => [a.variableId, a.change > 0 ? 1 : -1] as const)),
    /** Links the signals of this step came along. */
    carrying: new Set(now.flatMap((a) => a.via)),
    nudge(variableId: string, direction: Direction) {
      if (shared.publish) return shared.publish({ id: `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, variableId, direction });
      setArrivals(play(links, { variableId, direction }));
      setStep(0);
    },
    stop() {
      if (shared.publish && shared.current) return shared.publish(null);
      setArrivals(null);
      setStep(0);
    },
  };
}
