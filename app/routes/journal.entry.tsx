// One journal entry, for its author alone: anyone else (an admin too) gets 404, as for an entry
// that does not exist. Edit or delete it.
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/journal.entry";
import { Button, Card, ConfirmAction, FormError, Notice, PageHeader } from "../components/ui";
import { DomainBadge } from "../components/DomainBadge";
import { EntryFields } from "../journal/EntryFields";
import { notFound, requireUser } from "../lib/auth.server";
import { invalid, parseForm, readForm } from "../lib/forms";
import { entryForm } from "../../shared/journal/entries";

export const meta = () => [{ title: "Journal entry · CSL Commons" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const entry = await context.services.journal.get(user.id, params.entryId);
  if (!entry) notFound("There is no such entry in your journal.");
  return { entry: entry!, saved: new URL(request.url).searchParams.has("saved") };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  const { journal } = context.services;
  if (form.get("intent") === "delete") {
    if (form.get("confirmed") !== "yes" || !(await journal.remove(user.id, params.entryId))) notFound("There is no such entry in your journal.");
    throw redirect("/journal");
  }
  const parsed = parseForm(entryForm, form);
  if (!parsed.ok) return invalid(parsed.failure);
  if (!(await journal.update(user.id, params.entryId, parsed.data))) notFound("There is no such entry in your journal.");
  throw redirect(`/journal/${params.entryId}?saved=1`);
}

export default function JournalEntry({ loaderData, actionData }: Route.ComponentProps) {
  const { entry, saved } = loaderData;
  const values = { date: entry.date, domain: entry.domain ?? "", prompt: entry.prompt ?? "", text: entry.text, ...actionData?.values };
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/journal" className="underline">
          ← Journal
        </Link>
      </p>
      <PageHeader title={`Entry of ${entry.date}`} description="Only you can read this entry." />
      {saved && !actionData ? <Notice>Saved.</Notice> : null}
      <article className="space-y-2 rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
        {entry.domain || entry.prompt ? (
          <p className="flex flex-wrap items-center gap-2 text-sm">
            {entry.domain ? <DomainBadge domain={entry.domain} /> : null}
            {entry.prompt ? <span className="italic">{entry.prompt}</span> : null}
          </p>
        ) : null}
        <p className="whitespace-pre-line">{entry.text}</p>
      </article>
      <Card title="Edit">
        <Form method="post" className="space-y-4">
          <FormError message={actionData?.formError} />
          <EntryFields values={values} errors={actionData?.errors} />
          <Button name="intent" value="save">
            Save changes
          </Button>
        </Form>
      </Card>
      <Form method="post">
        <ConfirmAction label="Delete this entry" question="Delete this entry for good? It cannot be brought back." confirmLabel="Delete it" intent="delete" />
      </Form>
    </div>
  );
}
