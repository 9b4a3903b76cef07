// A cycle's participants as coordinators see them: role, their answers and how complete they are,
// places, whether they are in a pair.
import type { AppLoadContext } from "react-router";
import { holdsPlace, mentoringElsewhere, pairsOf } from "../../db/queries/mentorship";

/** Which intake answers a participant has given, of those every profile should have. */
const expected = ["region", "languages", "availability", "modes", "goals"] as const;

export async function participants(context: AppLoadContext, cycleId: string) {
  const { db } = context.services;
  const rows = await db
    .selectFrom("mentorship_profiles")
    .innerJoin("users", "users.id", "mentorship_profiles.user_id")
    .select(["mentorship_profiles.user_id", "mentorship_profiles.role", "mentorship_profiles.answers", "mentorship_profiles.updated_at", "users.name", "users.email"])
    .where("cycle_id", "=", cycleId)
    .orderBy("users.name")
    .execute();
  const pairs = await pairsOf(db, cycleId);
  const elsewhere = await mentoringElsewhere(db, cycleId);
  return rows.map((r) => {
    const answers = JSON.parse(r.answers) as Record<string, unknown>;
    const given = expected.filter((k) => {
      const v = answers[k];
      return Array.isArray(v) ? v.length > 0 : typeof v === "string" ? v.trim() !== "" : v !== undefined && v !== null;
    }).length;
    const held = pairs.filter((p) => (p.mentor_id === r.user_id || p.mentee_id === r.user_id) && holdsPlace(p.status)).length;
    return {
      id: r.user_id,
      name: r.name,
      email: r.email,
      role: r.role,
      answers,
      complete: Math.round((given / expected.length) * 100),
      capacity: r.role === "mentor" ? Number(answers.capacity ?? 0) : null,
      pairs: held,
      /** Mentees this person mentors in other open cycles. */
      mentoringElsewhere: elsewhere.get(r.user_id) ?? 0,
      updated: r.updated_at.slice(0, 10),
    };
  });
}

