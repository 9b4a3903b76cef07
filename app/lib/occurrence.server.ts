// Finds one meeting occurrence from its URL and checks the asking person's permission.
import { redirect, type AppLoadContext } from "react-router";
import type { User } from "../../db/schema";
import { findOccurrence } from "../../db/queries/meetings";
import type { CommunityAction } from "../../shared/permissions";
import { notFound } from "./auth.server";
import { authorizeInCommunity } from "./community.server";

export async function occurrenceAccess(context: AppLoadContext, request: Request, user: User, seriesId: string | undefined, key: string | undefined, action: CommunityAction) {
  const missing = "There is no meeting at this address. It may have been removed.";
  const found = await findOccurrence(context.services.db, seriesId, key);
  if (!found) notFound(missing);
  const { series, community, occurrence } = found;
  const scope = await authorizeInCommunity(context, user, community, action, {
    notFound: missing,
    forbidden: "Meetings are for the community's members. Join the community to see them.",
  });
  if (!occurrence) {
    // A series whose time or rule changed went on as another: its later addresses lead there.
    const date = key && series.continued_as && series.ends_on && key > series.ends_on ? key : null;
    const next = date ? await findOccurrence(context.services.db, series.continued_as!, date) : undefined;
    if (next?.occurrence) {
      const url = new URL(request.url);
      throw redirect(`${url.pathname.replace(`/meetings/${series.id}/${key}`, `/meetings/${next.series.id}/${next.occurrence.key}`)}${url.search}`, 301);
    }
    notFound(missing);
  }
  // An address from before occurrences were named by date: send the reader on to today's address.
  if (key !== occurrence.key) {
    const url = new URL(request.url);
    throw redirect(`${url.pathname.replace(`/${key}`, `/${occurrence.key}`)}${url.search}`, 301);
  }
  return { series, community, scope, occurrence };
}
