// Requesting training (public, no account): the offering, hours, participants, facilitators, mode,
// preferred dates, context and contact. Each offering's rules are shown and checked on the server,
// beside the field they concern; the answer is an estimate from the quote function, and the request
// goes to the director. A hidden field and limits per email and address keep robots out.
import { data, Form } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/training";
import { readAsk } from "../lib/training.server";
import { siteTextHtml } from "../lib/site.server";
import { RobotTrap, filledByRobot } from "../components/RobotTrap";
import { Button, Field, FormError, Notice, PageHeader, Select, TextArea } from "../components/ui";
import { failureOf, formError, readForm } from "../lib/forms";
import { QuoteTable } from "../training/QuoteTable";
import { offeringRules, offerings, type Offering } from "../../shared/training/offerings";
import { quote } from "../../shared/training/quote";
import { newId } from "../../shared/ids";
import { nowIso } from "../../db/time";

export const meta = () => [{ title: "Request training · BC Compassionate Systems Leadership Network" }];

const contactSchema = z.object({
  organization: z.string().trim().min(2, "Name your district, school or organization.").max(200),
  contactName: z.string().trim().min(2, "Give your name.").max(120),
  contactEmail: z.email("Give an email address we can write to.").max(200),
  contactRole: z.string().trim().max(120).transform((v) => v || null),
  mode: z.enum(["in-person", "virtual", "hybrid"], { message: "Choose in person, virtual or hybrid." }),
  preferredDates: z.string().trim().max(500).transform((v) => v || null),
  context: z.string().trim().max(5000).transform((v) => v || null),
});

export async function action({ context, request }: Route.ActionArgs) {
  const form = await readForm(request);
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  if (filledByRobot(form)) return { sent: true as const, estimate: null };
  const offering = values.offering as Offering;
  if (!offerings.includes(offering)) return formError(form, "Choose an offering.");
  const { ask, check } = readAsk(form, offering);
  const contact = contactSchema.safeParse({ ...values, contactEmail: (values.contactEmail ?? "").trim() });
  const errors: Record<string, string> = { ...(check.problems as Record<string, string>) };
  if (!contact.success) for (const issue of contact.error.issues) errors[String(issue.path[0])] ??= issue.message;
  if (Object.keys(errors).length || !contact.success) return data({ errors, values }, { status: 400 });
  const { services } = context;
  if (!(await services.throttle.publicFormAllowed("training", contact.data.contactEmail.toLowerCase(), context.clientAddress))) return formError(form, "Too many requests from here in the last hour. Please try again later.", 429);
  const id = newId();
  const now = nowIso();
  await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("training_requests")
      .values({ id, offering, hours: ask.hours, participants: ask.participants, facilitators: ask.facilitators, prep_hours: ask.prepHours, mode: contact.data.mode, preferred_dates: contact.data.preferredDates, context: contact.data.context, organization: contact.data.organization, contact_name: contact.data.contactName, contact_email: contact.data.contactEmail.toLowerCase(), contact_role: contact.data.contactRole, stage: "new", created_at: now, updated_at: now })
      .execute();
    await trx.insertInto("training_request_changes").values({ id: newId(), request_id: id, changed_by: null, changed_at: now, from_stage: null, to_stage: "new" }).execute();
  });
  return { sent: true as const, estimate: quote(ask), notices: check.notices };
}

export async function loader({ context }: Route.LoaderArgs) {
  return { introHtml: await siteTextHtml(context, "training-intro") };
}

export default function Training({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const sent = actionData && "sent" in actionData ? actionData : null;
  const v = failure?.values;
  const e = failure?.errors ?? {};
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title="Request training" description={<div className="markdown-body" dangerouslySetInnerHTML={{ __html: loaderData.introHtml }} />} />
      {sent ? (
        <div className="space-y-4">
          <Notice>Thank you: your request has reached the network&apos;s director, who will write back to you.</Notice>
          {sent.estimate ? (
            <section aria-labelledby="estimate-heading" className="space-y-2">
              <h2 id="estimate-heading" className="text-lg font-semibold">
                An estimate, from the network&apos;s fees
              </h2>
              {"notices" in sent && sent.notices?.length ? <p>{sent.notices.join(" ")}</p> : null}
              <QuoteTable quote={sent.estimate} />
            </section>
          ) : null}
        </div>
      ) : (
        <Form method="post" className="space-y-4">
          <FormError message={failure?.formError} />
          <Select label="Offering" name="offering" defaultValue={v?.offering ?? "introduction"} error={e.offering} options={offerings.map((o) => ({ value: o, label: offeringRules[o].name }))} />
          <div className="rounded-md bg-stone-100 p-3 text-sm dark:bg-stone-800">
            <p className="font-medium">Each offering&apos;s hours</p>
            <ul className="list-disc pl-5">
              {offerings.map((o) => (
                <li key={o}>
                  {offeringRules[o].name}: {offeringRules[o].rule}
                </li>
              ))}
            </ul>
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Hours" name="hours" type="number" min={0} step="0.5" defaultValue={v?.hours ?? "12"} error={e.hours} hint="Not asked of Going Deeper." />
            <Field label="Participants" name="participants" type="number" min={1} defaultValue={v?.participants ?? "40"} error={e.participants} />
            <Field label="Facilitators" name="facilitators" type="number" min={1} defaultValue={v?.facilitators ?? "1"} error={e.facilitators} />
            <Field label="Preparation and follow-up coaching (hours)" name="prepHours" type="number" min={0} step="0.5" defaultValue={v?.prepHours ?? "0"} error={e.prepHours} />
          </div>
          <Select label="How" name="mode" defaultValue={v?.mode ?? "in-person"} error={e.mode} options={[{ value: "in-person", label: "In person" }, { value: "virtual", label: "Virtual" }, { value: "hybrid", label: "Hybrid" }]} />
          <Field label="Preferred dates (optional)" name="preferredDates" maxLength={500} defaultValue={v?.preferredDates} />
          <TextArea label="Context and goals (optional)" name="context" rows={4} maxLength={5000} defaultValue={v?.context} />
          <Field label="District, school or organization" name="organization" required maxLength={200} defaultValue={v?.organization} error={e.organization} />
          <Field label="Your name" name="contactName" required autoComplete="name" defaultValue={v?.contactName} error={e.contactName} />
          <Field label="Email" name="contactEmail" type="email" required autoComplete="email" defaultValue={v?.contactEmail} error={e.contactEmail} />
          <Field label="Your role (optional)" name="contactRole" defaultValue={v?.contactRole} />
          <RobotTrap />
          <Button>Send the request</Button>
        </Form>
      )}
    </div>
  );
}
