// Keeping pairs going: when a pair's next check-in is due, whether to remind them, and whether a
// pair has stalled (no check-in for 21 days), from dates alone.
export const stalledAfterDays = 21;
const day = 86_400_000;

export interface PairRhythm {
  /** When the pair became active (both accepted). */
  since: string;
  /** The latest logged meeting, if any. */
  lastMeeting: string | null;
  remindedAt: string | null;
  checkinDays: number;
}

export function nextCheckin(pair: PairRhythm): Date {
  const from = Date.parse(pair.lastMeeting ?? pair.since);
  return new Date(from + pair.checkinDays * day);
}

/** Remind once a check-in is due, and not again until the next one falls due. */
export function shouldRemind(pair: PairRhythm, now: Date): boolean {
  const due = nextCheckin(pair).getTime();
  if (now.getTime() < due) return false;
  return pair.remindedAt === null || Date.parse(pair.remindedAt) < due;
}

export function isStalled(pair: Pick<PairRhythm, "since" | "lastMeeting">, now: Date): boolean {
  return now.getTime() - Date.parse(pair.lastMeeting ?? pair.since) > stalledAfterDays * day;
}
