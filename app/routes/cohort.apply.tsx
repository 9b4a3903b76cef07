// Applying to a Going Deeper cohort, open to anyone with the link: name, email, role, organization
// and why. Once per email; a hidden field and limits per email and address keep robots out.
import { Form } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/cohort.apply";
import { RobotTrap, filledByRobot } from "../components/RobotTrap";
import { Button, Field, FormError, Notice, PageHeader, TextArea } from "../components/ui";
import { notFound } from "../lib/auth.server";
import { failureOf, formError, invalid, parseForm, readForm } from "../lib/forms";
import { applyToCohort } from "../../db/queries/cohorts";
import type { DB } from "../../db/connect";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `Apply: ${data?.name ?? "Going Deeper"} · BC Compassionate Systems Leadership Network` }];

async function cohortOf(context: Route.LoaderArgs["context"], slug: string | undefined) {
  const cohort = await context.services.db.selectFrom("cohorts").selectAll().where("slug", "=", slug ?? "").executeTakeFirst();
  if (!cohort) notFound("There is no such cohort.");
  return cohort;
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const cohort = await cohortOf(context, params.slug);
  return { name: cohort.name, open: Boolean(cohort.applications_open) };
}

const schema = z.object({
  name: z.string().trim().min(2, "Give your name.").max(120, "Keep your name under 120 characters."),
  email: z.email("Give an email address we can write to.").max(200),
  role: z.string().trim().max(120).transform((v) => v || null),
  organization: z.string().trim().max(150).transform((v) => v || null),
  reasons: z.string().trim().min(20, "Tell us in a few sentences why you would like to join.").max(4000, "Keep it under 4,000 characters."),
});

export async function action({ context, request, params }: Route.ActionArgs) {
  const cohort = await cohortOf(context, params.slug);
  const form = await readForm(request);
  if (filledByRobot(form)) return { applied: true as const };
  const parsed = parseForm(schema, form, { name: form.get("name") ?? "", email: String(form.get("email") ?? "").trim(), role: form.get("role") ?? "", organization: form.get("organization") ?? "", reasons: form.get("reasons") ?? "" });
  if (!parsed.ok) return invalid(parsed.failure);
  const { mailer, throttle, db } = context.services;
  if (!(await throttle.publicFormAllowed("cohort", parsed.data.email.toLowerCase(), context.clientAddress))) return formError(form, "Too many applications from here in the last hour. Please try again later.", 429);
  const ids: string[] = [];
  const outcome = await applyToCohort(db, cohort.id, parsed.data, async (trx) => {
    ids.push(await mailer.record(trx as unknown as DB, { to: parsed.data.email, kind: "cohort", subject: `Your application to ${cohort.name}`, text: `Hello ${parsed.data.name},\n\nThank you for applying to ${cohort.name}. The network's director will write to you once applications are reviewed.` }));
  });
  mailer.release(ids);
  if (outcome === "closed") return formError(form, "Applications to this cohort are closed.", 409);
  if (outcome === "already") return formError(form, "This email has applied already. The director will write to you.", 409);
  return { applied: true as const };
}

export default function Apply({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const applied = actionData && "applied" in actionData;
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <PageHeader title={`Apply to ${loaderData.name}`} description={<p>Going Deeper is a year-long cohort of the BC Compassionate Systems Leadership Network: regular sessions together, practice between them, and a community of your own on CSL Commons.</p>} />
      {applied ? (
        <Notice>Thank you: your application is in. An email confirms it; the director will write to you once applications are reviewed.</Notice>
      ) : !loaderData.open ? (
        <p>Applications to this cohort are closed.</p>
      ) : (
        <Form method="post" className="space-y-4">
          <FormError message={failure?.formError} />
          <Field label="Your name" name="name" required autoComplete="name" defaultValue={failure?.values.name} error={failure?.errors.name} />
          <Field label="Email" name="email" type="email" required autoComplete="email" defaultValue={failure?.values.email} error={failure?.errors.email} />
          <Field label="Role (optional)" name="role" defaultValue={failure?.values.role} />
          <Field label="School, district or organization (optional)" name="organization" autoComplete="organization" defaultValue={failure?.values.organization} />
          <TextArea label="Why would you like to join?" name="reasons" rows={5} maxLength={4000} defaultValue={failure?.values.reasons} error={failure?.errors.reasons} />
          <RobotTrap />
          <Button>Apply</Button>
        </Form>
      )}
    </div>
  );
}
