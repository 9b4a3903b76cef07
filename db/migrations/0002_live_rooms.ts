// Live rooms: the room's state (restored after a restart), chat, attendance, the record of
// rounds (who spoke and for how long, never what was said) and of agenda phases.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("room_states")
    .addColumn("meeting_id", "text", (c) => c.primaryKey().references("meetings.id").onDelete("cascade"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("chat_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("group_id", "text")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("hidden_at", "text")
    .addColumn("hidden_by", "text")
    .execute();
  await db.schema.createIndex("chat_messages_meeting").on("chat_messages").columns(["meeting_id", "created_at"]).execute();

  await db.schema
    .createTable("attendance")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("joined_at", "text", (c) => c.notNull())
    .addColumn("left_at", "text")
    .execute();
  await db.schema.createIndex("attendance_meeting").on("attendance").columns(["meeting_id", "user_id"]).execute();

  await db.schema
    .createTable("rounds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("group_name", "text")
    .addColumn("prompt", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text", (c) => c.notNull())
    .addColumn("turns", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rounds_meeting").on("rounds").column("meeting_id").execute();

  await db.schema
    .createTable("phase_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("phase_index", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("planned_minutes", "integer", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .execute();
  await db.schema.createIndex("phase_log_meeting").on("phase_log").column("meeting_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["phase_log", "rounds", "attendance", "chat_messages", "room_states"]) await db.schema.dropTable(table).execute();
}
