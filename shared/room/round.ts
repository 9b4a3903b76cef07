// A check-in round with a talking piece. Each person present speaks in turn while holding the
// piece, or passes; the facilitator may skip someone or take the piece back. The record keeps
// who spoke and for how long, never what was said. Pure: every function returns a new round.

export type TurnOutcome = "spoke" | "passed" | "skipped";

export interface Turn {
  userId: string;
  startedAt: number;
  endedAt: number;
  outcome: TurnOutcome;
}

export interface Round {
  id: string;
  prompt: string;
  /** Everyone in the round, in speaking order; late arrivals are appended. */
  order: string[];
  /** Index in `order` of whose turn it is; order.length when everyone has had a turn. */
  position: number;
  /** False while the facilitator has taken the piece back. */
  held: boolean;
  turnStartedAt: number | null;
  timeboxSeconds: number | null;
  turns: Turn[];
  startedAt: number;
  endedAt: number | null;
}

export type RoundResult = { ok: true; round: Round } | { ok: false; error: string };

const fail = (error: string): RoundResult => ({ ok: false, error });
const ok = (round: Round): RoundResult => ({ ok: true, round });

export function holder(round: Round): string | null {
  return round.endedAt === null && round.held ? (round.order[round.position] ?? null) : null;
}

/** Skips, from the current position on, people who are no longer present; ends the round after the last. */
function settle(round: Round, present: ReadonlySet<string>, now: number): Round {
  let next = round;
  while (next.position < next.order.length && !present.has(next.order[next.position])) {
    next = {
      ...next,
      turns: [...next.turns, { userId: next.order[next.position], startedAt: now, endedAt: now, outcome: "skipped" }],
      position: next.position + 1,
    };
  }
  if (next.position >= next.order.length) return { ...next, held: false, turnStartedAt: null, endedAt: now };
  return { ...next, turnStartedAt: next.held ? (next.turnStartedAt ?? now) : null };
}

export function startRound(input: {
  id: string;
  prompt: string;
  present: readonly string[];
  order: "join" | "shuffle";
  timeboxSeconds: number | null;
  now: number;
  random?: () => number;
}): RoundResult {
  if (input.present.length === 0) return fail("Nobody is here to take part in a round.");
  const order = [...input.present];
  if (input.order === "shuffle") {
    const random = input.random ?? Math.random;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
  }
  return ok({
    id: input.id,
    prompt: input.prompt,
    order,
    position: 0,
    held: true,
    turnStartedAt: input.now,
    timeboxSeconds: input.timeboxSeconds,
    turns: [],
    startedAt: input.now,
    endedAt: null,
  });
}

/** A late arrival joins the end of the order of a round still under way. */
export function addToRound(round: Round, userId: string): Round {
  if (round.endedAt !== null || round.order.includes(userId)) return round;
  return { ...round, order: [...round.order, userId] };
}

/** The holder finishes speaking ("spoke") or passes without speaking ("passed"). */
export function passPiece(round: Round, userId: string, outcome: "spoke" | "passed", present: ReadonlySet<string>, now: number): RoundResult {
  if (round.endedAt !== null) return fail("This round has ended.");
  if (holder(round) !== userId) return fail("You do not have the talking piece.");
  return ok(settle(endTurn(round, outcome, now), present, now));
}

function endTurn(round: Round, outcome: TurnOutcome, now: number): Round {
  const userId = round.order[round.position];
  const startedAt = round.turnStartedAt ?? now;
  return { ...round, turns: [...round.turns, { userId, startedAt, endedAt: now, outcome }], position: round.position + 1, turnStartedAt: null };
}

/** The facilitator moves the piece past the current person. */
export function skipTurn(round: Round, present: ReadonlySet<string>, now: number): RoundResult {
  if (round.endedAt !== null) return fail("This round has ended.");
  return ok(settle({ ...endTurn(round, "skipped", now), held: true }, present, now));
}

/** The facilitator takes the piece back: nobody holds it until they give it on. */
export function takeBack(round: Round, now: number): RoundResult {
  if (round.endedAt !== null) return fail("This round has ended.");
  if (!round.held) return fail("You already hold the talking piece.");
  // The interrupted turn keeps its place: the person gets the piece back when it is given on.
  void now;
  return ok({ ...round, held: false, turnStartedAt: null });
}

export function giveBack(round: Round, present: ReadonlySet<string>, now: number): RoundResult {
  if (round.endedAt !== null) return fail("This round has ended.");
  if (round.held) return fail("Someone already holds the talking piece.");
  return ok(settle({ ...round, held: true, turnStartedAt: now }, present, now));
}

/**
 * The facilitator reorders who is still to speak. Those who already had their turn (and the
 * current holder) keep their places; the rest must be the same people in a new order.
 */
export function reorder(round: Round, waiting: readonly string[]): RoundResult {
  if (round.endedAt !== null) return fail("This round has ended.");
  const fixed = round.order.slice(0, round.position + 1);
  const current = round.order.slice(round.position + 1);
  if (waiting.length !== current.length || new Set(waiting).size !== waiting.length || !waiting.every((id) => current.includes(id))) {
    return fail("The new order must list exactly the people still waiting for the piece.");
  }
  return ok({ ...round, order: [...fixed, ...waiting] });
}

export function endRound(round: Round, now: number): RoundResult {
  if (round.endedAt !== null) return fail("This round has already ended.");
  const closed = round.held && round.position < round.order.length ? endTurn(round, "spoke", now) : round;
  return ok({ ...closed, held: false, turnStartedAt: null, endedAt: now });
}

/** Seconds the current holder has held the piece, and whether the time box has run out. */
export function turnClock(round: Round, now: number): { seconds: number; over: boolean } | null {
  if (round.turnStartedAt === null) return null;
  const seconds = Math.max(0, Math.floor((now - round.turnStartedAt) / 1000));
  return { seconds, over: round.timeboxSeconds !== null && seconds >= round.timeboxSeconds };
}
