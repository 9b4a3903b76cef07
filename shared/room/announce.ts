// What a screen reader is told when the room changes: each change once, in words, never the
// ticking of a clock. Pure: the room view compares the state before and after each update.
import type { Agenda } from "../agenda";
import { holder, type Round } from "./round";
import type { PresenceStatus, RoomState } from "./state";

export interface Moment {
  state: RoomState;
  /** The round the reader sees: their breakout group's while in one. */
  round: Round | null;
  /** Whether the shared timer shows zero. */
  timerAtZero: boolean;
  statuses: Record<string, PresenceStatus>;
}

/** The sentences to announce for the change from `before` to `after` (none for the first look). */
export function announcements(before: Moment | null, after: Moment, agenda: Agenda, meId: string, nameOf: (id: string) => string): string[] {
  if (!before) return [];
  const out: string[] = [];
  const said = (id: string) => (id === meId ? "You" : nameOf(id));
  const { state } = after;
  if (state.endedAt !== null && before.state.endedAt === null) return ["The facilitator ended the session."];
  if (state.phaseIndex !== before.state.phaseIndex && state.phaseIndex !== null) out.push(`Now: ${agenda[state.phaseIndex]?.title ?? "the next phase"}.`);
  const roundBefore = before.round && before.round.endedAt === null ? before.round : null;
  const roundNow = after.round && after.round.endedAt === null ? after.round : null;
  if (roundNow && !roundBefore) out.push(`A round begins: ${roundNow.prompt}${/[.?!]$/.test(roundNow.prompt) ? "" : "."}`);
  if (!roundNow && roundBefore) out.push("The round is complete.");
  const holding = roundNow ? holder(roundNow) : null;
  if (roundNow && holding !== (roundBefore ? holder(roundBefore) : null)) {
    out.push(holding === meId ? "You have the talking piece." : holding ? `${nameOf(holding)} has the talking piece.` : "The facilitator holds the talking piece.");
  }
  for (const id of state.hands.queue) if (!before.state.hands.queue.includes(id)) out.push(`${said(id)} raised ${id === meId ? "your" : "a"} hand.`);
  const lowered = before.state.hands.queue.filter((id) => !state.hands.queue.includes(id) && id !== state.hands.called);
  for (const id of lowered) out.push(id === meId ? "Your hand is lowered." : `${nameOf(id)} lowered their hand.`);
  if (state.hands.called !== before.state.hands.called) {
    if (state.hands.called) out.push(state.hands.called === meId ? "You have the floor." : `${nameOf(state.hands.called)} has the floor.`);
    else if (before.state.hands.called) out.push("The floor is open.");
  }
  if (after.timerAtZero && !before.timerAtZero) out.push("The timer has reached zero.");
  if (state.breakouts && !before.state.breakouts) out.push("Breakout groups have begun.");
  if (!state.breakouts && before.state.breakouts) out.push("Everyone is back in the main circle.");
  for (const [id, status] of Object.entries(after.statuses)) {
    if (id === meId || before.statuses[id] === undefined || before.statuses[id] === status) continue;
    if (status === "brb") out.push(`${nameOf(id)} will be right back.`);
    else if (status === "here" && before.statuses[id] === "brb") out.push(`${nameOf(id)} is back.`);
  }
  return out;
}
