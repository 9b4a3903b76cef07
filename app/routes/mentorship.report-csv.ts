// The program report as CSV: one row per pair, counts and ratings only.
import type { Route } from "./+types/mentorship.report-csv";
import { requireUser } from "../lib/auth.server";
import { cycleOrNotFound, requireCoordinator } from "../lib/mentorship.server";
import { programReport } from "../lib/mentorshipReport.server";

const cell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  // Quote, and keep spreadsheet programs from reading a cell as a formula.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  requireCoordinator(user);
  const cycle = await cycleOrNotFound(context, params.cycleId);
  const report = await programReport(context, cycle);
  const lines = [
    ["cycle", "mentee", "mentor", "status", "score", "check_ins", "last_check_in", "stalled", "decline_reason"],
    ...report.rows.map((r) => [cycle.name, r.mentee, r.mentor, r.status, r.score, r.checkins, r.lastCheckin, r.stalled ? "yes" : "no", r.declineReason]),
  ];
  // A byte-order mark, so that spreadsheet programs read the names' accents as UTF-8.
  return new Response(`\uFEFF${lines.map((l) => l.map(cell).join(",")).join("\r\n")}\r\n`, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="mentorship-report.csv"`, "Cache-Control": "no-store" },
  });
}
