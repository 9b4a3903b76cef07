// Occurrences named by their local date, not by a UTC instant that new time-zone rules move
// (decision 0011). Each stored occurrence gains its local date (its identity from now on), the
// wall-clock time it was moved to, a calendar SEQUENCE and the UID calendars already know it by;
// `zone_snapshots` keeps, per zone in use, the offsets every published meeting time was computed
// with, so that the server can tell at start which ones a newer tz database moves.
import { sql, type Kysely } from "kysely";
import { DateTime } from "luxon";
import { runtimeZoneRules, snapshotOf } from "../../shared/timezones";


export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("meetings").addColumn("occurrence_date", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("meetings").addColumn("moved_to", "text").execute();
  await db.schema.alterTable("meetings").addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("meetings").addColumn("calendar_uid", "text").execute();

  await db.schema
    .createTable("zone_snapshots")
    .addColumn("zone", "text", (c) => c.primaryKey())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();

  // Rows made so far were placed with the runtime's ICU rules: read them back with the same rules.
  const rows = await sql<{ id: string; series_id: string; original_start: string; starts_at: string; timezone: string }>`
    select m.id, m.series_id, m.original_start, m.starts_at, s.timezone
    from meetings m join meeting_series s on s.id = m.series_id`.execute(db);
  for (const row of rows.rows) {
    const local = (iso: string) => DateTime.fromISO(iso, { zone: row.timezone }).toFormat("yyyy-MM-dd'T'HH:mm");
    const legacyKey = new Date(row.original_start).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    await sql`update meetings set occurrence_date = ${local(row.original_start).slice(0, 10)},
      moved_to = ${row.starts_at === row.original_start ? null : local(row.starts_at)},
      calendar_uid = ${`${row.series_id}-${legacyKey}@csl-commons`}
      where id = ${row.id}`.execute(db);
  }
  await db.schema.createIndex("meetings_series_occurrence_date").unique().on("meetings").columns(["series_id", "occurrence_date"]).execute();

  const zones = await sql<{ timezone: string }>`select distinct timezone from meeting_series`.execute(db);
  const from = Date.now();
  const to = DateTime.fromMillis(from).plus({ years: 3 }).toMillis();
  for (const { timezone } of zones.rows) {
    const rules = runtimeZoneRules(timezone);
    if (!rules) continue;
    await sql`insert into zone_snapshots (zone, version, snapshot, recorded_at)
      values (${timezone}, ${`runtime-${process.versions.tz ?? "unknown"}`}, ${JSON.stringify(snapshotOf(rules, from, to))}, ${new Date(from).toISOString()})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("zone_snapshots").execute();
  await db.schema.dropIndex("meetings_series_occurrence_date").execute();
  for (const column of ["calendar_uid", "sequence", "moved_to", "occurrence_date"]) {
    await db.schema.alterTable("meetings").dropColumn(column).execute();
  }
}
