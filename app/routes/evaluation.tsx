// Evaluation surveys (admins, coordinators, researchers): every survey with its audience and where
// it stands, and a new one: its design (one round, before and after, or retrospective), whether
// answers are anonymous, who it goes to, and the smallest group a report may show.
import { Form, Link, redirect } from "react-router";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Route } from "./+types/evaluation";
import { Button, Card, EmptyState, Field, FormError, PageHeader, Select, TextArea } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { requireEvaluator } from "../lib/evaluation.server";
import { failureOf, formValues, invalid, parseForm, readForm } from "../lib/forms";
import { nowIso } from "../../db/time";
import { audienceOf } from "../../server/evaluation/surveys";
import { defaultThreshold, lowestThreshold } from "../../shared/evaluation/disclosure";
import { designNames } from "../../shared/evaluation/surveys";
import { newId } from "../../shared/ids";

export const meta = () => [{ title: "Evaluation · CSL Commons" }];

async function audiences(context: Route.LoaderArgs["context"]) {
  const { db } = context.services;
  const [communities, events, requests] = await Promise.all([
    db.selectFrom("communities").select(["id", "name"]).orderBy("name").execute(),
    db.selectFrom("events").select(["id", "title"]).orderBy("starts_at", "desc").limit(100).execute(),
    db.selectFrom("training_requests").innerJoin("cohorts", "cohorts.request_id", "training_requests.id").select(["training_requests.id", "training_requests.organization"]).distinct().orderBy("training_requests.organization").execute(),
  ]);
  return [
    ...communities.map((c) => ({ value: `community:${c.id}`, label: `Community: ${c.name}` })),
    ...events.map((e) => ({ value: `event:${e.id}`, label: `Event registrants: ${e.title}` })),
    ...requests.map((r) => ({ value: `training:${r.id}`, label: `Training participants: ${r.organization}` })),
  ];
}

export async function loader({ context, request }: Route.LoaderArgs) {
  requireEvaluator(requireUser(context, request));
  const { db } = context.services;
  const surveys = await db.selectFrom("surveys").select(["id", "title", "design", "anonymity", "audience_kind", "audience_id", "open_round", "closed_at", "created_at"]).orderBy("created_at", "desc").execute();
  const answered = await db.selectFrom("survey_responses").select(["survey_id", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("survey_id").execute();
  const counts = new Map(answered.map((a) => [a.survey_id, Number(a.n)]));
  const options = await audiences(context);
  const audienceName = (kind: string, id: string) => options.find((o) => o.value === `${kind}:${id}`)?.label ?? "An audience no longer listed";
  return {
    audiences: options,
    surveys: surveys.map((s) => ({
      id: s.id,
      title: s.title,
      design: designNames[s.design],
      anonymous: s.anonymity === "anonymous",
      audience: audienceName(s.audience_kind, s.audience_id),
      status: s.closed_at ? "Closed" : s.open_round ? "Taking answers" : "Being prepared",
      responses: counts.get(s.id) ?? 0,
    })),
  };
}

const surveySchema = z.object({
  title: z.string().trim().min(3, "Give the survey a title.").max(150, "Keep the title under 150 characters."),
  intro: z.string().trim().max(2000, "Keep the introduction under 2,000 characters."),
  design: z.enum(["single", "pre-post", "retrospective"], { message: "Choose how the survey is given." }),
  anonymity: z.enum(["anonymous", "identified"], { message: "Choose whether answers are anonymous." }),
  audience: z.string().regex(/^(community|event|training):[a-z2-9]{16}$/, "Choose who the survey goes to."),
  threshold: z.coerce
    .number({ message: "Give the smallest group a report may show." })
    .int("A whole number.")
    .min(lowestThreshold, `Never fewer than ${lowestThreshold}: smaller groups can be recognized.`)
    .max(100, "At most 100."),
});

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireEvaluator(user);
  const form = await readForm(request);
  const parsed = parseForm(surveySchema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const { title, intro, design, anonymity, audience, threshold } = parsed.data;
  const [kind, audienceId] = audience.split(":") as ["community" | "event" | "training", string];
  if (!(await audienceOf(context.services.db, kind, audienceId))) return invalid({ errors: { audience: "Choose who the survey goes to." }, values: formValues(form) });
  const id = newId();
  const now = nowIso();
  await context.services.db
    .insertInto("surveys")
    .values({ id, title, intro, design, anonymity, audience_kind: kind, audience_id: audienceId, threshold, open_round: null, closed_at: null, pairing_salt: randomBytes(32).toString("hex"), created_by: user.id, created_at: now, updated_at: now })
    .execute();
  return redirect(`/evaluation/${id}`);
}

export default function Evaluation({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const values = failure?.values ?? {};
  const errors = failure?.errors ?? {};
  return (
    <div className="space-y-6">
      <PageHeader
        title="Evaluation"
        description={<p>Surveys of the network&apos;s communities, events and trainings, and their reports. No report ever shows a group of fewer than the survey&apos;s threshold (10 unless you set another, never below 5).</p>}
      />
      <Card title="Surveys">
        {loaderData.surveys.length === 0 ? (
          <EmptyState>No surveys yet. Make the first one below.</EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3">Survey</th>
                <th scope="col" className="py-1 pr-3">Goes to</th>
                <th scope="col" className="py-1 pr-3">Design</th>
                <th scope="col" className="py-1 pr-3">Where it stands</th>
                <th scope="col" className="py-1 text-right">Answers</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.surveys.map((s) => (
                <tr key={s.id} className="border-t border-stone-200 dark:border-stone-800">
                  <td className="py-2 pr-3">
                    <Link to={`/evaluation/${s.id}`}>{s.title}</Link>
                    <span className="block text-stone-700 dark:text-stone-300">{s.anonymous ? "Anonymous" : "Identified"}</span>
                  </td>
                  <td className="py-2 pr-3">{s.audience}</td>
                  <td className="py-2 pr-3">{s.design}</td>
                  <td className="py-2 pr-3">{s.status}</td>
                  <td className="py-2 text-right tabular-nums">{s.responses}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="A new survey">
        <Form method="post" className="space-y-4" noValidate>
          <FormError message={failure?.formError} />
          <Field label="Title" name="title" defaultValue={values.title} error={errors.title} required maxLength={150} />
          <TextArea label="Introduction (shown to everyone before the questions)" name="intro" defaultValue={values.intro} error={errors.intro} maxLength={2000} />
          <Select label="How it is given" name="design" defaultValue={values.design ?? "pre-post"} error={errors.design} options={Object.entries(designNames).map(([value, label]) => ({ value, label }))} />
          <Select
            label="Answers are"
            name="anonymity"
            defaultValue={values.anonymity ?? "anonymous"}
            error={errors.anonymity}
            hint="Anonymous: stored with no link to the person; a before and an after answer are linked only by a code the person keeps. Identified: stored with the person's address."
            options={[
              { value: "anonymous", label: "Anonymous" },
              { value: "identified", label: "Identified" },
            ]}
          />
          <Select label="Goes to" name="audience" defaultValue={values.audience} error={errors.audience} options={loaderData.audiences} />
          <Field label="Smallest group a report may show" name="threshold" type="number" min={lowestThreshold} max={100} defaultValue={values.threshold ?? String(defaultThreshold)} error={errors.threshold} hint={`The BC Ministry of Education masks groups of fewer than 10. Never below ${lowestThreshold}.`} />
          <Button>Make the survey</Button>
        </Form>
      </Card>
    </div>
  );
}
