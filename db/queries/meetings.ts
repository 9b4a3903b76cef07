// Meeting series and their occurrences. Occurrences come from the series' rule and are named by
// their local date; a row in `meetings` holds what changed for one occurrence (moved, cancelled,
// its own agenda, its calendar SEQUENCE) and anchors RSVPs, rooms and summaries.
import { sql } from "kysely";
import type { DB } from "../connect";
import type { Meeting, MeetingSeries, RsvpResponse } from "../schema";
import { nowIso } from "../time";
import { parseAgenda, type Agenda } from "../../shared/agenda";
import { newId } from "../../shared/ids";
import { isLocalDate, lastStartedOn, localToUtc, occurrenceOn, occurrencesBetween, parseLegacyOccurrenceKey, type SeriesRule, type Slot } from "../../shared/recurrence";
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
  /** The row's own part of `sequence`: what a change compares against, so two at once count once. */
  rowSequence: number;
}

export const seriesRule = (series: MeetingSeries): SeriesRule => ({
  startLocal: series.start_local,
  timezone: series.timezone,
  rrule: series.rrule,
  endsOn: series.ends_on,
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
    sequence: (stored?.sequence ?? 0) + series.revision,
    rowSequence: stored?.sequence ?? 0,
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
    revision: 0,
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
    ends_on: null,
    continued_as: null,
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

/**
 * Changes one occurrence. A change of time or status applies only to the occurrence as the caller
 * read it: when another request changed it first (two tabs sending the same move), this one
 * changes nothing and returns false, so SEQUENCE and the notices count the change once.
 */
export async function updateOccurrence(
  db: DB,
  occurrence: Occurrence,
  changes: { movedTo?: string | null; status?: Meeting["status"]; agenda?: Agenda | null },
): Promise<boolean> {
  const id = await ensureMeetingRow(db, occurrence);
  const lengthMs = Date.parse(occurrence.endsAt) - Date.parse(occurrence.startsAt);
  const start = changes.movedTo === undefined ? null : changes.movedTo ? localToUtc(changes.movedTo, occurrence.timezone) : new Date(occurrence.originalStart);
  const retimed = start !== null && start.toISOString() !== occurrence.startsAt;
  const restatused = changes.status !== undefined && changes.status !== occurrence.status;
  const result = await db
    .updateTable("meetings")
    .set({
      ...(start ? { moved_to: changes.movedTo, starts_at: start.toISOString(), ends_at: new Date(start.getTime() + lengthMs).toISOString() } : {}),
      ...(changes.status ? { status: changes.status } : {}),
      ...(changes.agenda !== undefined ? { agenda: changes.agenda ? JSON.stringify(changes.agenda) : null } : {}),
      ...(retimed || restatused ? { sequence: sql<number>`sequence + 1` } : {}),
      updated_at: nowIso(),
    })
    .where("id", "=", id)
    .$if(retimed || restatused, (q) => q.where("sequence", "=", occurrence.rowSequence))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
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

/** What a facilitator may change about a series. */
export type SeriesChanges = Omit<NewSeries, "communityId" | "agenda" | "createdBy"> & { endsOn: string | null };

const timingChanged = (series: MeetingSeries, c: SeriesChanges) =>
  series.start_local !== c.startLocal || series.timezone !== c.timezone || series.duration_minutes !== c.durationMinutes || series.rrule !== c.rrule;

/**
 * Changes a series. A new time, length, rule or zone applies from the next meeting on: meetings
 * that have already started keep theirs, so when some have, the series ends with the last of
 * them and a new series carries on (with their RSVPs and agendas where its rule meets on the same
 * date; the others are gone). Returns the series that now carries it on.
 */
export async function changeSeries(db: DB, series: MeetingSeries, changes: SeriesChanges, actorId: string, now = new Date()): Promise<{ series: MeetingSeries; split: boolean }> {
  const retimed = timingChanged(series, changes);
  const lastStarted = lastStartedOn(seriesRule(series), now);
  const revised = retimed || series.title !== changes.title.trim() || series.video_url !== changes.videoUrl || series.ends_on !== changes.endsOn;
  const fields = {
    title: changes.title.trim(),
    description: changes.description.trim(),
    start_local: changes.startLocal,
    timezone: changes.timezone,
    duration_minutes: changes.durationMinutes,
    rrule: changes.rrule,
    video_url: changes.videoUrl,
    ends_on: changes.endsOn,
    updated_at: nowIso(),
  };
  return db.transaction().execute(async (trx) => {
    if (!retimed || !lastStarted) {
      const updated = await trx
        .updateTable("meeting_series")
        .set({ ...fields, ...(revised ? { revision: sql<number>`revision + 1` } : {}) })
        .where("id", "=", series.id)
        .where("updated_at", "=", series.updated_at)
        .executeTakeFirst();
      if (!Number(updated.numUpdatedRows)) throw new SeriesChangedMeanwhile();
      const now = (await trx.selectFrom("meeting_series").selectAll().where("id", "=", series.id).executeTakeFirstOrThrow()) as MeetingSeries;
      if (retimed || series.ends_on !== changes.endsOn) await carryRows(trx, series, now, null);
      return { series: now, split: false };
    }
    const next: MeetingSeries = { ...series, ...fields, id: newId(), created_by: actorId, created_at: fields.updated_at, continued_as: null, revision: series.revision + 1 };
    const ended = await trx
      .updateTable("meeting_series")
      .set({ ends_on: lastStarted, continued_as: next.id, updated_at: fields.updated_at })
      .where("id", "=", series.id)
      .where("updated_at", "=", series.updated_at)
      .executeTakeFirst();
    if (!Number(ended.numUpdatedRows)) throw new SeriesChangedMeanwhile();
    await trx.insertInto("meeting_series").values(next).execute();
    await carryRows(trx, series, next, lastStarted);
    return { series: next, split: true };
  });
}

/**
 * The stored rows of `from`'s occurrences after `after` (all, when null) follow the new rule:
 * where it meets on the same date they move to `to` at its time (keeping RSVPs, agenda and the
 * calendar UID calendars know them by, with SEQUENCE raised); the rest are removed.
 */
async function carryRows(trx: DB, from: MeetingSeries, to: MeetingSeries, after: string | null): Promise<void> {
  let query = trx.selectFrom("meetings").selectAll().where("series_id", "=", from.id);
  if (after) query = query.where("occurrence_date", ">", after);
  for (const row of await query.execute()) {
    const slot = occurrenceOn(seriesRule(to), row.occurrence_date);
    if (!slot) {
      await trx.deleteFrom("meetings").where("id", "=", row.id).execute();
      continue;
    }
    await trx
      .updateTable("meetings")
      .set({
        series_id: to.id,
        moved_to: null,
        starts_at: slot.start.toISOString(),
        ends_at: new Date(slot.start.getTime() + to.duration_minutes * 60_000).toISOString(),
        calendar_uid: row.calendar_uid ?? `${from.id}-${row.occurrence_date}@csl-commons`,
        sequence: sql<number>`sequence + 1`,
        updated_at: nowIso(),
      })
      .where("id", "=", row.id)
      .execute();
  }
}

/** Someone else changed the series between reading it and this change: nothing was changed. */
export class SeriesChangedMeanwhile extends Error {
  override name = "SeriesChangedMeanwhile";
  static is = (error: unknown): boolean => error instanceof Error && error.name === "SeriesChangedMeanwhile";
}

/** Ends a series after its last meeting that has started; null when none has (delete it instead). */
export async function endSeries(db: DB, series: MeetingSeries, now = new Date()): Promise<string | null> {
  const last = lastStartedOn(seriesRule(series), now);
  if (!last) return null;
  await db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable("meeting_series")
      .set({ ends_on: last, revision: sql<number>`revision + 1`, updated_at: nowIso() })
      .where("id", "=", series.id)
      .where("updated_at", "=", series.updated_at)
      .executeTakeFirst();
    if (!Number(ended.numUpdatedRows)) throw new SeriesChangedMeanwhile();
    await trx.deleteFrom("meetings").where("series_id", "=", series.id).where("occurrence_date", ">", last).execute();
  });
  return last;
}

/** Deletes a series that has not met yet; false (and nothing deleted) once one of its meetings has started. */
export async function deleteSeries(db: DB, series: MeetingSeries, now = new Date()): Promise<boolean> {
  if (lastStartedOn(seriesRule(series), now)) return false;
  await db.deleteFrom("meeting_series").where("id", "=", series.id).execute();
  return true;
}
