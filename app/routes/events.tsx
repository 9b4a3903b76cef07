// The network's upcoming events, open to anyone.
import type { Route } from "./+types/events";
import { EmptyState, PageHeader } from "../components/ui";
import { EventSummary } from "../events/EventSummary";
import { whenOf } from "../../server/eventNotices";
import { siteTextHtml } from "../lib/site.server";
import { nowIso } from "../../db/time";

export const meta = () => [{ title: "Events · BC Compassionate Systems Leadership Network" }];

export async function loader({ context }: Route.LoaderArgs) {
  const events = await context.services.db.selectFrom("events").selectAll().where("ends_at", ">", nowIso()).where("listed", "=", 1).orderBy("starts_at").limit(100).execute();
  return { introHtml: await siteTextHtml(context, "events-intro"), events: events.map((e) => ({ slug: e.slug, title: e.title, when: whenOf(e), where: e.mode === "online" ? "Online" : (e.venue ?? ""), cancelled: e.status === "cancelled" })) };
}

export default function Events({ loaderData }: Route.ComponentProps) {
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title="Events and workshops" description={<div className="markdown-body" dangerouslySetInnerHTML={{ __html: loaderData.introHtml }} />} />
      {loaderData.events.length === 0 ? (
        <EmptyState>No event is planned just now. Stay up to date to hear of the next one.</EmptyState>
      ) : (
        <ul className="divide-y divide-stone-200 dark:divide-stone-800">
          {loaderData.events.map((e) => (
            <li key={e.slug} className="py-3">
              <EventSummary event={e} large />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
