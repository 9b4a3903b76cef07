// Training requests for the network's director (admins and coordinators): every request by stage,
// with its estimate, newest first.
import { Link } from "react-router";
import type { Route } from "./+types/network.training";
import { Card, EmptyState, PageHeader } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { requireEventKeeper } from "../lib/events.server";
import { offeringRules } from "../../shared/training/offerings";
import { formatCad, quote } from "../../shared/training/quote";
import { trainingStageNames, trainingStages } from "../../shared/training/stages";
import { formatShortDate } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";

export const meta = () => [{ title: "Training requests · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  requireEventKeeper(requireUser(context, request));
  const rows = await context.services.db.selectFrom("training_requests").selectAll().orderBy("created_at", "desc").limit(500).execute();
  return {
    stages: trainingStages.map((stage) => ({
      stage: trainingStageNames[stage],
      requests: rows
        .filter((r) => r.stage === stage)
        .map((r) => ({ id: r.id, organization: r.organization, offering: offeringRules[r.offering].name, received: formatShortDate(r.created_at, defaultTimezone), estimate: formatCad(quote({ offering: r.offering, hours: r.hours, participants: r.participants, facilitators: r.facilitators, prepHours: r.prep_hours }).totalCents) })),
    })),
  };
}

export default function TrainingRequests({ loaderData }: Route.ComponentProps) {
  const any = loaderData.stages.some((s) => s.requests.length);
  return (
    <div className="space-y-6">
      <PageHeader title="Training requests" description={<p>Requests from districts, schools and organizations through <Link to="/training">the public form</Link>, by stage.</p>} />
      {!any ? (
        <EmptyState>No request yet. Districts find the form at /training.</EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-4">
          {loaderData.stages
            .filter((s) => s.requests.length)
            .map((s) => (
              <Card key={s.stage} title={`${s.stage} (${s.requests.length})`}>
                <ul className="space-y-2">
                  {s.requests.map((r) => (
                    <li key={r.id}>
                      <Link to={`/network/training/${r.id}`} className="font-medium">
                        {r.organization}
                      </Link>
                      <p className="text-sm text-stone-700 dark:text-stone-300">
                        {r.offering} · {r.estimate} · {r.received}
                      </p>
                    </li>
                  ))}
                </ul>
              </Card>
            ))}
        </div>
      )}
    </div>
  );
}
