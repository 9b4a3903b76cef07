// Who hears of a meeting's change, and what they read: a moved meeting reaches those who said
// they would come; a cancelled one, or a series ended or deleted, reaches every member; a series
// whose time or rule changed reaches those coming to any of its upcoming meetings. The day before
// each meeting, members who keep reminders on get one with the room link. Times are spelled in
// each reader's own time zone when they chose one.
import type { DB } from "../db/connect";
import type { MeetingSeries } from "../db/schema";
import { occurrencesInWindow, type Occurrence } from "../db/queries/meetings";
import { formatMeetingTime } from "../shared/format";
import { notify, type Notice } from "./notices";
import type { Services } from "./services";

type NoticeServices = Pick<Services, "db" | "mailer" | "origin">;

interface Reader {
  id: string;
  timezone: string | null;
}

const whenFor = (occurrence: Pick<Occurrence, "startsAt" | "endsAt" | "timezone">, reader: Reader) => {
  const { date, time } = formatMeetingTime(occurrence.startsAt, occurrence.endsAt, reader.timezone ?? occurrence.timezone);
  return `${date}, ${time}`;
};

export const occurrencePath = (o: Pick<Occurrence, "seriesId" | "key">) => `/meetings/${o.seriesId}/${o.key}`;

function communityMembers(db: DB, communityId: string): Promise<Reader[]> {
  return db.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id").select(["users.id", "users.timezone"]).where("memberships.community_id", "=", communityId).execute();
}

function comingTo(db: DB, meetingIds: string[]): Promise<(Reader & { meeting_id: string })[]> {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("rsvps")
    .innerJoin("users", "users.id", "rsvps.user_id")
    .select(["users.id", "users.timezone", "rsvps.meeting_id"])
    .where("rsvps.meeting_id", "in", meetingIds)
    .where("rsvps.response", "=", "yes")
    .execute();
}

/** A facilitator moved, cancelled or restored one occurrence (`after` as it now stands, its SEQUENCE raised). */
export async function occurrenceChanged(services: NoticeServices, before: Occurrence, after: Occurrence, actorId: string): Promise<number> {
  const cancelled = after.status === "cancelled" && before.status !== "cancelled";
  const restored = after.status !== "cancelled" && before.status === "cancelled";
  const readers = cancelled || restored ? await communityMembers(services.db, after.communityId) : await comingTo(services.db, after.meetingId ? [after.meetingId] : []);
  const notices: Notice[] = readers
    .filter((r) => r.id !== actorId)
    .map((reader) => ({
      userId: reader.id,
      kind: cancelled ? "meeting-cancelled" : "meeting-changed",
      key: `meeting:${after.seriesId}/${after.key}:${after.sequence}`,
      title: cancelled ? `Cancelled: ${after.title} on ${whenFor(before, reader).split(",").slice(0, 2).join(",")}` : restored ? `Back on: ${after.title}` : `Moved: ${after.title}`,
      body: cancelled
        ? `${after.title} on ${whenFor(before, reader)} is cancelled.`
        : restored
          ? `${after.title} on ${whenFor(after, reader)} is back on.`
          : `${after.title} has moved from ${whenFor(before, reader)} to ${whenFor(after, reader)}. Calendars that subscribe update by themselves.`,
      href: occurrencePath(after),
    }));
  return notify(services, notices);
}

/**
 * A series changed. `ended`: no meetings after `upcoming` ran out (ended or deleted), so every
 * member hears; otherwise those coming to an upcoming meeting do.
 */
export async function seriesChanged(
  services: NoticeServices,
  change: { series: MeetingSeries; upcoming: Occurrence[]; what: "changed" | "ended" | "deleted"; describe: string; href: string; actorId: string },
): Promise<number> {
  const { series, upcoming, what } = change;
  const readers =
    what === "changed"
      ? await comingTo(services.db, upcoming.flatMap((o) => (o.meetingId ? [o.meetingId] : [])))
      : await communityMembers(services.db, series.community_id);
  const unique = new Map(readers.filter((r) => r.id !== change.actorId).map((r) => [r.id, r]));
  const title = what === "changed" ? `Changed: ${series.title}` : what === "ended" ? `Ended: ${series.title}` : `Removed: ${series.title}`;
  const notices: Notice[] = [...unique.values()].map((reader) => ({
    userId: reader.id,
    kind: what === "changed" ? "series-changed" : "meeting-cancelled",
    key: `series:${series.id}:${what}:${series.revision}:${series.updated_at}`,
    title,
    body: change.describe,
    href: change.href,
  }));
  return notify(services, notices);
}

/** How long before a meeting its reminder goes out. */
export const reminderLeadMs = 24 * 60 * 60 * 1000;

/**
 * Reminds members of each meeting starting within the next day, once (the notification's key is
 * the claim, so every node may run this). Members who said they cannot come, or turned reminders
 * off, get none.
 */
export async function sendMeetingReminders(services: NoticeServices, now = new Date()): Promise<number> {
  const { db } = services;
  const series = await db.selectFrom("meeting_series").selectAll().execute();
  const soon = (await occurrencesInWindow(db, series, now, new Date(now.getTime() + reminderLeadMs))).filter((o) => o.status !== "cancelled");
  let sent = 0;
  for (const occurrence of soon) {
    const members = await db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["users.id", "users.timezone"])
      .where("memberships.community_id", "=", occurrence.communityId)
      .where("users.meeting_reminders", "=", 1)
      .execute();
    const declined = new Set(
      occurrence.meetingId
        ? (await db.selectFrom("rsvps").select("user_id").where("meeting_id", "=", occurrence.meetingId).where("response", "=", "no").execute()).map((r) => r.user_id)
        : [],
    );
    const href = occurrencePath(occurrence);
    sent += await notify(
      services,
      members
        .filter((m) => !declined.has(m.id))
        .map((reader) => ({
          userId: reader.id,
          kind: "meeting-reminder",
          key: `reminder:${occurrence.seriesId}/${occurrence.key}`,
          title: `Tomorrow: ${occurrence.title}`,
          body: `${occurrence.title} is on ${whenFor(occurrence, reader)}. The live room opens 10 minutes before: ${services.origin()}${href}/room${occurrence.videoUrl ? `\nVideo link: ${occurrence.videoUrl}` : ""}\n\nTurn these reminders off in your settings.`,
          href,
        })),
    );
  }
  return sent;
}
