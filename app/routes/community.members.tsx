import type { Route } from "./+types/community.members";
import { PageHeader } from "../components/ui";
import { DomainBadges } from "../components/DomainBadge";
import { requireUser } from "../lib/auth.server";
import { communityAccess } from "../lib/community.server";
import { Link } from "react-router";
import { listMembers } from "../../db/queries/communities";
import { parseDomains } from "../../shared/domains";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `Members of ${data?.community.name ?? "the community"} · CSL Commons` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { community } = await communityAccess(context, user, params.slug, "community.members");
  const members = await listMembers(context.services.db, community.id);
  return {
    community: { name: community.name, slug: community.slug },
    members: members.map((m) => ({ ...m, domains: parseDomains(m.domains) })),
  };
}

export default function Members({ loaderData }: Route.ComponentProps) {
  const { community, members } = loaderData;
  return (
    <div>
      <PageHeader title={`Members of ${community.name}`} description={<Link to={`/communities/${community.slug}`}>Back to the community</Link>} />
      <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Members, facilitators first</caption>
          <thead className="border-b border-stone-200 bg-stone-100 dark:border-stone-800 dark:bg-stone-800">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">Name</th>
              <th scope="col" className="px-4 py-3 font-semibold">Role</th>
              <th scope="col" className="px-4 py-3 font-semibold">Organization</th>
              <th scope="col" className="px-4 py-3 font-semibold">Drawn to</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200 dark:divide-stone-800">
            {members.map((m) => (
              <tr key={m.id}>
                <td className="px-4 py-3">
                  <span className="font-medium">{m.name}</span>
                  {m.pronouns ? <span className="ml-1 text-stone-600 dark:text-stone-400">({m.pronouns})</span> : null}
                  {m.role === "facilitator" ? <span className="ml-2 rounded bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100">Facilitator</span> : null}
                </td>
                <td className="px-4 py-3">{m.role_title ?? ""}</td>
                <td className="px-4 py-3">{m.organization ?? ""}</td>
                <td className="px-4 py-3">
                  <DomainBadges values={m.domains} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
