// When the tz database changes (a new release, or the move off the runtime's ICU in decision
// 0011), meeting times already published in pages, calendars and emails may now be wrong. At
// start the server compares, per zone in use, the rules every published time came from with the
// rules in use; each upcoming occurrence whose instant moved gets its calendar SEQUENCE raised,
// so subscribed and imported calendars move it. One node claims each zone's change in a
// transaction, so that no SEQUENCE is raised twice.
import { sql } from "kysely";
import { DateTime } from "luxon";
import type { DB } from "../connect";
import { nowIso } from "../time";
import { luxonZoneOf, rulesFromSnapshot, snapshotOf, zoneDatabase, type ZoneSnapshot } from "../../shared/timezones";
import { meetingRow, occurrencesInWindow, zoneSnapshotSpanMs } from "./meetings";

export interface ZoneRulesChange {
  zone: string;
  from: string | null;
  to: string;
  /** Upcoming occurrences whose instant moved, and so were published again. */
  moved: number;
}

/** The UID a calendar was given for an occurrence before occurrences were named by date. */
const legacyUid = (seriesId: string, start: Date) => `${seriesId}-${start.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "")}@csl-commons`;

export async function reconcileZoneRules(db: DB, now = Date.now()): Promise<ZoneRulesChange[]> {
  const database = zoneDatabase();
  const until = now + zoneSnapshotSpanMs;
  const zones = await db.selectFrom("meeting_series").select("timezone").distinct().execute();
  const changes: ZoneRulesChange[] = [];
  for (const { timezone } of zones) {
    const rules = database.zone(timezone);
    if (!rules) continue;
    const change = await db.transaction().execute(async (trx) => {
      const recorded = await trx.selectFrom("zone_snapshots").selectAll().where("zone", "=", timezone).executeTakeFirst();
      if (recorded?.version === database.version) return null;
      const snapshot = JSON.stringify(snapshotOf(rules, now, until));
      // Claim this zone's change: the node whose write lands does the work.
      const claimed = recorded
        ? await trx
            .updateTable("zone_snapshots")
            .set({ version: database.version, snapshot, recorded_at: nowIso() })
            .where("zone", "=", timezone)
            .where("version", "=", recorded.version)
            .executeTakeFirst()
        : await trx
            .insertInto("zone_snapshots")
            .values({ zone: timezone, version: database.version, snapshot, recorded_at: nowIso() })
            .onConflict((oc) => oc.column("zone").doNothing())
            .executeTakeFirst();
      const rows = "numUpdatedRows" in claimed ? claimed.numUpdatedRows : claimed.numInsertedOrUpdatedRows;
      if (!rows) return null;
      // A zone first seen under the database has never been published under other rules.
      const moved = recorded ? await republishMoved(trx, timezone, recorded.version, JSON.parse(recorded.snapshot) as ZoneSnapshot, now, until) : 0;
      return { zone: timezone, from: recorded?.version ?? null, to: database.version, moved };
    });
    if (change) changes.push(change);
  }
  return changes;
}

async function republishMoved(db: DB, timezone: string, previousVersion: string, previous: ZoneSnapshot, now: number, until: number): Promise<number> {
  const previousZone = luxonZoneOf(rulesFromSnapshot(timezone, previous), previousVersion);
  const publishedUnder = (local: string) => DateTime.fromISO(local, { zone: previousZone }).toJSDate();
  const series = await db.selectFrom("meeting_series").selectAll().where("timezone", "=", timezone).execute();
  let moved = 0;
  for (const one of series) {
    const occurrences = await occurrencesInWindow(db, [one], new Date(now), new Date(until));
    const stored = await db
      .selectFrom("meetings")
      .select(["id", "occurrence_date", "starts_at"])
      .where("series_id", "=", one.id)
      .where("occurrence_date", ">=", new Date(now - 2 * 86_400_000).toISOString().slice(0, 10))
      .execute();
    const storedOn = new Map(stored.map((row) => [row.occurrence_date, row]));
    for (const occurrence of occurrences) {
      const row = storedOn.get(occurrence.key);
      const localStart = `${occurrence.key}T${one.start_local.slice(11)}`;
      const published = row ? new Date(row.starts_at) : publishedUnder(localStart);
      if (published.toISOString() === occurrence.startsAt) continue;
      moved += 1;
      if (!row) {
        // Calendars knew it by the UID of its old instant until now (runtime rules, before 0011).
        await db
          .insertInto("meetings")
          .values({ ...meetingRow(occurrence), sequence: 1, calendar_uid: previousVersion.startsWith("runtime-") ? legacyUid(one.id, published) : null })
          // A row made meanwhile (someone answered the RSVP) is published again all the same.
          .onConflict((oc) =>
            oc.columns(["series_id", "occurrence_date"]).doUpdateSet({ starts_at: occurrence.startsAt, ends_at: occurrence.endsAt, sequence: sql<number>`meetings.sequence + 1` }),
          )
          .execute();
      } else {
        await db
          .updateTable("meetings")
          .set({ starts_at: occurrence.startsAt, ends_at: occurrence.endsAt, sequence: sql<number>`sequence + 1`, updated_at: nowIso() })
          .where("id", "=", row.id)
          .execute();
      }
    }
  }
  return moved;
}
