// The network's people and their roles in the network: an admin finds a person and makes them a
// coordinator (contacts and newsletters), a network facilitator (mentorship), a researcher
// (evaluation), an admin, or a member again. The network always keeps an admin. Admins only.
import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin.people";
import { Button, Card, EmptyState, FormError, Notice, PageHeader } from "../components/ui";
import { actorOf, forbidden, requireUser } from "../lib/auth.server";
import { formError, readForm } from "../lib/forms";
import { may } from "../../shared/permissions";
import type { NetworkRole } from "../../db/schema";

export const meta = () => [{ title: "People and roles · CSL Commons" }];

const roleNames: Record<NetworkRole, string> = {
  member: "Member",
  facilitator: "Network facilitator (mentorship)",
  coordinator: "Coordinator (contacts and newsletters)",
  researcher: "Researcher (evaluation surveys and reports)",
  admin: "Admin",
};
const roles = Object.keys(roleNames) as NetworkRole[];
const pageSize = 50;

function requireAdmin(context: Route.LoaderArgs["context"], request: Request) {
  const user = requireUser(context, request);
  if (!may(actorOf(user), "network.admin")) forbidden("People's roles in the network are set by its admins.");
  return user;
}

export async function loader({ context, request }: Route.LoaderArgs) {
  requireAdmin(context, request);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  let query = context.services.db.selectFrom("users");
  if (q) {
    const like = `%${q.toLowerCase().replace(/[\\%_]/g, "")}%`;
    query = query.where((eb) => eb.or([eb(eb.fn("lower", ["name"]), "like", like), eb("email", "like", like)]));
  }
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const people = await query.select(["id", "name", "email", "network_role"]).orderBy("name").orderBy("id").limit(pageSize).offset((page - 1) * pageSize).execute();
  return { q, page, pages: Math.max(1, Math.ceil(total / pageSize)), total, people };
}

const changeSchema = z.object({ userId: z.string().min(1).max(40), role: z.enum(["member", "facilitator", "coordinator", "researcher", "admin"]) });

export async function action({ context, request }: Route.ActionArgs) {
  const admin = requireAdmin(context, request);
  const form = await readForm(request);
  const parsed = changeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return formError(form, "Choose a person and a role.");
  const { userId, role } = parsed.data;
  const { db } = context.services;
  const result = await db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("users").select(["name", "network_role"]).where("id", "=", userId).executeTakeFirst();
    if (!person) return { error: "There is no such person." };
    if (person.network_role === "admin" && role !== "admin") {
      // The last admin stays one: somebody must be able to set roles.
      // Locking the admins' rows (PostgreSQL) makes two admins demoting each other at once wait in
      // turn, and the second sees the first's change; SQLite runs one transaction at a time.
      let admins = trx.selectFrom("users").select("id").where("network_role", "=", "admin");
      if (context.services.dialect === "postgres") admins = admins.forUpdate();
      if ((await admins.execute()).length <= 1) return { error: `${person.name} is the network's only admin: make someone else an admin first.` };
    }
    await trx.updateTable("users").set({ network_role: role, updated_at: new Date().toISOString() }).where("id", "=", userId).execute();
    return { changed: `${person.name} is now: ${roleNames[role]}.` };
  });
  if ("error" in result) return formError(form, result.error!, 409);
  context.services.log.info({ by: admin.id, userId, role }, "network role changed");
  return { notice: result.changed };
}

export default function People({ loaderData, actionData }: Route.ComponentProps) {
  const result = actionData as { notice?: string; formError?: string } | undefined;
  const { q, page, pages, total, people } = loaderData;
  return (
    <div className="space-y-6">
      <PageHeader
        title="People and roles"
        description={<p>Coordinators keep the network&apos;s contacts and send its newsletters; network facilitators run mentorship; researchers run evaluation surveys and read their reports; admins do everything, this page included.</p>}
        actions={<Link to="/admin/outbox">The outbox (emails sent and waiting)</Link>}
      />
      {result?.notice ? <Notice>{result.notice}</Notice> : null}
      <FormError message={result?.formError} />
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium">
          Name or email
          <input name="q" defaultValue={q} className="mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900" />
        </label>
        <Button variant="secondary">Find</Button>
      </Form>
      <Card title={`${total} ${total === 1 ? "person" : "people"}${pages > 1 ? `, page ${page} of ${pages}` : ""}`}>
        {people.length === 0 ? (
          <EmptyState>Nobody matches. Try part of a name or an email.</EmptyState>
        ) : (
          <ul className="divide-y divide-stone-200 dark:divide-stone-800">
            {people.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <span>
                  <Link to={`/people/${p.id}`}>{p.name}</Link> <span className="text-sm text-stone-700 dark:text-stone-300">{p.email}</span>
                </span>
                <Form method="post" className="flex items-center gap-2">
                  <input type="hidden" name="userId" value={p.id} />
                  <label className="sr-only" htmlFor={`role-${p.id}`}>
                    Role of {p.name}
                  </label>
                  <select id={`role-${p.id}`} name="role" defaultValue={p.network_role} className="rounded-md border border-stone-400 bg-white px-2 py-1 text-sm dark:bg-stone-900">
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {roleNames[r]}
                      </option>
                    ))}
                  </select>
                  <Button variant="secondary" aria-label={`Save the role of ${p.name}`}>
                    Save
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {pages > 1 ? (
          <nav aria-label="Pages" className="mt-3 flex gap-3 text-sm">
            {page > 1 ? <Link to={`?${new URLSearchParams({ q, page: String(page - 1) })}`}>Previous page</Link> : null}
            {page < pages ? <Link to={`?${new URLSearchParams({ q, page: String(page + 1) })}`}>Next page</Link> : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
