// Finds a canvas with the asking person's role on it (null: no access at all).
import type { AppLoadContext } from "react-router";
import type { User } from "../../db/schema";
import { getCanvas, shareOf } from "../../db/queries/canvases";
import { getCommunity, getMembershipRole } from "../../db/queries/communities";
import { canvasRole } from "../../shared/permissions";
import { actorOf, notFound } from "./auth.server";

export async function canvasAccess(context: AppLoadContext, user: User, canvasId: string | undefined) {
  const { db } = context.services;
  const canvas = canvasId ? await getCanvas(db, canvasId) : undefined;
  const community = canvas ? await getCommunity(db, canvas.community_id) : undefined;
  if (!canvas || !community) notFound("There is no canvas here.");
  const scope = { role: await getMembershipRole(db, community.id, user.id), visibility: community.visibility };
  const role = canvasRole(actorOf(user), scope, canvas.member_access, await shareOf(db, canvas.id, user.id));
  return { canvas, community, scope, role };
}
