import { Form, Link, redirect } from "react-router";
import { Video } from "lucide-react";
import type { Route } from "./+types/home";
import { Button, ButtonLink, Card, EmptyState, FormError } from "../components/ui";
import { MeetingList } from "../components/MeetingList";
import { requireUser } from "../lib/auth.server";
import { formError, readForm } from "../lib/forms";
import { upcomingFor } from "../lib/meetings.server";
import { publicHome } from "../lib/site.server";
import { PublicHome } from "../site/PublicHome";
import { listCommunitiesFor } from "../../db/queries/communities";
import { acceptInvitation } from "../../db/queries/invitations";
import { nowIso } from "../../db/time";

export const meta = ({ data }: Route.MetaArgs) => [{ title: data?.publicHome ? "BC Compassionate Systems Leadership Network" : "Home · CSL Commons" }];

function pendingInvitations(context: Route.LoaderArgs["context"], email: string) {
  return context.services.db
    .selectFrom("invitations")
    .innerJoin("communities", "communities.id", "invitations.community_id")
    .innerJoin("users as inviter", "inviter.id", "invitations.invited_by")
    .select(["invitations.id", "invitations.community_role", "communities.name as community", "inviter.name as inviter"])
    .where("invitations.email", "=", email)
    .where("invitations.accepted_at", "is", null)
    .where("invitations.expires_at", ">", nowIso())
    .execute();
}

export async function loader({ context }: Route.LoaderArgs) {
  const user = context.auth?.user;
  // A visitor sees the network's public home; a member their own.
  if (!user) return { publicHome: await publicHome(context) };
  const [communities, meetings, invitations] = await Promise.all([
    listCommunitiesFor(context.services.db, user.id, false),
    upcomingFor(context, user, 6),
    pendingInvitations(context, user.email),
  ]);
  return {
    publicHome: null,
    firstName: user.name.split(" ")[0],
    communities: communities.filter((c) => c.role !== null).map((c) => ({ slug: c.slug, name: c.name, role: c.role })),
    meetings,
    invitations,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  const id = form.get("invitationId");
  const invitation =
    typeof id === "string"
      ? await context.services.db.selectFrom("invitations").selectAll().where("id", "=", id).where("email", "=", user.email).executeTakeFirst()
      : undefined;
  if (!invitation || !(await acceptInvitation(context.services.db, invitation, user.id))) return formError(form, "That invitation can no longer be accepted.", 410);
  const community = invitation.community_id
    ? await context.services.db.selectFrom("communities").select("slug").where("id", "=", invitation.community_id).executeTakeFirst()
    : undefined;
  throw redirect(community ? `/communities/${community.slug}` : "/");
}

export default function Home({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.publicHome) return <PublicHome data={loaderData.publicHome} />;
  const { meetings, communities, invitations } = loaderData;
  const [next, ...later] = meetings;
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-semibold tracking-tight">Welcome, {loaderData.firstName}</h1>
      <FormError message={actionData && "formError" in actionData ? actionData.formError : null} />
      {invitations.length > 0 ? (
        <Card title="Invitations">
          <ul className="space-y-3">
            {invitations.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-center justify-between gap-3">
                <span>
                  {inv.inviter} invited you to <strong>{inv.community}</strong>
                  {inv.community_role === "facilitator" ? " as a facilitator" : ""}.
                </span>
                <Form method="post">
                  <input type="hidden" name="invitationId" value={inv.id} />
                  <Button>Join {inv.community}</Button>
                </Form>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Your next meeting">
          {next ? (
            <div className="space-y-3">
              <p className="text-xl font-semibold">{next.date}</p>
              <p>
                {next.time}
                <br />
                {next.title} · {next.community}
              </p>
              {next.cancelled ? <p className="font-semibold text-red-800 dark:text-red-300">This meeting is cancelled.</p> : null}
              <div className="flex flex-wrap gap-2">
                {next.roomOpen && !next.cancelled ? <ButtonLink to={next.roomHref}>Join the live room</ButtonLink> : null}
                <ButtonLink to={next.href} variant={next.roomOpen && !next.cancelled ? "secondary" : "primary"}>
                  Meeting details
                </ButtonLink>
                {next.videoUrl && !next.cancelled ? (
                  <a href={next.videoUrl} className="inline-flex items-center gap-2 rounded-md border border-stone-400 px-4 py-2 text-sm font-semibold no-underline hover:no-underline">
                    <Video aria-hidden="true" className="size-4" /> Video link
                  </a>
                ) : null}
              </div>
            </div>
          ) : (
            <EmptyState>
              No meetings coming up. <Link to="/communities">Find a community</Link> to join its circle.
            </EmptyState>
          )}
        </Card>
        <Card title="Your communities">
          {communities.length > 0 ? (
            <ul className="space-y-2">
              {communities.map((c) => (
                <li key={c.slug}>
                  <Link to={`/communities/${c.slug}`} className="font-medium">
                    {c.name}
                  </Link>
                  {c.role === "facilitator" ? <span className="ml-2 text-sm text-stone-700 dark:text-stone-300">Facilitator</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState>
              You are not in a community yet. <Link to="/communities">Browse the communities</Link> and join one.
            </EmptyState>
          )}
        </Card>
      </div>
      {later.length > 0 ? (
        <Card title="Later meetings">
          <MeetingList meetings={later} />
        </Card>
      ) : null}
    </div>
  );
}
