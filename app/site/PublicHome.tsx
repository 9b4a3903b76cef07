// The network's public home: what CSL is in its three domains, the next events, the newest
// resources, the newsletter sign-up and a way to request training. Readable on a phone.
import { Link } from "react-router";
import { ButtonLink, Card, EmptyState } from "../components/ui";
import { StayUpToDateForm } from "./StayUpToDateForm";
import { EventSummary } from "../events/EventSummary";
import { DomainBadge } from "../components/DomainBadge";
import { domainIds, domains } from "../../shared/domains";
import type { publicHome } from "../lib/site.server";

type Data = Awaited<ReturnType<typeof publicHome>>;

const domainText = { self: "home-self", "each-other": "home-each-other", system: "home-system" } as const;

export function PublicHome({ data }: { data: Data }) {
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">BC Compassionate Systems Leadership Network</h1>
        <div className="markdown-body max-w-3xl text-lg" dangerouslySetInnerHTML={{ __html: data.html["home-intro"] }} />
        <div className="flex flex-wrap gap-3">
          <ButtonLink to="/events">Events and workshops</ButtonLink>
          <ButtonLink to="/resources" variant="secondary">
            Resources
          </ButtonLink>
          <ButtonLink to="/login" variant="quiet">
            Members sign in
          </ButtonLink>
        </div>
      </section>
      <section aria-labelledby="domains-heading">
        <h2 id="domains-heading" className="mb-4 text-2xl font-semibold">
          Three domains of practice
        </h2>
        <ul className="grid gap-4 md:grid-cols-3">
          {domainIds.map((d) => (
            <li key={d} className="rounded-xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
              <h3 className="text-lg font-semibold">
                <DomainBadge domain={d} />
                <span className="sr-only">: {domains[d].summary}</span>
              </h3>
              <div className="markdown-body mt-2" dangerouslySetInnerHTML={{ __html: data.html[domainText[d]] }} />
              <Link to={`/resources?domain=${d}`} className="mt-3 inline-block text-sm font-medium">
                Resources for {domains[d].label.toLowerCase()}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Coming up">
          {data.events.length === 0 ? (
            <EmptyState>No event is planned just now. Stay up to date to hear of the next one.</EmptyState>
          ) : (
            <ul className="space-y-3">
              {data.events.map((e) => (
                <li key={e.slug}>
                  <EventSummary event={e} />
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="New in the library">
          <ul className="space-y-3">
            {data.resources.map((r) => (
              <li key={r.slug}>
                <Link to={`/resources/${r.slug}`} className="font-medium">
                  {r.title}
                </Link>
                <p className="text-sm text-stone-700 dark:text-stone-300">{r.summary}</p>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Training for your district or school">
          <div className="markdown-body" dangerouslySetInnerHTML={{ __html: data.html["home-training"] }} />
          <div className="mt-4">
            <ButtonLink to="/training">Request training</ButtonLink>
          </div>
        </Card>
        <Card title="Stay up to date">
          <p className="mb-3">News of the network&apos;s communities, events and resources, a few times a year.</p>
          <StayUpToDateForm />
        </Card>
      </div>
    </div>
  );
}
