// Meeting series and their occurrences. Occurrences come from the series' rule; a row in
// `meetings` holds what changed for one occurrence (moved, cancelled, its own agenda) and
// anchors RSVPs.
import type { DB } from "../connect";
import type { Meeting, MeetingSeries, RsvpResponse } from "../schema";
import { nowIso } from "../time";
import { parseAgenda, type Agenda } from "../../shared/agenda";
import { newId } from "../../shared/ids";
import { isOccurrence, occurrenceKey, occurrencesBetween, parseOccurrenceKey, type SeriesRule } from "../../shared/recurrence";
import { getCommunity } from "./communities";

/** An occurrence may be moved at most this far from where its rule puts it. */
export const maxMoveMs = 30 * 24 * 60 * 60 * 1000;

export interface Occurrence {
  key: string;
  seriesId: string;
  communityId: string;
  title: string;
  description: string;
  videoUrl: string | null;
  timezone: string;
  originalStart: string;
  startsAt: string;
  endsAt: string;
  status: Meeting["status"];
  moved: boolean;
  agenda: Agenda;
  /** The stored row's id, when one exists. */
  meetingId: string | null;
}

export const seriesRule = (series: MeetingSeries): SeriesRule => ({
  startLocal: series.start_local,
  timezone: series.timezone,
  rrule: series.rrule,
});

function toOccurrence(series: MeetingSeries, originalStart: Date, stored: Meeting | undefined): Occurrence {
  const start = stored ? stored.starts_at : originalStart.toISOString();
  return {
    key: occurrenceKey(originalStart),
    seriesId: series.id,
    communityId: series.community_id,
    title: series.title,
    description: series.description,
    videoUrl: series.video_url,
    timezone: series.timezone,
    originalStart: originalStart.toISOString(),
    startsAt: start,
    endsAt: stored ? stored.ends_at : new Date(originalStart.getTime() + series.duration_minutes * 60_000).toISOString(),
    status: stored?.status ?? "scheduled",
    moved: stored ? stored.starts_at !== stored.original_start : false,
    agenda: parseAgenda(stored?.agenda ?? series.agenda),
    meetingId: stored?.id ?? null,
  };
}

export interface NewSeries {
  communityId: string;
  title: string;
  description: string;
  startLocal: string;
  timezone: string;
  durationMinutes: number;
  rrule: string;
  videoUrl: string | null;
  agenda: Agenda;
  createdBy: string;
}

