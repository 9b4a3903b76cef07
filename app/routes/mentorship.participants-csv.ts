// A cycle's participants as CSV, for coordinators.
import type { Route } from "./+types/mentorship.participants-csv";
import { requireUser } from "../lib/auth.server";
import { csvResponse } from "../lib/csv";
import { cycleOrNotFound, requireCoordinator } from "../lib/mentorship.server";
import { participants } from "../lib/mentorshipParticipants.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  requireCoordinator(user);
  const cycle = await cycleOrNotFound(context, params.cycleId);
  const rows = await participants(context, cycle.id);
  return csvResponse(
    [["cycle", "name", "email", "role", "profile_complete_percent", "capacity", "in_a_pair", "mentoring_in_other_open_cycles", "updated"], ...rows.map((r) => [cycle.name, r.name, r.email, r.role, r.complete, r.capacity, r.pairs ? "yes" : "no", r.mentoringElsewhere, r.updated])],
    "mentorship-participants.csv",
  );
}
