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

/**
 * The check-in due now: the latest of the due dates that fall a rhythm apart after the last
 * meeting (or the start), while nothing is logged; null before the first one, or once the cycle
 * has ended.
 */
export function dueCheckin(pair: PairRhythm, now: Date, cycleEnds: Date | null = null): Date | null {
  if (cycleEnds && now >= cycleEnds) return null;
  const first = nextCheckin(pair).getTime();
  if (now.getTime() < first) return null;
  const periods = Math.floor((now.getTime() - first) / (pair.checkinDays * day));
  return new Date(first + periods * pair.checkinDays * day);
}

/** Remind once for each due check-in until something is logged; never after the cycle has ended. */
export function shouldRemind(pair: PairRhythm, now: Date, cycleEnds: Date | null = null): boolean {
  const due = dueCheckin(pair, now, cycleEnds);
  if (!due) return false;
  return pair.remindedAt === null || Date.parse(pair.remindedAt) < due.getTime();
}

export function isStalled(pair: Pick<PairRhythm, "since" | "lastMeeting">, now: Date): boolean {
  return now.getTime() - Date.parse(pair.lastMeeting ?? pair.since) > stalledAfterDays * day;
}