export async function createSeries(db: DB, input: NewSeries): Promise<MeetingSeries> {
  const now = nowIso();
  const series: MeetingSeries = {
    id: newId(),
    community_id: input.communityId,
    title: input.title.trim(),
    description: input.description.trim(),
    start_local: input.startLocal,
    timezone: input.timezone,
    duration_minutes: input.durationMinutes,
    rrule: input.rrule,
    video_url: input.videoUrl,
    agenda: JSON.stringify(input.agenda),
    created_by: input.createdBy,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto("meeting_series").values(series).execute();
  return series;
}

export function getSeries(db: DB, id: string): Promise<MeetingSeries | undefined> {
  return db.selectFrom("meeting_series").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listSeries(db: DB, communityIds: string[]): Promise<MeetingSeries[]> {
  if (communityIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("meeting_series").selectAll().where("community_id", "in", communityIds).orderBy("title").execute();
}

/** Occurrences of the series whose (possibly moved) start lies in [from, to), by start. */
export async function occurrencesInWindow(db: DB, seriesList: MeetingSeries[], from: Date, to: Date): Promise<Occurrence[]> {
  if (seriesList.length === 0) return [];
  // An occurrence moved into the window may have its original start up to maxMoveMs away.
  const wideFrom = new Date(from.getTime() - maxMoveMs);
  const wideTo = new Date(to.getTime() + maxMoveMs);
  const stored = await db
    .selectFrom("meetings")
    .selectAll()
    .where(
      "series_id",
      "in",
      seriesList.map((s) => s.id),
    )
    .where("original_start", ">=", wideFrom.toISOString())
    .where("original_start", "<", wideTo.toISOString())
    .execute();
  const byKey = new Map(stored.map((m) => [`${m.series_id}/${m.original_start}`, m]));
  const result: Occurrence[] = [];
  for (const series of seriesList) {
    for (const original of occurrencesBetween(seriesRule(series), wideFrom, wideTo)) {
      const occurrence = toOccurrence(series, original, byKey.get(`${series.id}/${original.toISOString()}`));
      const start = Date.parse(occurrence.startsAt);
      if (start >= from.getTime() && start < to.getTime()) result.push(occurrence);
    }
  }
  return result.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title));
}

/** One occurrence of a series, or undefined when the rule has none at that original start. */
export async function getOccurrence(db: DB, series: MeetingSeries, originalStart: Date): Promise<Occurrence | undefined> {
  if (!isOccurrence(seriesRule(series), originalStart)) return undefined;
  const stored = await db
    .selectFrom("meetings")
    .selectAll()
    .where("series_id", "=", series.id)
    .where("original_start", "=", originalStart.toISOString())
    .executeTakeFirst();
  return toOccurrence(series, originalStart, stored);
}

/**
 * The series, community and occurrence an address names (`/meetings/<series>/<key>`).
 * Undefined when there is no such series; `occurrence` is undefined when the rule has none there.
 */
export async function findOccurrence(db: DB, seriesId: string | undefined, key: string | undefined) {
  const originalStart = key ? parseOccurrenceKey(key) : null;
  const series = seriesId && originalStart ? await getSeries(db, seriesId) : undefined;
  const community = series ? await getCommunity(db, series.community_id) : undefined;
  if (!series || !community || !originalStart) return undefined;
  return { series, community, occurrence: await getOccurrence(db, series, originalStart) };
}

/** The stored row for an occurrence, created on first need. */
export async function ensureMeetingRow(db: DB, occurrence: Occurrence): Promise<string> {
  if (occurrence.meetingId) return occurrence.meetingId;
  await db
    .insertInto("meetings")
    .values({
      id: newId(),
      series_id: occurrence.seriesId,
      original_start: occurrence.originalStart,
      starts_at: occurrence.startsAt,
      ends_at: occurrence.endsAt,
      status: occurrence.status,
      agenda: null,
      updated_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(["series_id", "original_start"]).doNothing())
    .execute();
  const row = await db
    .selectFrom("meetings")
    .select("id")
    .where("series_id", "=", occurrence.seriesId)
    .where("original_start", "=", occurrence.originalStart)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOccurrence(
  db: DB,
  occurrence: Occurrence,
  changes: { startsAt?: string; endsAt?: string; status?: Meeting["status"]; agenda?: Agenda | null },
): Promise<void> {
  const id = await ensureMeetingRow(db, occurrence);
  await db
    .updateTable("meetings")
    .set({
      ...(changes.startsAt ? { starts_at: changes.startsAt } : {}),
      ...(changes.endsAt ? { ends_at: changes.endsAt } : {}),
      ...(changes.status ? { status: changes.status } : {}),
      ...(changes.agenda !== undefined ? { agenda: changes.agenda ? JSON.stringify(changes.agenda) : null } : {}),
      updated_at: nowIso(),
    })
    .where("id", "=", id)
    .execute();
}

export async function setRsvp(db: DB, occurrence: Occurrence, userId: string, response: RsvpResponse): Promise<void> {
  const meetingId = await ensureMeetingRow(db, occurrence);
  await db
    .insertInto("rsvps")
    .values({ meeting_id: meetingId, user_id: userId, response, updated_at: nowIso() })
    .onConflict((oc) => oc.columns(["meeting_id", "user_id"]).doUpdateSet({ response, updated_at: nowIso() }))
    .execute();
}

export async function rsvpSummary(db: DB, meetingId: string | null, userId: string) {
  const counts = { yes: 0, maybe: 0, no: 0 } as Record<RsvpResponse, number>;
  if (!meetingId) return { counts, mine: null as RsvpResponse | null, attending: [] as { name: string }[] };
  const rows = await db
    .selectFrom("rsvps")
    .innerJoin("users", "users.id", "rsvps.user_id")
    .select(["rsvps.user_id", "rsvps.response", "users.name"])
    .where("meeting_id", "=", meetingId)
    .orderBy("users.name")
    .execute();
  for (const row of rows) counts[row.response] += 1;
  return {
    counts,
    mine: rows.find((r) => r.user_id === userId)?.response ?? null,
    attending: rows.filter((r) => r.response === "yes").map((r) => ({ name: r.name })),
  };
}
