// Invites both people of each pair to the end-of-cycle survey once it opens (two weeks before the
// cycle ends, or when the pair ends), until a month after the cycle's end. The notice, keyed by the
// pair, is the claim: each person is invited once, however many runs or nodes.
import { cycleEnds } from "../../db/queries/mentorship";
import { surveyOpen } from "../../shared/mentorship/survey";
import { notify } from "../notices";
import type { Services } from "../services";

export async function inviteToSurveys(services: Pick<Services, "db" | "mailer" | "origin">, now = new Date()): Promise<number> {
  const { db } = services;
  const pairs = await db
    .selectFrom("mentorship_pairs")
    .innerJoin("mentorship_cycles", "mentorship_cycles.id", "mentorship_pairs.cycle_id")
    .select(["mentorship_pairs.id", "mentorship_pairs.status", "mentorship_pairs.mentor_id", "mentorship_pairs.mentee_id", "mentorship_cycles.name", "mentorship_cycles.matching_date", "mentorship_cycles.length_weeks", "mentorship_cycles.closed_at"])
    .where("mentorship_pairs.status", "in", ["active", "ended"])
    // Pairs that began (both accepted): a proposal withdrawn before that had no mentorship to ask about.
    .where("mentorship_pairs.mentor_accepted_at", "is not", null)
    .where("mentorship_pairs.mentee_accepted_at", "is not", null)
    .execute();
  const answered = new Set(
    pairs.length ? (await db.selectFrom("mentorship_surveys").select(["pair_id", "author_id"]).where("pair_id", "in", pairs.map((p) => p.id)).execute()).map((r) => `${r.pair_id}:${r.author_id}`) : [],
  );
  let invited = 0;
  for (const pair of pairs) {
    const ends = cycleEnds(pair);
    if (now.getTime() > ends.getTime() + 30 * 86_400_000) continue;
    if (!surveyOpen(pair, { ends, closed: pair.closed_at !== null }, now)) continue;
    invited += await notify(
      services,
      [pair.mentor_id, pair.mentee_id]
        .filter((id) => !answered.has(`${pair.id}:${id}`))
        .map((userId) => ({
          userId,
          kind: "mentorship" as const,
          key: `survey:${pair.id}`,
          title: `${pair.name}: how did the mentorship go?`,
          body: "Four short statements and a question, for the program only: your partner never sees your answers.",
          href: `/mentorship/pairs/${pair.id}`,
        })),
    );
  }
  return invited;
}
