// A sent newsletter's web version (the "Read it on the web" link of every copy), open to anyone.
// Drafts and scheduled ones are not public: they answer as if they did not exist.
import { Link } from "react-router";
import type { Route } from "./+types/newsletters.web";
import { notFound } from "../lib/auth.server";
import { getNewsletter } from "../../db/queries/newsletters";
import { formatDateTime } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.subject ?? "Newsletter"} · BC Compassionate Systems Leadership Network` }];

export async function loader({ context, params }: Route.LoaderArgs) {
  const newsletter = await getNewsletter(context.services.db, params.newsletterId);
  if (!newsletter?.body_html || !newsletter.started_at) notFound("There is no such newsletter.");
  return { subject: newsletter.subject, sent: formatDateTime(newsletter.started_at, defaultTimezone), html: newsletter.body_html };
}

export default function WebVersion({ loaderData }: Route.ComponentProps) {
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      <p className="text-sm">
        <Link to="/newsletters">All newsletters</Link>
      </p>
      <h1 className="text-3xl font-semibold tracking-tight">{loaderData.subject}</h1>
      <p className="text-sm text-stone-700 dark:text-stone-300">Sent {loaderData.sent}</p>
      {/* Sanitized on the server when the send started (shared/network/newsletterContent.ts). */}
      <div className="markdown-body" dangerouslySetInnerHTML={{ __html: loaderData.html }} />
      <p className="border-t border-stone-200 pt-4 text-sm dark:border-stone-800">
        <Link to="/stay-up-to-date">Receive the next one</Link>
      </p>
    </article>
  );
}
