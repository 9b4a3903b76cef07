import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/community.members";
import { Button, ConfirmAction, FormError, Notice, PageHeader } from "../components/ui";
import { DomainBadges } from "../components/DomainBadge";
import { actorOf, forbidden, requireUser } from "../lib/auth.server";
import { communityAccess } from "../lib/community.server";
import { confirmed, formError, readForm } from "../lib/forms";
import { changeMembership, listMembers } from "../../db/queries/communities";
import { notify } from "../../server/notices";
import { parseDomains } from "../../shared/domains";
import { may } from "../../shared/permissions";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `Members of ${data?.community.name ?? "the community"} · CSL Commons` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { community, scope } = await communityAccess(context, user, params.slug, "community.members");
  const members = await listMembers(context.services.db, community.id);
  return {
    community: { name: community.name, slug: community.slug },
    members: members.map((m) => ({ ...m, domains: parseDomains(m.domains), me: m.id === user.id })),
    canManage: may(actorOf(user), "community.facilitate", scope),
  };
}

const changeSchema = z.object({ userId: z.string().min(1).max(40), intent: z.enum(["remove", "make-facilitator", "make-member"]) });

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const { community, scope } = await communityAccess(context, user, params.slug, "community.members");
  if (!may(actorOf(user), "community.facilitate", scope)) forbidden("Only the community's facilitators change who is in it.");
  const form = await readForm(request);
  const parsed = changeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return formError(form, "Choose a member and what to change.");
  const { userId, intent } = parsed.data;
  if (intent === "remove" && !confirmed(form)) return formError(form, "Confirm that this person should be removed.");
  const change = intent === "remove" ? "remove" : intent === "make-facilitator" ? "facilitator" : "member";
  const { db } = context.services;
  const person = await db.selectFrom("users").select(["id", "name"]).where("id", "=", userId).executeTakeFirst();
  const result = person ? await changeMembership(db, community.id, userId, change) : "not-member";
  if (result === "not-member") return formError(form, "That person is not a member of this community.", 404);
  if (result === "last-facilitator") return formError(form, `${person!.name} is the only facilitator. Make someone else a facilitator first.`, 409);
  // Their open rooms and maps follow at once; they hear of it.
  await context.services.access.changed({ kind: "access", userId, communityId: community.id });
  const href = `/communities/${community.slug}`;
  await notify(context.services, [
    {
      userId,
      kind: "membership",
      key: `membership:${community.id}:${change}:${Date.now()}`,
      title: change === "remove" ? `You are no longer in ${community.name}` : change === "facilitator" ? `You are now a facilitator of ${community.name}` : `You are now a member (not a facilitator) of ${community.name}`,
      body:
        change === "remove"
          ? `${user.name} removed you from ${community.name}. If you think this is a mistake, write to them.`
          : change === "facilitator"
            ? `${user.name} made you a facilitator of ${community.name}: you can now plan its meetings, invite people and lead its live rooms.`
            : `${user.name} changed your role in ${community.name} to member.`,
      href,
    },
  ]);
  const done = change === "remove" ? `${person!.name} is removed. They have been told.` : change === "facilitator" ? `${person!.name} is now a facilitator.` : `${person!.name} is now a member.`;
  return { notice: done };
}

export default function Members({ loaderData, actionData }: Route.ComponentProps) {
  const { community, members, canManage } = loaderData;
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const error = actionData && "formError" in actionData ? actionData.formError : null;
  return (
    <div className="space-y-4">
      <PageHeader
        title={`Members of ${community.name}`}
        description={
          <>
            <Link to={`/communities/${community.slug}`}>Back to the community</Link>
            {canManage ? (
              <>
                {" · "}
                <Link to={`/communities/${community.slug}/invite`}>Invitations</Link>
              </>
            ) : null}
          </>
        }
      />
      {notice ? <Notice>{notice}</Notice> : null}
      <FormError message={error} />
      <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Members, facilitators first</caption>
          <thead className="border-b border-stone-200 bg-stone-100 dark:border-stone-800 dark:bg-stone-800">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">Name</th>
              <th scope="col" className="px-4 py-3 font-semibold">Role</th>
              <th scope="col" className="px-4 py-3 font-semibold">Organization</th>
              <th scope="col" className="px-4 py-3 font-semibold">Drawn to</th>
              {canManage ? <th scope="col" className="px-4 py-3 font-semibold">For facilitators</th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200 dark:divide-stone-800">
            {members.map((m) => (
              <tr key={m.id}>
                <td className="px-4 py-3">
                  <Link to={`/people/${m.id}`} className="font-medium">
                    {m.name}
                  </Link>
                  {m.pronouns ? <span className="ml-1 text-stone-600 dark:text-stone-400">({m.pronouns})</span> : null}
                  {m.role === "facilitator" ? <span className="ml-2 rounded bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100">Facilitator</span> : null}
                </td>
                <td className="px-4 py-3">{m.role_title ?? ""}</td>
                <td className="px-4 py-3">{m.organization ?? ""}</td>
                <td className="px-4 py-3">
                  <DomainBadges values={m.domains} />
                </td>
                {canManage ? (
                  <td className="px-4 py-3">
                    {m.me ? null : (
                      <div className="flex flex-wrap items-start gap-2">
                        <Form method="post">
                          <input type="hidden" name="userId" value={m.id} />
                          <Button name="intent" value={m.role === "facilitator" ? "make-member" : "make-facilitator"} variant="secondary">
                            {m.role === "facilitator" ? "Make member" : "Make facilitator"}
                            <span className="sr-only">: {m.name}</span>
                          </Button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="userId" value={m.id} />
                          <ConfirmAction label={`Remove ${m.name}`} intent="remove" confirmLabel="Yes, remove" question={<p>{m.name} loses access to the community's meetings and maps at once, and is told.</p>} />
                        </Form>
                      </div>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
