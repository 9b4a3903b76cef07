// Meeting series and their occurrences. Occurrences come from the series' rule and are named by
// their local date; a row in `meetings` holds what changed for one occurrence (moved, cancelled,
// its own agenda, its calendar SEQUENCE) and anchors RSVPs, rooms and summaries.
import { sql } from "kysely";
import type { DB } from "../connect";
import type { Meeting, MeetingSeries, RsvpResponse } from "../schema";
import { nowIso } from "../time";
import { parseAgenda, type Agenda } from "../../shared/agenda";
import { newId } from "../../shared/ids";
import { isLocalDate, localToUtc, occurrenceOn, occurrencesBetween, parseLegacyOccurrenceKey, type SeriesRule, type Slot } from "../../shared/recurrence";
import { getCommunity } from "./communities";
import { snapshotOf, zoneDatabase } from "../../shared/timezones";

/** How far ahead the zone rules that published meeting times came from are kept (db/queries/zoneRules.ts). */
export const zoneSnapshotSpanMs = 3 * 366 * 86_400_000;

/** An occurrence may be moved at most this far from where its rule puts it. */
export const maxMoveMs = 30 * 24 * 60 * 60 * 1000;

export interface Occurrence {
  /** Its name in addresses: the local date the rule places it on, "2026-12-09". */
  key: string;
  seriesId: string;
  communityId: string;
  title: string;
  description: string;
  videoUrl: string | null;
  timezone: string;
  /** Where the rule puts it (UTC, under the zone rules in use). */
  originalStart: string;
  startsAt: string;
  endsAt: string;
  status: Meeting["status"];
  moved: boolean;
  agenda: Agenda;
  /** The stored row's id, when one exists. */
  meetingId: string | null;
  /** RFC 5545 UID and SEQUENCE of its calendar event. */
  calendarUid: string;
  sequence: number;
}

export const seriesRule = (series: MeetingSeries): SeriesRule => ({
  startLocal: series.start_local,
  timezone: series.timezone,
  rrule: series.rrule,
});

function toOccurrence(series: MeetingSeries, slot: Slot, stored: Meeting | undefined): Occurrence {
  const start = stored?.moved_to ? localToUtc(stored.moved_to, series.timezone) : slot.start;
  return {
    key: slot.date,
    seriesId: series.id,
    communityId: series.community_id,
    title: series.title,
    description: series.description,
    videoUrl: series.video_url,
    timezone: series.timezone,
    originalStart: slot.start.toISOString(),
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + series.duration_minutes * 60_000).toISOString(),
    status: stored?.status ?? "scheduled",
    moved: Boolean(stored?.moved_to),
    agenda: parseAgenda(stored?.agenda ?? series.agenda),
    meetingId: stored?.id ?? null,
    calendarUid: stored?.calendar_uid ?? `${series.id}-${slot.date}@csl-commons`,
    sequence: stored?.sequence ?? 0,
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
  // Its times are published from now on under the rules in use: keep them to compare a later release with.
  const rules = zoneDatabase().zone(series.timezone);
  if (rules) {
    const from = Date.now();
    await db
      .insertInto("zone_snapshots")
      .values({ zone: series.timezone, version: zoneDatabase().version, snapshot: JSON.stringify(snapshotOf(rules, from, from + zoneSnapshotSpanMs)), recorded_at: now })
      .onConflict((oc) => oc.column("zone").doNothing())
      .execute();
  }
  return series;
}

export function getSeries(db: DB, id: string): Promise<MeetingSeries | undefined> {
  return db.selectFrom("meeting_series").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listSeries(db: DB, communityIds: string[]): Promise<MeetingSeries[]> {
  if (communityIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("meeting_series").selectAll().where("community_id", "in", communityIds).orderBy("title").execute();
}

/** The local dates, widened by a margin, that can hold occurrences starting in [from, to). */
const datesAround = (from: Date, to: Date) => ({
  first: new Date(from.getTime() - maxMoveMs - 2 * 86_400_000).toISOString().slice(0, 10),
  last: new Date(to.getTime() + maxMoveMs + 2 * 86_400_000).toISOString().slice(0, 10),
});

/** Occurrences of the series whose (possibly moved) start lies in [from, to), by start. */
export async function occurrencesInWindow(db: DB, seriesList: MeetingSeries[], from: Date, to: Date): Promise<Occurrence[]> {
  if (seriesList.length === 0) return [];
  // An occurrence moved into the window may lie up to maxMoveMs away from its own date.
  const wideFrom = new Date(from.getTime() - maxMoveMs);
  const wideTo = new Date(to.getTime() + maxMoveMs);
  const { first, last } = datesAround(from, to);
  const stored = await db
    .selectFrom("meetings")
    .selectAll()
    .where(
      "series_id",
      "in",
      seriesList.map((s) => s.id),
    )
    .where("occurrence_date", ">=", first)
    .where("occurrence_date", "<=", last)
    .execute();
  const byKey = new Map(stored.map((m) => [`${m.series_id}/${m.occurrence_date}`, m]));
  const result: Occurrence[] = [];
  for (const series of seriesList) {
    for (const slot of occurrencesBetween(seriesRule(series), wideFrom, wideTo)) {
      const occurrence = toOccurrence(series, slot, byKey.get(`${series.id}/${slot.date}`));
      const start = Date.parse(occurrence.startsAt);
      if (start >= from.getTime() && start < to.getTime()) result.push(occurrence);
    }
  }
  return result.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title));
}

