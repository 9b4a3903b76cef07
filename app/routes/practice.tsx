// Where a practice page's "practise it" link leads a member: /practice/room to their next meeting
// (whose live room holds rounds and the talking piece), /practice/canvas?template=<key> to their
// community's new-map form with that template chosen. A visitor signs in first; a member without a
// community is shown the communities to join.
import { redirect } from "react-router";
import type { Route } from "./+types/practice";
import { notFound, requireUser } from "../lib/auth.server";
import { upcomingFor } from "../lib/meetings.server";
import { listCommunitiesFor } from "../../db/queries/communities";
import { templateByKey } from "../../shared/cld/templates";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  if (params.feature !== "room" && params.feature !== "canvas") notFound("There is no such practice.");
  if (params.feature === "room") {
    const [next] = await upcomingFor(context, user, 1);
    throw redirect(next ? next.href : "/communities?practice=room");
  }
  const communities = (await listCommunitiesFor(context.services.db, user.id, false)).filter((c) => c.role !== null);
  if (communities.length === 0) throw redirect("/communities?practice=canvas");
  const template = templateByKey(new URL(request.url).searchParams.get("template") ?? "");
  throw redirect(`/communities/${communities[0].slug}${template ? `?template=${template.key}` : ""}#new-map`);
}
