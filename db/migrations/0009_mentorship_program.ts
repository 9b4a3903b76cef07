// Mentorship as a program (issue 12): a run is published once, and only while nothing it was made
// from has changed since; a mentee holds at most one place per cycle.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("mentorship_runs").addColumn("published_at", "text").execute();
  // Raised by every ruling, capacity or intake change: a run made before it is out of date.
  await db.schema.alterTable("mentorship_cycles").addColumn("changed_at", "text").execute();
  await db.schema
    .createIndex("mentorship_pairs_one_place")
    .on("mentorship_pairs")
    .columns(["cycle_id", "mentee_id"])
    .unique()
    .where(sql.ref("status"), "in", ["proposed", "requested", "active"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("mentorship_pairs_one_place").execute();
  await db.schema.alterTable("mentorship_cycles").dropColumn("changed_at").execute();
  await db.schema.alterTable("mentorship_runs").dropColumn("published_at").execute();
}
