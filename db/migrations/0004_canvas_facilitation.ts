// Canvas facilitation: the facilitator's lock, named versions (the whole document as one Yjs
// update, base64) and who contributed to a canvas.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("canvases").addColumn("locked_by", "text", (c) => c.references("users.id").onDelete("set null")).execute();

  await db.schema
    .createTable("canvas_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("canvas_id", "text", (c) => c.notNull().references("canvases.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("canvas_versions_canvas").on("canvas_versions").columns(["canvas_id", "created_at"]).execute();

  await db.schema
    .createTable("canvas_contributors")
    .addColumn("canvas_id", "text", (c) => c.notNull().references("canvases.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("changes", "integer", (c) => c.notNull())
    .addColumn("last_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("canvas_contributors_pk", ["canvas_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("canvas_contributors").execute();
  await db.schema.dropTable("canvas_versions").execute();
  await db.schema.alterTable("canvases").dropColumn("locked_by").execute();
}