/** The occurrence on this local date ("2026-12-09"), or undefined when the rule has none then. */
export async function getOccurrence(db: DB, series: MeetingSeries, date: string): Promise<Occurrence | undefined> {
  const slot = occurrenceOn(seriesRule(series), date);
  if (!slot) return undefined;
  const stored = await db
    .selectFrom("meetings")
    .selectAll()
    .where("series_id", "=", series.id)
    .where("occurrence_date", "=", slot.date)
    .executeTakeFirst();
  return toOccurrence(series, slot, stored);
}

/** The local date an address made before decision 0011 ("20261125T233000Z") meant. */
function dateOfLegacyKey(series: MeetingSeries, key: string): string | null {
  const instant = parseLegacyOccurrenceKey(key);
  if (!instant) return null;
  // Its instant came from older rules: take the occurrence nearest to it, within a few hours.
  const near = occurrencesBetween(seriesRule(series), new Date(instant.getTime() - 3 * 3600_000), new Date(instant.getTime() + 3 * 3600_000));
  near.sort((a, b) => Math.abs(a.start.getTime() - instant.getTime()) - Math.abs(b.start.getTime() - instant.getTime()));
  return near[0]?.date ?? null;
}

/**
 * The series, community and occurrence an address names (`/meetings/<series>/<date>`).
 * Undefined when there is no such series; `occurrence` is undefined when the rule has none there.
 * An address in the older form finds its occurrence too: compare `occurrence.key` with the key given.
 */
export async function findOccurrence(db: DB, seriesId: string | undefined, key: string | undefined) {
  const series = seriesId && key && (isLocalDate(key) || parseLegacyOccurrenceKey(key)) ? await getSeries(db, seriesId) : undefined;
  const community = series ? await getCommunity(db, series.community_id) : undefined;
  if (!series || !community || !key) return undefined;
  const date = isLocalDate(key) ? key : dateOfLegacyKey(series, key);
  return { series, community, occurrence: date ? await getOccurrence(db, series, date) : undefined };
}

/** A new row for an occurrence, as it stands now. */
export const meetingRow = (occurrence: Occurrence) => ({
  id: newId(),
  series_id: occurrence.seriesId,
  occurrence_date: occurrence.key,
  original_start: occurrence.originalStart,
  starts_at: occurrence.startsAt,
  ends_at: occurrence.endsAt,
  status: occurrence.status,
  agenda: null,
  updated_at: nowIso(),
});

/** The stored row for an occurrence, created on first need. */
export async function ensureMeetingRow(db: DB, occurrence: Occurrence): Promise<string> {
  if (occurrence.meetingId) return occurrence.meetingId;
  await db
    .insertInto("meetings")
    .values(meetingRow(occurrence))
    .onConflict((oc) => oc.columns(["series_id", "occurrence_date"]).doNothing())
    .execute();
  const row = await db
    .selectFrom("meetings")
    .select("id")
    .where("series_id", "=", occurrence.seriesId)
    .where("occurrence_date", "=", occurrence.key)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOccurrence(
  db: DB,
  occurrence: Occurrence,
  changes: { movedTo?: string | null; status?: Meeting["status"]; agenda?: Agenda | null },
): Promise<void> {
  const id = await ensureMeetingRow(db, occurrence);
  const lengthMs = Date.parse(occurrence.endsAt) - Date.parse(occurrence.startsAt);
  const start = changes.movedTo === undefined ? null : changes.movedTo ? localToUtc(changes.movedTo, occurrence.timezone) : new Date(occurrence.originalStart);
  const retimed = start !== null && start.toISOString() !== occurrence.startsAt;
  const restatused = changes.status !== undefined && changes.status !== occurrence.status;
  await db
    .updateTable("meetings")
    .set({
      ...(start ? { moved_to: changes.movedTo, starts_at: start.toISOString(), ends_at: new Date(start.getTime() + lengthMs).toISOString() } : {}),
      ...(changes.status ? { status: changes.status } : {}),
      ...(changes.agenda !== undefined ? { agenda: changes.agenda ? JSON.stringify(changes.agenda) : null } : {}),
      ...(retimed || restatused ? { sequence: sql<number>`sequence + 1` } : {}),
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
