// Reminds active mentorship pairs by email when a check-in is due at their cycle's rhythm, once
// per due date (shared/mentorship/followUp.ts decides).
import { activeSince, meetingCounts } from "../../db/queries/mentorship";
import { shouldRemind } from "../../shared/mentorship/followUp";
import type { Services } from "../services";

export async function sendCheckinReminders(services: Pick<Services, "db" | "mailer" | "origin">, now = new Date()): Promise<number> {
  const { db, mailer } = services;
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
      "mentorship_cycles.name as cycle_name",
      "mentorship_cycles.checkin_days",
      "mentor.name as mentor_name",
      "mentor.email as mentor_email",
      "mentee.name as mentee_name",
      "mentee.email as mentee_email",
    ])
    .where("mentorship_pairs.status", "=", "active")
    .execute();
  const meetings = new Map<string, Awaited<ReturnType<typeof meetingCounts>>>();
  let reminded = 0;
  for (const pair of pairs) {
    if (!meetings.has(pair.cycle_id)) meetings.set(pair.cycle_id, await meetingCounts(db, pair.cycle_id));
    const since = activeSince(pair);
    const rhythm = { since, lastMeeting: meetings.get(pair.cycle_id)!.get(pair.id)?.last ?? null, remindedAt: pair.reminded_at, checkinDays: pair.checkin_days };
    if (!shouldRemind(rhythm, now)) continue;
    for (const [name, email, other] of [
      [pair.mentor_name, pair.mentor_email, pair.mentee_name],
      [pair.mentee_name, pair.mentee_email, pair.mentor_name],
    ]) {
      await mailer.send({ to: email, kind: "notification", subject: `${pair.cycle_name}: time for a check-in with ${other}`, text: `Hello ${name},\n\nA check-in with ${other} is due. When you have met, log it in your pair space: ${services.origin()}/mentorship/pairs/${pair.id}\n` });
    }
    await db.updateTable("mentorship_pairs").set({ reminded_at: now.toISOString() }).where("id", "=", pair.id).execute();
    reminded++;
  }
  return reminded;
}
