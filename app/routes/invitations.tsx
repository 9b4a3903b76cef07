import { Form, redirect } from "react-router";
import type { Route } from "./+types/invitations";
import { Button, EmptyState, FormError, PageHeader } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { formError, readForm } from "../lib/forms";
import { acceptInvitation } from "../../db/queries/invitations";
import { nowIso } from "../../db/time";

export const meta = () => [{ title: "Your invitations · CSL Commons" }];

/** Invitations waiting for the signed-in person's own address: accepted here, without the emailed link. */
function waitingFor(context: Route.LoaderArgs["context"], email: string) {
  return context.services.db
    .selectFrom("invitations")
    .leftJoin("communities", "communities.id", "invitations.community_id")
    .innerJoin("users as inviter", "inviter.id", "invitations.invited_by")
    .selectAll("invitations")
    .select(["communities.name as community_name", "communities.slug as community_slug", "inviter.name as inviter_name"])
    .where("invitations.email", "=", email)
    .where("invitations.accepted_at", "is", null)
    .where("invitations.expires_at", ">", nowIso())
    .orderBy("invitations.created_at", "desc")
    .execute();
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const rows = await waitingFor(context, user.email);
  return { invitations: rows.map((r) => ({ id: r.id, community: r.community_name ?? "the network", role: r.community_role, inviter: r.inviter_name })) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  const invitation = (await waitingFor(context, user.email)).find((r) => r.id === form.get("invitationId"));
  if (!invitation || !(await acceptInvitation(context.services.db, invitation, user.id))) return formError(form, "This invitation can no longer be used.", 410);
  throw redirect(invitation.community_slug ? `/communities/${invitation.community_slug}` : "/");
}

export default function Invitations({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title="Your invitations" />
      <FormError message={actionData && "formError" in actionData ? actionData.formError : null} />
      {loaderData.invitations.length === 0 ? (
        <EmptyState>No invitations are waiting for you.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {loaderData.invitations.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
              <span>
                {i.inviter} invites you to {i.community}
                {i.role === "facilitator" ? " as a facilitator" : ""}.
              </span>
              <Form method="post">
                <input type="hidden" name="invitationId" value={i.id} />
                <Button>Accept: {i.community}</Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
