// Meeting occurrences as pages show them.
import type { AppLoadContext } from "react-router";
import type { User } from "../../db/schema";
import { listCommunitiesFor } from "../../db/queries/communities";
import { listSeries, occurrencesInWindow, type Occurrence } from "../../db/queries/meetings";
import { formatMeetingTime } from "../../shared/format";
import { roomIsOpen } from "../../shared/room/window";

export interface OccurrenceView {
  href: string;
  title: string;
  community: string;
  date: string;
  time: string;
  startsAt: string;
  cancelled: boolean;
  moved: boolean;
  videoUrl: string | null;
  roomHref: string;
  roomOpen: boolean;
}

export const occurrenceHref = (o: Pick<Occurrence, "seriesId" | "key">) => `/meetings/${o.seriesId}/${o.key}`;

export function viewOccurrence(o: Occurrence, communityName: string): OccurrenceView {
  const { date, time } = formatMeetingTime(o.startsAt, o.endsAt, o.timezone);
  return { href: occurrenceHref(o), title: o.title, community: communityName, date, time, startsAt: o.startsAt, cancelled: o.status === "cancelled", moved: o.moved, videoUrl: o.videoUrl, roomHref: `${occurrenceHref(o)}/room`, roomOpen: roomIsOpen(o.startsAt, o.endsAt) };
}

/** The person's upcoming meetings across their communities (ongoing ones included). */
export async function upcomingFor(context: AppLoadContext, user: User, limit: number): Promise<OccurrenceView[]> {
  const communities = (await listCommunitiesFor(context.services.db, user.id, false)).filter((c) => c.role !== null);
  const names = new Map(communities.map((c) => [c.id, c.name]));
  const series = await listSeries(context.services.db, [...names.keys()]);
  const now = Date.now();
  const occurrences = await occurrencesInWindow(context.services.db, series, new Date(now - 3 * 60 * 60 * 1000), new Date(now + 120 * 24 * 60 * 60 * 1000));
  return occurrences
    .filter((o) => Date.parse(o.endsAt) > now)
    .slice(0, limit)
    .map((o) => viewOccurrence(o, names.get(o.communityId) ?? ""));
}
