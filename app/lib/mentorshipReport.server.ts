// A cycle's program report for coordinators: how many were matched and accepted, check-ins held,
// feedback averages (only for groups of at least five people, never one person's rating) and
// stalled pairs. Counts only: no goal, note or feedback text.
import type { AppLoadContext } from "react-router";
import { activeSince, meetingCounts, pairsOf, profilesOf, type Cycle } from "../../db/queries/mentorship";
import { isStalled } from "../../shared/mentorship/followUp";

/** Ratings are shown for groups of at least this many people. */
export const minimumGroup = 5;

export async function programReport(context: AppLoadContext, cycle: Cycle, now = new Date()) {
  const { db } = context.services;
  const { mentees, mentors } = await profilesOf(db, cycle.id);
  const pairs = await pairsOf(db, cycle.id);
  const meetings = await meetingCounts(db, cycle.id);
  const ratings = await db
    .selectFrom("mentorship_notes")
    .innerJoin("mentorship_pairs", "mentorship_pairs.id", "mentorship_notes.pair_id")
    .select(["mentorship_notes.pair_id", "mentorship_notes.author_id", "mentorship_notes.rating", "mentorship_pairs.mentor_id"])
    .where("mentorship_pairs.cycle_id", "=", cycle.id)
    .where("mentorship_notes.kind", "in", ["feedback", "program-feedback"])
    .execute();
  /** A group's average rating, or the number who answered when fewer than five did (so nobody's rating can be read off). */
  const groupAverage = (rows: { author_id: string; rating: number | null }[]) => {
    const people = new Set(rows.map((r) => r.author_id)).size;
    return people >= minimumGroup ? { people, average: average(rows.map((r) => Number(r.rating))) } : { people, average: null };
  };
  const average = (values: number[]) => (values.length ? Math.round((values.reduce((n, v) => n + v, 0) / values.length) * 10) / 10 : null);
  const byStatus = (status: string) => pairs.filter((p) => p.status === status).length;
  const placed = new Set(pairs.filter((p) => p.status !== "declined").map((p) => p.mentee_id));
  const answered = byStatus("active") + byStatus("ended") + byStatus("declined");
  const rows = pairs.map((p) => {
    const m = meetings.get(p.id);
    const since = activeSince(p);
    return {
      id: p.id,
      mentee: p.mentee_name,
      mentor: p.mentor_name,
      status: p.status,
      score: p.score,
      checkins: m?.meetings ?? 0,
      lastCheckin: m?.last?.slice(0, 10) ?? null,
      stalled: p.status === "active" && isStalled({ since, lastMeeting: m?.last ?? null }, now),
      declineReason: p.decline_reason,
    };
  });
  return {
    mentees: mentees.length,
    mentors: mentors.length,
    matchedShare: mentees.length ? placed.size / mentees.length : 0,
    acceptanceRate: answered ? (byStatus("active") + byStatus("ended")) / answered : null,
    statuses: { proposed: byStatus("proposed"), requested: byStatus("requested"), active: byStatus("active"), declined: byStatus("declined"), ended: byStatus("ended") },
    checkinsHeld: rows.reduce((n, r) => n + r.checkins, 0),
    pairsWithCheckins: rows.filter((r) => r.checkins > 0).length,
    feedback: {
      mentors: groupAverage(ratings.filter((r) => r.author_id === r.mentor_id && r.rating !== null)),
      mentees: groupAverage(ratings.filter((r) => r.author_id !== r.mentor_id && r.rating !== null)),
      smallestGroup: minimumGroup,
    },
    rows,
  };
}
