// The program report as CSV: one row per pair, counts and reasons only (never a rating).
import type { Route } from "./+types/mentorship.report-csv";
import { requireUser } from "../lib/auth.server";
import { csvResponse } from "../lib/csv";
import { cycleOrNotFound, requireCoordinator } from "../lib/mentorship.server";
import { programReport } from "../lib/mentorshipReport.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  requireCoordinator(user);
  const cycle = await cycleOrNotFound(context, params.cycleId);
  const report = await programReport(context, cycle);
  return csvResponse(
    [
      ["cycle", "mentee", "mentor", "status", "score", "check_ins", "last_check_in", "stalled", "decline_reason"],
      ...report.rows.map((r) => [cycle.name, r.mentee, r.mentor, r.status, r.score, r.checkins, r.lastCheckin, r.stalled ? "yes" : "no", r.declineReason]),
    ],
    "mentorship-report.csv",
  );
}
