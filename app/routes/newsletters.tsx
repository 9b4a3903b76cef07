// The network's newsletters: every one with its state, and a new one started from a subject.
// Admins and coordinators only.
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/newsletters";
import { Button, Card, EmptyState, Field, FormError, PageHeader } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { failureOf, parseForm, readForm, invalid } from "../lib/forms";
import { requireContactKeeper } from "../lib/contacts.server";
import { newsletterStatusNames } from "../network/newsletterWords";
import { createNewsletter, listNewsletters } from "../../db/queries/newsletters";
import { contactFilterSchema } from "../../shared/network/contactSearch";
import { formatDateTime } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";
import { z } from "zod";

export const meta = () => [{ title: "Newsletters · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  requireContactKeeper(requireUser(context, request));
  const newsletters = await listNewsletters(context.services.db);
  return {
    newsletters: newsletters.map((n) => ({
      id: n.id,
      subject: n.subject,
      status: newsletterStatusNames[n.status],
      when: n.started_at ? `started ${formatDateTime(n.started_at, defaultTimezone)}` : n.scheduled_for ? `for ${formatDateTime(n.scheduled_for, defaultTimezone)}` : `changed ${formatDateTime(n.updated_at, defaultTimezone)}`,
      recipients: n.recipients,
    })),
  };
}

const newSchema = z.object({ subject: z.string().trim().min(3, "Give it a subject of at least 3 characters.").max(150, "Keep the subject under 150 characters.") });

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireContactKeeper(user);
  const form = await readForm(request);
  const parsed = parseForm(newSchema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const id = await createNewsletter(context.services.db, { subject: parsed.data.subject, bodyMarkdown: "", audience: contactFilterSchema.parse({}) }, user.id);
  throw redirect(`/network/newsletters/${id}`);
}

export default function Newsletters({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  return (
    <div className="space-y-6">
      <PageHeader title="Newsletters" description={<p>Written in Markdown, sent to people who agreed to hear from the network, each with a link that unsubscribes at once.</p>} />
      <Card title="Start a newsletter">
        <Form method="post" className="flex flex-wrap items-end gap-3">
          <div className="min-w-72 flex-1">
            <Field label="Subject" name="subject" required maxLength={150} defaultValue={failure?.values.subject} error={failure?.errors.subject} />
          </div>
          <Button>Start writing</Button>
        </Form>
        <FormError message={failure?.formError} />
      </Card>
      <Card title="All newsletters">
        {loaderData.newsletters.length === 0 ? (
          <EmptyState>No newsletter yet. Start one above: give it a subject, then write it and choose who receives it.</EmptyState>
        ) : (
          <ul className="divide-y divide-stone-200 dark:divide-stone-800">
            {loaderData.newsletters.map((n) => (
              <li key={n.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <Link to={`/network/newsletters/${n.id}`} className="font-medium">
                  {n.subject}
                </Link>
                <span className="text-sm text-stone-700 dark:text-stone-300">
                  {n.status}, {n.when}
                  {n.recipients ? `, ${n.recipients} recipients` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <p className="text-sm">
        The public archive of sent newsletters: <Link to="/newsletters">/newsletters</Link>
      </p>
    </div>
  );
}
