// Notices (issue 11): in-platform notifications, which are also the claim that makes each
// notice (and its email) happen once; a person's time zone and email choices; a meeting series'
// end date and the series that carries it on after a change of rule.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    // What the notice is about, once per person: "reminder:<series>/<date>", "meeting:<series>/<date>:3".
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("href", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addUniqueConstraint("notifications_user_key", ["user_id", "key"])
    .execute();
  await db.schema.createIndex("notifications_unread").on("notifications").columns(["user_id", "read_at", "created_at"]).execute();

  await db.schema.alterTable("users").addColumn("timezone", "text").execute();
  await db.schema.alterTable("users").addColumn("email_notices", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("users").addColumn("meeting_reminders", "integer", (c) => c.notNull().defaultTo(1)).execute();

  await db.schema.alterTable("meeting_series").addColumn("ends_on", "text").execute();
  await db.schema.alterTable("meeting_series").addColumn("continued_as", "text").execute();
  // Raised by every change of the series' time, place or name: part of each occurrence's SEQUENCE.
  await db.schema.alterTable("meeting_series").addColumn("revision", "integer", (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("meeting_series").dropColumn("revision").execute();
  await db.schema.alterTable("meeting_series").dropColumn("continued_as").execute();
  await db.schema.alterTable("meeting_series").dropColumn("ends_on").execute();
  await db.schema.alterTable("users").dropColumn("meeting_reminders").execute();
  await db.schema.alterTable("users").dropColumn("email_notices").execute();
  await db.schema.alterTable("users").dropColumn("timezone").execute();
  await db.schema.dropTable("notifications").execute();
}
