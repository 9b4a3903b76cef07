// Reminds active mentorship pairs when a check-in is due at their cycle's rhythm, again each rhythm
// while nothing is logged, never after the cycle has ended (shared/mentorship/followUp.ts decides).
// Each reminder is a notice keyed by its due date: the notice is the claim, made with its email in
// one transaction, so a crash, a second run or a second node never sends it twice.
import { activeSince, cycleEnds, meetingCounts } from "../../db/queries/mentorship";
import { dueCheckin, shouldRemind } from "../../shared/mentorship/followUp";
import { notify } from "../notices";
import type { Services } from "../services";

export async function sendCheckinReminders(services: Pick<Services, "db" | "mailer" | "origin">, now = new Date()): Promise<number> {
  const { db } = services;
  const pairs = await db
    .selectFrom("mentorship_pairs")
    .innerJoin("mentorship_cycles", "mentorship_cycles.id", "mentorship_pairs.cycle_id")
    .innerJoin("users as mentor", "mentor.id", "mentorship_pairs.mentor_id")
    .innerJoin("users as mentee", "mentee.id", "mentorship_pairs.mentee_id")
    .select([
      "mentorship_pairs.id",
      "mentorship_pairs.cycle_id",
      "mentorship_pairs.created_at",
      "mentorship_pairs.mentor_accepted_at",
      "mentorship_pairs.mentee_accepted_at",
      "mentorship_pairs.reminded_at",
      "mentorship_pairs.mentor_id",
      "mentorship_pairs.mentee_id",
      "mentorship_cycles.name as cycle_name",
      "mentorship_cycles.checkin_days",
      "mentorship_cycles.matching_date",
      "mentorship_cycles.length_weeks",
      "mentor.name as mentor_name",
      "mentor.email as mentor_email",
      "mentee.name as mentee_name",
      "mentee.email as mentee_email",
    ])
    .where("mentorship_pairs.status", "=", "active")
    .where("mentorship_cycles.closed_at", "is", null)
    .execute();
  const meetings = new Map<string, Awaited<ReturnType<typeof meetingCounts>>>();
  let reminded = 0;
  for (const pair of pairs) {
    if (!meetings.has(pair.cycle_id)) meetings.set(pair.cycle_id, await meetingCounts(db, pair.cycle_id));
    const since = activeSince(pair);
    const rhythm = { since, lastMeeting: meetings.get(pair.cycle_id)!.get(pair.id)?.last ?? null, remindedAt: pair.reminded_at, checkinDays: pair.checkin_days };
    const ends = cycleEnds(pair);
    if (!shouldRemind(rhythm, now, ends)) continue;
    const due = dueCheckin(rhythm, now, ends)!.toISOString().slice(0, 10);
    const sent = await notify(services, [
      { userId: pair.mentor_id, other: pair.mentee_name },
      { userId: pair.mentee_id, other: pair.mentor_name },
    ].map(({ userId, other }) => ({
      userId,
      kind: "mentorship" as const,
      key: `checkin:${pair.id}:${due}`,
      title: `${pair.cycle_name}: time for a check-in with ${other}`,
      body: `A check-in with ${other} is due. When you have met, log it in your pair space.`,
      href: `/mentorship/pairs/${pair.id}`,
    })));
    await db.updateTable("mentorship_pairs").set({ reminded_at: now.toISOString() }).where("id", "=", pair.id).execute();
    if (sent) reminded++;
  }
  return reminded;
}
