// Causal-loop canvases: the canvas, per-person shares, and its Yjs document as a snapshot plus
// an append-only log of updates (base64 text, so SQLite and PostgreSQL store it the same way).
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("canvases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("community_id", "text", (c) => c.notNull().references("communities.id").onDelete("cascade"))
    .addColumn("meeting_id", "text", (c) => c.references("meetings.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("member_access", "text", (c) => c.notNull().defaultTo("edit"))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("canvases_community").on("canvases").column("community_id").execute();

  await db.schema
    .createTable("canvas_shares")
    .addColumn("canvas_id", "text", (c) => c.notNull().references("canvases.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("canvas_shares_pk", ["canvas_id", "user_id"])
    .execute();

  await db.schema
    .createTable("canvas_updates")
    .addColumn("canvas_id", "text", (c) => c.notNull().references("canvases.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("canvas_updates_pk", ["canvas_id", "seq"])
    .execute();

  await db.schema
    .createTable("canvas_snapshots")
    .addColumn("canvas_id", "text", (c) => c.primaryKey().references("canvases.id").onDelete("cascade"))
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("seq_upto", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("canvas_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("canvas_id", "text", (c) => c.notNull().references("canvases.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["canvas_tokens", "canvas_snapshots", "canvas_updates", "canvas_shares", "canvases"]) await db.schema.dropTable(table).execute();
}
