import { Form, redirect } from "react-router";
import type { Route } from "./+types/notifications";
import { Button, EmptyState, PageHeader } from "../components/ui";
import { requireUser, safeRedirect } from "../lib/auth.server";
import { readForm } from "../lib/forms";
import { markRead, recentNotifications } from "../../server/notices";
import { formatDateTime, zoneOf } from "../../shared/format";

export const meta = () => [{ title: "Notifications · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const rows = await recentNotifications(context.services.db, user.id);
  return {
    notifications: rows.map((n) => ({ id: n.id, title: n.title, body: n.body, href: n.href, unread: n.read_at === null, when: formatDateTime(n.created_at, zoneOf(user)) })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  if (form.get("intent") === "read-all") {
    await markRead(context.services.db, user.id, "all");
    return { done: true };
  }
  // Only the person's own notice: another's id finds nothing.
  const row = await context.services.db.selectFrom("notifications").select(["id", "href"]).where("id", "=", String(form.get("id") ?? "")).where("user_id", "=", user.id).executeTakeFirst();
  if (!row) return { done: false };
  await markRead(context.services.db, user.id, [row.id]);
  throw redirect(safeRedirect(row.href));
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
  const unread = loaderData.notifications.filter((n) => n.unread).length;
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Notifications"
        description="Meeting changes, reminders, invitations and mentions. Choose in Settings whether they also come by email."
        actions={
          unread > 0 ? (
            <Form method="post">
              <Button name="intent" value="read-all" variant="secondary">
                Mark all as read
              </Button>
            </Form>
          ) : null
        }
      />
      {loaderData.notifications.length === 0 ? (
        <EmptyState>Nothing yet. When a meeting changes or someone invites you, it shows up here.</EmptyState>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
          {loaderData.notifications.map((n) => (
            <li key={n.id} className={`p-4 ${n.unread ? "bg-indigo-50 dark:bg-indigo-950" : ""}`}>
              <Form method="post" className="flex flex-wrap items-start justify-between gap-3">
                <input type="hidden" name="id" value={n.id} />
                <div className="min-w-0 flex-1">
                  <p className="font-semibold">
                    {n.unread ? <span className="sr-only">Unread: </span> : null}
                    {n.title}
                  </p>
                  <p className="mt-1 whitespace-pre-line text-sm text-stone-700 dark:text-stone-300">{n.body}</p>
                  <p className="mt-1 text-xs text-stone-600 dark:text-stone-400">{n.when}</p>
                </div>
                <Button variant="secondary" aria-label={`Open: ${n.title}`}>
                  Open
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
