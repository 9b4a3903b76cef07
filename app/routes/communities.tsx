import { Link } from "react-router";
import { Plus, Users } from "lucide-react";
import type { Route } from "./+types/communities";
import { ButtonLink, EmptyState, Notice, PageHeader } from "../components/ui";
import { actorOf, requireUser } from "../lib/auth.server";
import { listCommunitiesFor } from "../../db/queries/communities";
import { may } from "../../shared/permissions";

export const meta = () => [{ title: "Communities · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const canCreate = may(actorOf(user), "community.create");
  const communities = await listCommunitiesFor(context.services.db, user.id, canCreate);
  const view = communities.map((c) => ({ slug: c.slug, name: c.name, description: c.description, role: c.role, members: c.member_count, open: c.visibility === "open" }));
  // Sent here by a resource's "practise it" link when the member has no community or meeting yet.
  const practice = new URL(request.url).searchParams.get("practice");
  return { mine: view.filter((c) => c.role !== null), others: view.filter((c) => c.role === null), canCreate, practice: practice === "room" || practice === "canvas" ? practice : null };
}

type CommunityItem = Route.ComponentProps["loaderData"]["mine"][number];

function CommunityCard({ c }: { c: CommunityItem }) {
  return (
    <li className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm dark:border-stone-800 dark:bg-stone-900">
      <h3 className="text-lg font-semibold">
        <Link to={`/communities/${c.slug}`}>{c.name}</Link>
      </h3>
      <p className="mt-1 line-clamp-3 text-stone-700 dark:text-stone-300">{c.description}</p>
      <p className="mt-3 flex items-center gap-2 text-sm text-stone-700 dark:text-stone-300">
        <Users aria-hidden="true" className="size-4" />
        {c.members} {c.members === 1 ? "member" : "members"} · {c.open ? "Open to all members of the network" : "By invitation"}
        {c.role === "facilitator" ? " · You facilitate" : ""}
      </p>
    </li>
  );
}

export default function Communities({ loaderData }: Route.ComponentProps) {
  const { mine, others, canCreate, practice } = loaderData;
  return (
    <div className="space-y-8">
      {practice ? (
        <Notice>
          {practice === "room"
            ? "Rounds and the talking piece happen in a community's live room, when it meets. Join a community below; its next meeting will be on your home page."
            : "Shared maps belong to a community. Join one below, then start a map from its page."}
        </Notice>
      ) : null}
      <PageHeader
        title="Communities of practice"
        description="Circles that meet every other week to practise compassionate systems leadership together."
        actions={
          canCreate ? (
            <ButtonLink to="/communities/new">
              <Plus aria-hidden="true" className="size-4" /> New community
            </ButtonLink>
          ) : null
        }
      />
      <section>
        <h2 className="mb-3 text-xl font-semibold">Yours</h2>
        {mine.length > 0 ? (
          <ul className="grid gap-4 md:grid-cols-2">
            {mine.map((c) => (
              <CommunityCard key={c.slug} c={c} />
            ))}
          </ul>
        ) : (
          <EmptyState>You have not joined a community yet. Open one below and join it, or accept an invitation from your home page.</EmptyState>
        )}
      </section>
      {others.length > 0 ? (
        <section>
          <h2 className="mb-3 text-xl font-semibold">{canCreate ? "Other communities" : "Open to join"}</h2>
          <ul className="grid gap-4 md:grid-cols-2">
            {others.map((c) => (
              <CommunityCard key={c.slug} c={c} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
