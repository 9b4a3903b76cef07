// Meeting occurrences as pages show them.
import type { AppLoadContext } from "react-router";
import type { MeetingSeries, User } from "../../db/schema";
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

/** An occurrence as a list shows it, in the reader's own time zone when they chose one. */
export function viewOccurrence(o: Occurrence, communityName: string, zone: string | null = null): OccurrenceView {
  const { date, time } = formatMeetingTime(o.startsAt, o.endsAt, zone ?? o.timezone);
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
    .map((o) => viewOccurrence(o, names.get(o.communityId) ?? "", user.timezone));
}

/** The community's past meetings, newest first: who came and the maps opened from each. */
export async function pastSessions(context: AppLoadContext, seriesList: MeetingSeries[], zone: string | null, limit = 20) {
  const { db } = context.services;
  const now = Date.now();
  const past = (await occurrencesInWindow(db, seriesList, new Date(now - 366 * 86_400_000), new Date(now)))
    .filter((o) => o.status !== "cancelled" && Date.parse(o.endsAt) <= now)
    .reverse()
    .slice(0, limit);
  const ids = past.flatMap((o) => (o.meetingId ? [o.meetingId] : []));
  const came = ids.length
    ? await db.selectFrom("attendance").select(["meeting_id", (eb) => eb.fn.count<number>("user_id").distinct().as("people")]).where("meeting_id", "in", ids).groupBy("meeting_id").execute()
    : [];
  const maps = ids.length ? await db.selectFrom("canvases").select(["id", "title", "meeting_id"]).where("meeting_id", "in", ids).orderBy("title").execute() : [];
  const people = new Map(came.map((c) => [c.meeting_id, Number(c.people)]));
  return past.map((o) => ({
    href: occurrenceHref(o),
    summaryHref: `${occurrenceHref(o)}/summary`,
    title: o.title,
    date: formatMeetingTime(o.startsAt, o.endsAt, zone ?? o.timezone).date,
    people: o.meetingId ? (people.get(o.meetingId) ?? 0) : 0,
    maps: maps.filter((m) => m.meeting_id === o.meetingId).map((m) => ({ href: `/canvases/${m.id}`, title: m.title })),
  }));
}
