// Who built what on a canvas (issue 17): every variable and link added, changed or removed, by
// whom and when, with the element's value after it. Kept apart from the Yjs log, so that
// compaction never loses it; the replay and provenance are read from it (decision 0020).
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("canvas_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("canvas_id", "text", (c) => c.notNull().references("canvases.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    /** Null: the platform (a template, an import, a restored version) or a person since deleted. */
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("element_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("fields", "text", (c) => c.notNull())
    .addColumn("value", "text")
    .execute();
  await db.schema.createIndex("canvas_history_canvas").on("canvas_history").columns(["canvas_id", "at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("canvas_history").execute();
}
