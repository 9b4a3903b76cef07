// LOOPY-style play: nudge a variable up or down and follow the signal along the links. A signal
// keeps its direction across a + link and flips across a − link; it takes one step to cross a link
// and `delaySteps` to cross one marked with a delay. Signals that meet in a variable at the same
// step add up (an up and a down cancel). Loops make play endless, so it stops at a horizon.
import type { Polarity } from "./loops";

export interface PlayLink {
  id: string;
  from: string;
  to: string;
  polarity: Polarity;
  delay: boolean;
}

export type Direction = 1 | -1;

export interface Arrival {
  step: number;
  variableId: string;
  /** The net change arriving: positive up, negative down. */
  change: number;
  /** The links the signals came along. */
  via: string[];
}

export interface PlayOptions {
  delaySteps: number;
  horizon: number;
}

export const defaultPlayOptions: PlayOptions = { delaySteps: 3, horizon: 12 };

/** Every arrival after nudging `start`, in step order: step 0 is the nudge itself. */
export function play(links: readonly PlayLink[], start: { variableId: string; direction: Direction }, options: PlayOptions = defaultPlayOptions): Arrival[] {
  const outgoing = new Map<string, PlayLink[]>();
  for (const link of links) outgoing.set(link.from, [...(outgoing.get(link.from) ?? []), link]);
  const arrivals: Arrival[] = [{ step: 0, variableId: start.variableId, change: start.direction, via: [] }];
  // Signals in flight, keyed by arrival step, then variable.
  const pending = new Map<number, Map<string, { change: number; via: string[] }>>();
  const send = (variableId: string, change: number, step: number) => {
    for (const link of outgoing.get(variableId) ?? []) {
      // Nobody knows which way an unsigned link moves its effect: the signal stops there.
      if (link.polarity === "?") continue;
      const at = step + (link.delay ? options.delaySteps : 1);
      if (at > options.horizon) continue;
      const slot = pending.get(at) ?? new Map();
      pending.set(at, slot);
      const current = slot.get(link.to) ?? { change: 0, via: [] };
      slot.set(link.to, { change: current.change + (link.polarity === "-" ? -change : change), via: [...current.via, link.id] });
    }
  };
  send(start.variableId, start.direction, 0);
  for (let step = 1; step <= options.horizon; step++) {
    const slot = pending.get(step);
    pending.delete(step);
    for (const [variableId, { change, via }] of [...(slot ?? [])].sort(([a], [b]) => a.localeCompare(b))) {
      if (change === 0) continue;
      // The size of a change does not grow without bound around a reinforcing loop: only its sign travels on.
      const direction = Math.sign(change);
      arrivals.push({ step, variableId, change: direction, via });
      send(variableId, direction, step);
    }
  }
  return arrivals;
}
