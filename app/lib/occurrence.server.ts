// Finds one meeting occurrence from its URL and checks the asking person's permission.
import type { AppLoadContext } from "react-router";
import type { User } from "../../db/schema";
import { getCommunity } from "../../db/queries/communities";
import { getOccurrence, getSeries } from "../../db/queries/meetings";
import type { CommunityAction } from "../../shared/permissions";
import { parseOccurrenceKey } from "../../shared/recurrence";
import { notFound } from "./auth.server";
import { authorizeInCommunity } from "./community.server";

export async function occurrenceAccess(context: AppLoadContext, user: User, seriesId: string | undefined, key: string | undefined, action: CommunityAction) {
  const missing = "There is no meeting at this address. It may have been removed.";
  const originalStart = key ? parseOccurrenceKey(key) : null;
  const series = seriesId && originalStart ? await getSeries(context.services.db, seriesId) : undefined;
  if (!series || !originalStart) notFound(missing);
  const community = await getCommunity(context.services.db, series.community_id);
  if (!community) notFound(missing);
  const scope = await authorizeInCommunity(context, user, community, action, {
    notFound: missing,
    forbidden: "Meetings are for the community's members. Join the community to see them.",
  });
  const occurrence = await getOccurrence(context.services.db, series, originalStart);
  if (!occurrence) notFound(missing);
  return { series, community, scope, occurrence };
}
