// A cycle's program report for coordinators: how many were matched and accepted, check-ins held,
// feedback averages (only for groups of at least five people, never one person's rating) and
// stalled pairs. Counts only: no goal, note or feedback text.
import type { AppLoadContext } from "react-router";
import { activeSince, meetingCounts, pairsOf, profilesOf, type Cycle } from "../../db/queries/mentorship";
import { isStalled } from "../../shared/mentorship/followUp";
import { summarizeSurvey, surveySchema, type SurveyAnswers } from "../../shared/mentorship/survey";

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
  // The end-of-cycle survey, by side; words only once the whole group is large enough, in no one's order.
  const surveyRows = await db
    .selectFrom("mentorship_surveys")
    .innerJoin("mentorship_pairs", "mentorship_pairs.id", "mentorship_surveys.pair_id")
    .select(["mentorship_surveys.author_id", "mentorship_surveys.answers", "mentorship_pairs.mentor_id"])
    .where("mentorship_pairs.cycle_id", "=", cycle.id)
    .execute();
  const read = surveyRows.flatMap((r) => {
    const parsed = surveySchema.safeParse(JSON.parse(r.answers));
    return parsed.success ? [{ side: r.author_id === r.mentor_id ? "mentor" : "mentee", answers: parsed.data }] : [];
  });
  const side = (which: string): SurveyAnswers[] => read.filter((r) => r.side === which).map((r) => r.answers);
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
      proposedOn: p.created_at.slice(0, 10),
      activeSince: p.mentor_accepted_at && p.mentee_accepted_at ? since.slice(0, 10) : null,
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
    survey: {
      mentors: summarizeSurvey(side("mentor"), minimumGroup),
      mentees: summarizeSurvey(side("mentee"), minimumGroup),
      comments:
        read.length >= minimumGroup
          ? read
              .map((r) => r.answers.comment)
              .filter(Boolean)
              .sort()
          : [],
    },
    rows,
    /** Mentees without a pair that holds or held a place (none, or only declined ones). */
    unmatched: mentees.filter((m) => !placed.has(m.userId)).map((m) => m.name).sort((a, b) => a.localeCompare(b)),
  };
}
