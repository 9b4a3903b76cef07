// The raised-hand queue: first raised, first called. Pure.
export interface Hands {
  queue: string[];
  /** The person the facilitator called last, who has the floor. */
  called: string | null;
}

export const emptyHands: Hands = { queue: [], called: null };

export const raiseHand = (hands: Hands, userId: string): Hands =>
  hands.queue.includes(userId) ? hands : { ...hands, queue: [...hands.queue, userId] };

export const lowerHand = (hands: Hands, userId: string): Hands => ({ ...hands, queue: hands.queue.filter((id) => id !== userId) });

export function callNext(hands: Hands): Hands {
  const [next, ...rest] = hands.queue;
  return { queue: rest, called: next ?? null };
}

/** The facilitator clears "has the floor" once the person has spoken. */
export const clearFloor = (hands: Hands): Hands => ({ ...hands, called: null });
