// The reflective journal: a private place to write (the self domain). Only its author ever reads
// an entry; entries are sealed at rest (server/journal/). New entries may start from a prompt
// (chosen here, or offered by a facilitator at the end of a live session: ?prompt=…&domain=…).
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/journal";
import { Button, ButtonLink, Card, EmptyState, FilterInput, FormError, PageHeader } from "../components/ui";
import { DomainBadge } from "../components/DomainBadge";
import { EntryFields } from "../journal/EntryFields";
import { requireUser } from "../lib/auth.server";
import { invalid, parseForm, readForm } from "../lib/forms";
import { domainIds, domains, type DomainId } from "../../shared/domains";
import { entryForm, promptOfTheDay, searchEntries } from "../../shared/journal/entries";
import { utcToLocal } from "../../shared/recurrence";
import { zoneOf } from "../../shared/format";

export const meta = () => [{ title: "Journal · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 200);
  const today = utcToLocal(new Date(), zoneOf(user)).slice(0, 10);
  const offered = url.searchParams.get("prompt")?.slice(0, 500) ?? "";
  const offeredDomain = url.searchParams.get("domain") ?? "";
  const entries = await context.services.journal.all(user.id);
  const found = searchEntries(entries, q);
  return {
    q,
    total: entries.length,
    entries: found.map((e) => ({ id: e.id, date: e.date, domain: e.domain, prompt: e.prompt, excerpt: e.text.length > 240 ? `${e.text.slice(0, 240)}…` : e.text })),
    today,
    draft: { date: today, domain: (domainIds as readonly string[]).includes(offeredDomain) ? offeredDomain : "", prompt: offered, text: "" },
    suggestions: domainIds.map((d) => ({ domain: d, prompt: promptOfTheDay(d, today) })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  const parsed = parseForm(entryForm, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const id = await context.services.journal.add(user.id, parsed.data);
  throw redirect(`/journal/${id}?saved=1`);
}

export default function Journal({ loaderData, actionData }: Route.ComponentProps) {
  const { entries, q, total, draft, suggestions } = loaderData;
  const values = actionData?.values ? { ...draft, ...actionData.values } : draft;
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Journal"
        description="A private place to reflect. Only you can read what you write here: not facilitators, not the network's admins. It is stored encrypted."
        actions={total > 0 ? <ButtonLink to="/journal/export.md" variant="secondary" reloadDocument>Export as Markdown</ButtonLink> : null}
      />
      <Card title="New entry">
        <Form method="post" className="space-y-4">
          <FormError message={actionData?.formError} />
          <EntryFields values={values} errors={actionData?.errors} />
          <Button>Save entry</Button>
        </Form>
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer font-medium">Need a place to start? Today's prompts</summary>
          <ul className="mt-2 space-y-2">
            {suggestions.map((s) => (
              <li key={s.domain} className="flex flex-wrap items-center gap-2">
                <DomainBadge domain={s.domain as DomainId} />
                <Link className="underline" to={`/journal?prompt=${encodeURIComponent(s.prompt)}&domain=${s.domain}`}>
                  {s.prompt}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      </Card>
      {total > 0 ? (
        <section aria-labelledby="entries" className="space-y-3">
          <h2 id="entries" className="text-lg font-semibold">
            Your entries
          </h2>
          <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
            <FilterInput label="Search your journal" name="q" type="search" defaultValue={q} maxLength={200} />
            <Button variant="secondary">Search</Button>
          </Form>
          {entries.length === 0 ? (
            <EmptyState>No entry holds “{q}”.</EmptyState>
          ) : (
            <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
              {entries.map((e) => (
                <li key={e.id} className="p-4">
                  <p className="flex flex-wrap items-center gap-2 text-sm">
                    <Link to={`/journal/${e.id}`} className="font-semibold underline">
                      {e.date}
                    </Link>
                    {e.domain ? <DomainBadge domain={e.domain} /> : null}
                    {e.prompt ? <span className="text-stone-600 dark:text-stone-400">{e.prompt}</span> : null}
                  </p>
                  <p className="mt-1 whitespace-pre-line">{e.excerpt}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : (
        <EmptyState>Your journal is empty. Whatever you write stays yours.</EmptyState>
      )}
      <p className="text-sm text-stone-600 dark:text-stone-400">
        About the domains: {domainIds.map((d) => `${domains[d].label} (${domains[d].summary.toLowerCase()})`).join(", ")}.
      </p>
    </div>
  );
}
