// A cycle's program report for coordinators: how many were matched and accepted, check-ins held,
// feedback averages and stalled pairs. Counts only: no goal, note or feedback text.
import type { AppLoadContext } from "react-router";
import { activeSince, meetingCounts, pairsOf, profilesOf, type Cycle } from "../../db/queries/mentorship";
import { isStalled } from "../../shared/mentorship/followUp";

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
    .where("mentorship_notes.kind", "=", "feedback")
    .execute();
  const average = (values: number[]) => (values.length ? Math.round((values.reduce((n, v) => n + v, 0) / values.length) * 10) / 10 : null);
  const byStatus = (status: string) => pairs.filter((p) => p.status === status).length;
  const placed = new Set(pairs.filter((p) => p.status !== "declined").map((p) => p.mentee_id));
  const answered = byStatus("active") + byStatus("ended") + byStatus("declined");
  const rows = pairs.map((p) => {
    const m = meetings.get(p.id);
    const since = activeSince(p);
    const pairRatings = ratings.filter((r) => r.pair_id === p.id && r.rating !== null).map((r) => Number(r.rating));
    return {
      id: p.id,
      mentee: p.mentee_name,
      mentor: p.mentor_name,
      status: p.status,
      score: p.score,
      checkins: m?.meetings ?? 0,
      lastCheckin: m?.last?.slice(0, 10) ?? null,
      stalled: p.status === "active" && isStalled({ since, lastMeeting: m?.last ?? null }, now),
      feedback: average(pairRatings),
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
      mentors: average(ratings.filter((r) => r.author_id === r.mentor_id && r.rating !== null).map((r) => Number(r.rating))),
      mentees: average(ratings.filter((r) => r.author_id !== r.mentor_id && r.rating !== null).map((r) => Number(r.rating))),
    },
    rows,
  };
}
