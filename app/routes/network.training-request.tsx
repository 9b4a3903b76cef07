// One training request for the director: what was asked, the quote (printable: the page prints
// without the site's header), the stage with its history (who moved it, when, from and to).
import { Form, Link } from "react-router";
import type { Route } from "./+types/network.training-request";
import { Button, Card, FormError, Notice, PageHeader, Select } from "../components/ui";
import { notFound, requireUser } from "../lib/auth.server";
import { requireEventKeeper } from "../lib/events.server";
import { formError, readForm } from "../lib/forms";
import { QuoteTable } from "../training/QuoteTable";
import { offeringRules } from "../../shared/training/offerings";
import { quote } from "../../shared/training/quote";
import { trainingStageNames, trainingStages } from "../../shared/training/stages";
import type { TrainingStage } from "../../db/schema";
import { formatDateTime } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";
import { newId } from "../../shared/ids";
import { nowIso } from "../../db/time";

export const meta = () => [{ title: "Training request · CSL Commons" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireEventKeeper(requireUser(context, request));
  const { db } = context.services;
  const r = await db.selectFrom("training_requests").selectAll().where("id", "=", params.requestId).executeTakeFirst();
  if (!r) notFound("There is no such request.");
  const history = await db.selectFrom("training_request_changes").leftJoin("users", "users.id", "training_request_changes.changed_by").select(["training_request_changes.id", "changed_at", "from_stage", "to_stage", "users.name as by"]).where("request_id", "=", r.id).orderBy("changed_at").orderBy("training_request_changes.id").execute();
  return {
    request: { ...r, offeringName: offeringRules[r.offering].name, received: formatDateTime(r.created_at, defaultTimezone) },
    quote: quote({ offering: r.offering, hours: r.hours, participants: r.participants, facilitators: r.facilitators, prepHours: r.prep_hours }),
    history: history.map((h) => ({ id: h.id, at: formatDateTime(h.changed_at, defaultTimezone), by: h.by ?? "the request form", from: h.from_stage ? trainingStageNames[h.from_stage] : null, to: trainingStageNames[h.to_stage] })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireEventKeeper(user);
  const form = await readForm(request);
  const to = String(form.get("stage") ?? "") as TrainingStage;
  if (!trainingStages.includes(to)) return formError(form, "Choose a stage.");
  const { db } = context.services;
  const moved = await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("training_requests").select("stage").where("id", "=", params.requestId ?? "").executeTakeFirst();
    if (!current) return null;
    if (current.stage === to) return false;
    const now = nowIso();
    // Conditional on the stage read, so two people moving it at once are both recorded in order, never lost.
    const changed = await trx.updateTable("training_requests").set({ stage: to, updated_at: now }).where("id", "=", params.requestId ?? "").where("stage", "=", current.stage).executeTakeFirst();
    if (!Number(changed.numUpdatedRows)) return false;
    await trx.insertInto("training_request_changes").values({ id: newId(), request_id: params.requestId ?? "", changed_by: user.id, changed_at: now, from_stage: current.stage, to_stage: to }).execute();
    return true;
  });
  if (moved === null) notFound("There is no such request.");
  return { notice: moved ? `Moved to ${trainingStageNames[to]}.` : "It is at that stage already." };
}

export default function TrainingRequest({ loaderData, actionData }: Route.ComponentProps) {
  const { request: r } = loaderData;
  const result = actionData as { notice?: string; formError?: string } | undefined;
  return (
    <div className="space-y-6">
      <p className="text-sm print:hidden">
        <Link to="/network/training">All training requests</Link>
      </p>
      <PageHeader title={`${r.offeringName} for ${r.organization}`} description={<p>Received {r.received} from {r.contact_name} ({r.contact_email}){r.contact_role ? `, ${r.contact_role}` : ""}.</p>} />
      {result?.notice ? <Notice>{result.notice}</Notice> : null}
      <FormError message={result?.formError} />
      <Card title="Quote">
        <p className="mb-3 text-sm">
          {r.hours ? `${r.hours} hours, ` : ""}
          {r.participants} participants, {r.facilitators} {r.facilitators === 1 ? "facilitator" : "facilitators"}, {r.mode}
          {r.preferred_dates ? `; preferred: ${r.preferred_dates}` : ""}
        </p>
        <QuoteTable quote={loaderData.quote} />
        {r.context ? <p className="mt-3 whitespace-pre-wrap text-sm">{r.context}</p> : null}
      </Card>
      <Card title="Stage">
        <Form method="post" className="flex flex-wrap items-end gap-3 print:hidden">
          <Select label="Move to" name="stage" defaultValue={r.stage} options={trainingStages.map((s) => ({ value: s, label: trainingStageNames[s] }))} />
          <Button variant="secondary">Move</Button>
        </Form>
        <ol className="mt-4 space-y-1 text-sm">
          {loaderData.history.map((h) => (
            <li key={h.id}>
              {h.at}: {h.from ? `${h.from} → ${h.to}` : h.to}, by {h.by}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
