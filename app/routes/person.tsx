import { Link } from "react-router";
import type { Route } from "./+types/person";
import { Card, PageHeader } from "../components/ui";
import { DomainBadges } from "../components/DomainBadge";
import { actorOf, notFound, requireUser } from "../lib/auth.server";
import { parseDomains } from "../../shared/domains";
import { may } from "../../shared/permissions";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.person.name ?? "Member"} · CSL Commons` }];

/** A member's profile, for the people they share a community with (and network admins); to anyone else it does not exist. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const missing = "There is no one to show here.";
  const id = params.userId ?? "";
  if (!/^[a-z2-9]{1,40}$/.test(id)) notFound(missing);
  const shared = await db
    .selectFrom("memberships as theirs")
    .innerJoin("memberships as mine", "mine.community_id", "theirs.community_id")
    .innerJoin("communities", "communities.id", "theirs.community_id")
    .select(["communities.name", "communities.slug", "theirs.role"])
    .where("theirs.user_id", "=", id)
    .where("mine.user_id", "=", user.id)
    .orderBy("communities.name")
    .execute();
  if (shared.length === 0 && id !== user.id && !may(actorOf(user), "network.admin")) notFound(missing);
  const person = await db
    .selectFrom("users")
    .leftJoin("organizations", "organizations.id", "users.organization_id")
    .select(["users.id", "users.name", "users.pronouns", "users.role_title", "users.bio", "users.domains", "organizations.name as organization"])
    .where("users.id", "=", id)
    .executeTakeFirst();
  if (!person) notFound(missing);
  return { person: { ...person, domains: parseDomains(person.domains) }, shared, isMe: id === user.id };
}

export default function Person({ loaderData }: Route.ComponentProps) {
  const { person, shared, isMe } = loaderData;
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader
        title={person.name}
        description={
          <>
            {person.pronouns ? <p>{person.pronouns}</p> : null}
            <p>{[person.role_title, person.organization].filter(Boolean).join(", ")}</p>
            {isMe ? (
              <p className="mt-2 text-sm">
                This is how your fellow members see you. <Link to="/profile">Change your profile</Link>
              </p>
            ) : null}
          </>
        }
      />
      {person.domains.length > 0 ? (
        <Card title="Drawn to">
          <DomainBadges values={person.domains} />
        </Card>
      ) : null}
      {person.bio ? (
        <Card title="About">
          <p className="whitespace-pre-line">{person.bio}</p>
        </Card>
      ) : null}
      {shared.length > 0 ? (
        <Card title={isMe ? "Your communities" : "Communities you share"}>
          <ul className="space-y-1">
            {shared.map((c) => (
              <li key={c.slug}>
                <Link to={`/communities/${c.slug}`}>{c.name}</Link>
                {c.role === "facilitator" ? " · facilitator" : ""}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
