// The public archive: every newsletter the network has sent, newest first, open to anyone.
import { Link } from "react-router";
import type { Route } from "./+types/newsletters.archive";
import { ButtonLink, EmptyState, PageHeader } from "../components/ui";
import { sentNewsletters } from "../../db/queries/newsletters";
import { formatDateTime } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";

export const meta = () => [{ title: "Newsletters · BC Compassionate Systems Leadership Network" }];

export async function loader({ context }: Route.LoaderArgs) {
  return { newsletters: (await sentNewsletters(context.services.db)).map((n) => ({ id: n.id, subject: n.subject, sent: n.started_at ? formatDateTime(n.started_at, defaultTimezone) : "" })) };
}

export default function Archive({ loaderData }: Route.ComponentProps) {
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title="The network's newsletters" description={<p>News of the BC Compassionate Systems Leadership Network: communities of practice, events and resources.</p>} actions={<ButtonLink to="/stay-up-to-date">Stay up to date</ButtonLink>} />
      {loaderData.newsletters.length === 0 ? (
        <EmptyState>No newsletter has been sent yet. Sign up to receive the first one.</EmptyState>
      ) : (
        <ul className="divide-y divide-stone-200 dark:divide-stone-800">
          {loaderData.newsletters.map((n) => (
            <li key={n.id} className="py-3">
              <Link to={`/newsletters/${n.id}`} className="text-lg font-medium">
                {n.subject}
              </Link>
              <p className="text-sm text-stone-700 dark:text-stone-300">{n.sent}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
