// Training requests for the network's director (admins and coordinators): a board (a column per
// stage) or a list (one table, newest first), each request with its latest quote or estimate.
import { Link } from "react-router";
import type { Route } from "./+types/network.training";
import { ButtonLink, EmptyState, PageHeader } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { requireEventKeeper } from "../lib/events.server";
import { latestQuotes } from "../../db/queries/training";
import { offeringRules } from "../../shared/training/offerings";
import { formatCad, quote } from "../../shared/training/quote";
import { trainingStageNames, trainingStages } from "../../shared/training/stages";
import { formatShortDate } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";

export const meta = () => [{ title: "Training requests · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  requireEventKeeper(requireUser(context, request));
  const { db } = context.services;
  const view = new URL(request.url).searchParams.get("view") === "list" ? "list" : "board";
  const rows = await db.selectFrom("training_requests").selectAll().orderBy("created_at", "desc").limit(500).execute();
  const quoted = await latestQuotes(db, rows.map((r) => r.id));
  const requests = rows.map((r) => {
    const q = quoted.get(r.id);
    return {
      id: r.id,
      stage: r.stage,
      organization: r.organization,
      offering: offeringRules[r.offering].name,
      received: formatShortDate(r.created_at, defaultTimezone),
      amount: q ? `${formatCad(q.total_cents)} (quote v${q.version})` : `${formatCad(quote({ offering: r.offering, hours: r.hours, participants: r.participants, facilitators: r.facilitators, prepHours: r.prep_hours }).totalCents)} (estimate)`,
    };
  });
  return { view, requests, stages: trainingStages.map((stage) => ({ stage, name: trainingStageNames[stage], requests: requests.filter((r) => r.stage === stage) })) };
}

export default function TrainingRequests({ loaderData }: Route.ComponentProps) {
  const { view, requests, stages } = loaderData;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Training requests"
        description={<p>Requests from districts, schools and organizations through <Link to="/training">the public form</Link>.</p>}
        actions={<ButtonLink to="/network/training-dashboard" variant="secondary">Dashboard</ButtonLink>}
      />
      <nav aria-label="View" className="flex gap-3 text-sm">
        {view === "board" ? <strong aria-current="page">Board</strong> : <Link to="?view=board">Board</Link>}
        {view === "list" ? <strong aria-current="page">List</strong> : <Link to="?view=list">List</Link>}
      </nav>
      {requests.length === 0 ? (
        <EmptyState>No request yet. Districts find the form at /training.</EmptyState>
      ) : view === "board" ? (
        <div className="flex gap-3 overflow-x-auto pb-2">
          {stages.map((s) => (
            <section key={s.stage} aria-labelledby={`stage-${s.stage}`} className="w-56 shrink-0 rounded-lg bg-stone-100 p-2 dark:bg-stone-900">
              <h2 id={`stage-${s.stage}`} className="mb-2 px-1 text-sm font-semibold">
                {s.name} ({s.requests.length})
              </h2>
              <ul className="space-y-2">
                {s.requests.map((r) => (
                  <li key={r.id} className="rounded-md border border-stone-200 bg-white p-2 text-sm dark:border-stone-800 dark:bg-stone-950">
                    <Link to={`/network/training/${r.id}`} className="font-medium">
                      {r.organization}
                    </Link>
                    <p className="text-stone-700 dark:text-stone-300">{r.offering}</p>
                    <p className="text-stone-700 dark:text-stone-300">{r.amount}</p>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-stone-300 dark:border-stone-700">
              <th scope="col" className="py-1">
                Organization
              </th>
              <th scope="col">Offering</th>
              <th scope="col">Stage</th>
              <th scope="col">Amount</th>
              <th scope="col">Received</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} className="border-b border-stone-200 dark:border-stone-800">
                <td className="py-1">
                  <Link to={`/network/training/${r.id}`}>{r.organization}</Link>
                </td>
                <td>{r.offering}</td>
                <td>{trainingStageNames[r.stage]}</td>
                <td>{r.amount}</td>
                <td>{r.received}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
