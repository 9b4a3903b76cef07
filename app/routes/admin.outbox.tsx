import { Link } from "react-router";
import type { Route } from "./+types/admin.outbox";
import { EmptyState, PageHeader } from "../components/ui";
import { actorOf, forbidden, requireUser } from "../lib/auth.server";
import { formatDateTime } from "../../shared/format";
import { may } from "../../shared/permissions";
import { withoutSecrets } from "../../server/mail/outbox";
import { defaultTimezone } from "../../shared/recurrencePresets";

export const meta = () => [{ title: "Outbox · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  if (!may(actorOf(user), "network.admin")) forbidden("The outbox is for network admins.");
  const messages = await context.services.db
    .selectFrom("outbox")
    .select(["id", "to_address", "subject", "kind", "created_at", "sent_at", "attempts", "last_error", "body_text"])
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();
  return {
    smtp: Boolean(context.services.config.SMTP_URL),
    // The text helps an admin without an email server pass a message on; links that carry a secret are masked.
    messages: messages.map(({ body_text, ...m }) => ({ ...m, text: withoutSecrets(body_text).replace(/\[link removed: sent or expired\]/g, "[private link: shown only to its addressee]"), created: formatDateTime(m.created_at, defaultTimezone), sent: m.sent_at ? formatDateTime(m.sent_at, defaultTimezone) : null })),
  };
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  return (
    <div>
      <PageHeader
        title="Outbox"
        description={loaderData.smtp ? "Email the platform has sent or is trying to send." : "No email server is set (SMTP_URL), so messages are kept here and written to the server log instead of sent."}
        actions={<Link to="/admin/people">People and roles</Link>}
      />
      {loaderData.messages.length === 0 ? (
        <EmptyState>No email yet. Invitations and password resets will appear here.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-stone-200 bg-stone-100 dark:border-stone-800 dark:bg-stone-800">
              <tr>
                <th scope="col" className="px-4 py-3">To</th>
                <th scope="col" className="px-4 py-3">Subject</th>
                <th scope="col" className="px-4 py-3">Recorded</th>
                <th scope="col" className="px-4 py-3">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200 dark:divide-stone-800">
              {loaderData.messages.map((m) => (
                <tr key={m.id}>
                  <td className="px-4 py-3">{m.to_address}</td>
                  <td className="px-4 py-3">
                    <details>
                      <summary className="cursor-pointer">{m.subject}</summary>
                      <pre className="mt-2 max-w-xl whitespace-pre-wrap break-words font-sans text-sm">{m.text}</pre>
                    </details>
                  </td>
                  <td className="px-4 py-3">{m.created}</td>
                  <td className="px-4 py-3">{m.sent ? `Sent ${m.sent}` : m.last_error ? `Not sent after ${m.attempts} tries: ${m.last_error}` : "Kept, not sent"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
