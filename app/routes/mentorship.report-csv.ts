// The program report as CSV: one row per pair and per unmatched mentee, counts, dates and reasons
// only (never a rating or a survey answer).
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
      ["cycle", "mentee", "mentor", "status", "score", "proposed_on", "active_since", "check_ins", "last_check_in", "stalled", "decline_reason"],
      ...report.rows.map((r) => [cycle.name, r.mentee, r.mentor, r.status, r.score, r.proposedOn, r.activeSince, r.checkins, r.lastCheckin, r.stalled ? "yes" : "no", r.declineReason]),
      // Mentees the cycle has not placed, so the sheet accounts for everyone.
      ...report.unmatched.map((name) => [cycle.name, name, null, "unmatched", null, null, null, null, null, null, null]),
    ],
    "mentorship-report.csv",
  );
}
