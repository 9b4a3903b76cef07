// Several nodes (issue 15, decision 0017): a live room's state carries the fencing number of the
// node that stored it, so a node that lost the room's lease without knowing cannot overwrite what
// the room's new owner stored.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("room_states").addColumn("fence", "integer", (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("room_states").dropColumn("fence").execute();
}
