// Two matching runs of one cycle side by side, like with like: only mentees that both runs tried to
// match are compared. A mentee missing from the later run was placed in between (a published pair,
// a request) or left the cycle; that is counted apart, never as a partner lost.

export interface RunLike {
  pairs: { menteeId: string; menteeName: string; mentorId: string; mentorName: string; score: number }[];
  unmatched: { menteeId: string; name: string }[];
}

export interface RunChange {
  menteeId: string;
  mentee: string;
  /** The mentor in the earlier run, or null when unmatched there. */
  before: string | null;
  after: string | null;
}

export interface RunComparison {
  /** Mentees both runs tried to match. */
  common: number;
  /** Of those, whose partner differs (matched to someone else, newly matched, or left unmatched). */
  changes: RunChange[];
  /** Matched among the common mentees, later minus earlier. */
  matchedDelta: number;
  /** Total score over the common mentees, later minus earlier. */
  scoreDelta: number;
  /** In the earlier run only (placed or gone since), and in the later run only (joined since). */
  onlyEarlier: number;
  onlyLater: number;
}

interface Seat {
  mentee: string;
  mentorId: string | null;
  mentor: string | null;
  score: number;
}

const seats = (run: RunLike): Map<string, Seat> => {
  const byMentee = new Map<string, Seat>();
  for (const p of run.pairs) byMentee.set(p.menteeId, { mentee: p.menteeName, mentorId: p.mentorId, mentor: p.mentorName, score: p.score });
  for (const u of run.unmatched) if (!byMentee.has(u.menteeId)) byMentee.set(u.menteeId, { mentee: u.name, mentorId: null, mentor: null, score: 0 });
  return byMentee;
};

export function compareRuns(earlier: RunLike, later: RunLike): RunComparison {
  const before = seats(earlier);
  const after = seats(later);
  const changes: RunChange[] = [];
  let common = 0;
  let matchedDelta = 0;
  let scoreDelta = 0;
  for (const [menteeId, now] of after) {
    const then = before.get(menteeId);
    if (!then) continue;
    common++;
    matchedDelta += (now.mentor ? 1 : 0) - (then.mentor ? 1 : 0);
    scoreDelta += now.score - then.score;
    if (now.mentorId !== then.mentorId) changes.push({ menteeId, mentee: now.mentee, before: then.mentor, after: now.mentor });
  }
  return { common, changes, matchedDelta, scoreDelta, onlyEarlier: before.size - common, onlyLater: after.size - common };
}
