// A mentee's request that the mentor has not answered within the cycle's request days lapses: the
// pair is declined (by nobody), the mentor's place is offered on, and the mentee chooses again.
// The status change is the claim; the notices are keyed by the pair, and every run also notices
// lapses that a crash left unannounced, so each person hears once.
import { nowIso } from "../../db/time";
import { notify } from "../notices";
import type { Services } from "../services";

const day = 86_400_000;

export async function lapseRequests(services: Pick<Services, "db" | "mailer" | "origin">, now = new Date()): Promise<number> {
  const { db } = services;
  const waiting = await db
    .selectFrom("mentorship_pairs")
    .innerJoin("mentorship_cycles", "mentorship_cycles.id", "mentorship_pairs.cycle_id")
    .select(["mentorship_pairs.id", "mentorship_pairs.created_at", "mentorship_cycles.request_days"])
    .where("mentorship_pairs.status", "=", "requested")
    .execute();
  let lapsed = 0;
  for (const pair of waiting) {
    if (Date.parse(pair.created_at) + pair.request_days * day > now.getTime()) continue;
    const days = pair.request_days === 1 ? "1 day" : `${pair.request_days} days`;
    const result = await db
      .updateTable("mentorship_pairs")
      .set({ status: "declined", declined_by: null, decline_reason: `No answer within ${days}`, updated_at: nowIso() })
      .where("id", "=", pair.id)
      .where("status", "=", "requested")
      .executeTakeFirst();
    lapsed += Number(result.numUpdatedRows);
  }
  // Announce every recent lapse (a notice already sent is not sent again).
  const recent = await db
    .selectFrom("mentorship_pairs")
    .innerJoin("mentorship_cycles", "mentorship_cycles.id", "mentorship_pairs.cycle_id")
    .innerJoin("users as mentor", "mentor.id", "mentorship_pairs.mentor_id")
    .innerJoin("users as mentee", "mentee.id", "mentorship_pairs.mentee_id")
    .select(["mentorship_pairs.id", "mentorship_pairs.cycle_id", "mentorship_pairs.mentor_id", "mentorship_pairs.mentee_id", "mentorship_pairs.decline_reason", "mentorship_cycles.name as cycle_name", "mentor.name as mentor_name", "mentee.name as mentee_name"])
    .where("mentorship_pairs.status", "=", "declined")
    .where("mentorship_pairs.declined_by", "is", null)
    .where("mentorship_pairs.mentor_accepted_at", "is", null)
    .where("mentorship_pairs.updated_at", ">", new Date(now.getTime() - 30 * day).toISOString())
    .execute();
  for (const pair of recent) {
    await notify(services, [
      {
        userId: pair.mentee_id,
        kind: "mentorship",
        key: `mentorship:lapsed:${pair.id}`,
        title: `${pair.cycle_name}: your request to ${pair.mentor_name} has lapsed`,
        body: `${pair.mentor_name} did not answer your request in time (${(pair.decline_reason ?? "").toLowerCase()}). Please choose a mentor again: the shortlist shows who has a place now.`,
        href: `/mentorship/${pair.cycle_id}`,
      },
      {
        userId: pair.mentor_id,
        kind: "mentorship",
        key: `mentorship:lapsed:${pair.id}`,
        title: `${pair.cycle_name}: ${pair.mentee_name}'s request has lapsed`,
        body: `${pair.mentee_name}'s request to be your mentee lapsed without an answer, so your place is offered to other mentees.`,
        href: `/mentorship/pairs/${pair.id}`,
      },
    ]);
  }
  return lapsed;
}
