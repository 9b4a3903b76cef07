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

/**
 * The person's relation to the community, when they may do the action. Otherwise 403, or 404
 * where they may not even see the community: an invitation-only community is not
 * acknowledged to people outside it.
 */
export async function authorizeInCommunity(
  context: AppLoadContext,
  user: User,
  community: Community,
  action: CommunityAction,
  messages: { notFound: string; forbidden?: string },
): Promise<CommunityScope> {
  const scope: CommunityScope = { role: await getMembershipRole(context.services.db, community.id, user.id), visibility: community.visibility };
  if (!may(actorOf(user), action, scope)) {
    if (!may(actorOf(user), "community.view", scope)) notFound(messages.notFound);
    forbidden(messages.forbidden);
  }
  return scope;
}

const noCommunity = "There is no community at this address.";

export async function communityAccess(context: AppLoadContext, user: User, slug: string | undefined, action: CommunityAction): Promise<CommunityAccess> {
  const community = slug ? await getCommunityBySlug(context.services.db, slug) : undefined;
  if (!community) notFound(noCommunity);
  return { community, scope: await authorizeInCommunity(context, user, community, action, { notFound: noCommunity }) };
}
