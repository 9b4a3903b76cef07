// Loads a community with the asking person's relation to it, and checks a permission.
import type { AppLoadContext } from "react-router";
import type { Community, User } from "../../db/schema";
import { getCommunityBySlug, getMembershipRole } from "../../db/queries/communities";
import { may, type CommunityAction, type CommunityScope } from "../../shared/permissions";
import { actorOf, forbidden, notFound } from "./auth.server";

export interface CommunityAccess {
  community: Community;
  scope: CommunityScope;
}

export async function communityAccess(context: AppLoadContext, user: User, slug: string | undefined, action: CommunityAction): Promise<CommunityAccess> {
  const community = slug ? await getCommunityBySlug(context.services.db, slug) : undefined;
  if (!community) notFound("There is no community at this address.");
  const scope: CommunityScope = { role: await getMembershipRole(context.services.db, community.id, user.id), visibility: community.visibility };
  if (!may(actorOf(user), action, scope)) {
    // An invitation-only community is not even acknowledged to people outside it.
    if (!may(actorOf(user), "community.view", scope)) notFound("There is no community at this address.");
    forbidden();
  }
  return { community, scope };
}
