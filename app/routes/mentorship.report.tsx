import { Link } from "react-router";
import { surveyQuestions } from "../../shared/mentorship/survey";
import type { Route } from "./+types/mentorship.report";
import { ButtonLink, Card, Figures, Notice, PageHeader } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { cycleOrNotFound, requireCoordinator } from "../lib/mentorship.server";
import { programReport } from "../lib/mentorshipReport.server";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `Report: ${data?.cycle.name ?? "Mentorship"} · CSL Commons` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  requireCoordinator(user);
  const cycle = await cycleOrNotFound(context, params.cycleId);
  return {
    cycle: { id: cycle.id, name: cycle.name },
    report: await programReport(context, cycle),
  };
}

const percent = (n: number | null) => (n === null ? "—" : `${Math.round(n * 100)}%`);
const statusColors: Record<string, string> = {
  proposed: "#6366f1",
  requested: "#8b5cf6",
  active: "#047857",
  declined: "#b91c1c",
  ended: "#57534e",
};

/** Pairs by status as horizontal bars, with the numbers written out for everyone. */
function StatusChart({ statuses }: { statuses: Record<string, number> }) {
  const entries = Object.entries(statuses);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return (
    <svg role="img" aria-label={`Pairs by status: ${entries.map(([s, n]) => `${n} ${s}`).join(", ")}`} viewBox={`0 0 400 ${entries.length * 28}`} className="w-full max-w-xl">
      {entries.map(([status, n], i) => (
        <g key={status} transform={`translate(0 ${i * 28})`}>
          <text x={0} y={17} fontSize={13} fill="currentColor">
            {status}
          </text>
          <rect x={90} y={4} width={(n / max) * 270} height={18} rx={3} fill={statusColors[status]} />
          <text x={96 + (n / max) * 270} y={17} fontSize={13} fill="currentColor">
            {n}
          </text>
        </g>
      ))}
    </svg>
  );
}

export default function ReportPage({ loaderData }: Route.ComponentProps) {
  const { cycle, report } = loaderData;
  const stalled = report.rows.filter((r) => r.stalled);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={`/mentorship/${cycle.id}`}>{cycle.name}</Link>
      </p>
      <PageHeader
        title={`Program report: ${cycle.name}`}
        actions={
          <ButtonLink to={`/mentorship/${cycle.id}/report.csv`} variant="secondary" reloadDocument>
            Download CSV
          </ButtonLink>
        }
      />
      <Figures
        items={[
          ["Mentees matched", `${percent(report.matchedShare)} of ${report.mentees}`],
          ["Acceptance rate", percent(report.acceptanceRate)],
          ["Check-ins held", String(report.checkinsHeld)],
          ["Pairs meeting", `${report.pairsWithCheckins} of ${report.statuses.active + report.statuses.ended}`],
          ["Mentors' feedback", report.feedback.mentors.average === null ? `${report.feedback.mentors.people} answered (shown from ${report.feedback.smallestGroup})` : `${report.feedback.mentors.average} / 5 (${report.feedback.mentors.people})`],
          ["Mentees' feedback", report.feedback.mentees.average === null ? `${report.feedback.mentees.people} answered (shown from ${report.feedback.smallestGroup})` : `${report.feedback.mentees.average} / 5 (${report.feedback.mentees.people})`],
        ]}
      />
      <Card title="End-of-cycle survey">
        <SurveyTable survey={report.survey} smallestGroup={report.feedback.smallestGroup} />
      </Card>
      <Card title="Pairs by status">
        <StatusChart statuses={report.statuses} />
      </Card>
      {stalled.length ? (
        <Notice>
          {stalled.length === 1 ? "One pair has" : `${stalled.length} pairs have`} had no check-in for three weeks: {stalled.map((r) => `${r.mentee} with ${r.mentor}`).join(", ")}. A gentle note from
          you may help.
        </Notice>
      ) : null}
      <Card title="Pairs">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-stone-300 dark:border-stone-700">
              <th className="py-1">Mentee</th>
              <th>Mentor</th>
              <th>Status</th>
              <th>Score</th>
              <th>Check-ins</th>
              <th>Last</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.id} className="border-b border-stone-200 dark:border-stone-800">
                <td className="py-1">{r.mentee}</td>
                <td>{r.mentor}</td>
                <td>
                  {r.status}
                  {r.stalled ? " (stalled)" : ""}
                </td>
                <td>{r.score}</td>
                <td>{r.checkins}</td>
                <td>{r.lastCheckin ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

/** Survey averages per statement for mentors and mentees, each only from a group of the smallest size up. */
function SurveyTable({ survey, smallestGroup }: { survey: Route.ComponentProps["loaderData"]["report"]["survey"]; smallestGroup: number }) {
  const cell = (side: typeof survey.mentors, key: (typeof surveyQuestions)[number]["key"]) => (side.averages ? `${side.averages[key]} / 5` : "—");
  return (
    <div className="space-y-3 text-sm">
      <p>
        {survey.mentors.respondents} {survey.mentors.respondents === 1 ? "mentor" : "mentors"} and {survey.mentees.respondents} {survey.mentees.respondents === 1 ? "mentee" : "mentees"} answered. Averages are shown for a group of
        {` ${smallestGroup}`} or more.
      </p>
      <table className="w-full text-left">
        <thead>
          <tr className="border-b border-stone-300 dark:border-stone-700">
            <th className="py-1 pr-2">Statement</th>
            <th className="pr-2">Mentors</th>
            <th>Mentees</th>
          </tr>
        </thead>
        <tbody>
          {surveyQuestions.map((q) => (
            <tr key={q.key} className="border-b border-stone-200 dark:border-stone-800">
              <td className="py-1 pr-2">{q.text}</td>
              <td className="pr-2">{cell(survey.mentors, q.key)}</td>
              <td>{cell(survey.mentees, q.key)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {survey.comments.length ? (
        <div>
          <h3 className="font-semibold">What people would keep or change</h3>
          <ul className="list-disc pl-5">
            {survey.comments.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
