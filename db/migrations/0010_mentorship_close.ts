// A mentorship cycle can be closed: its reminders stop and it moves to the past cycles.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("mentorship_cycles").addColumn("closed_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("mentorship_cycles").dropColumn("closed_at").execute();
}
