// Finds a canvas with the asking person's role on it (null: no access at all).
import type { AppLoadContext } from "react-router";
import type { User } from "../../db/schema";
import { canvasAccessFor } from "../../db/queries/canvases";
import { actorOf, notFound } from "./auth.server";

export async function canvasAccess(context: AppLoadContext, user: User, canvasId: string | undefined) {
  const access = await canvasAccessFor(context.services.db, actorOf(user), canvasId);
  if (!access) notFound("There is no canvas here.");
  return access;
}
