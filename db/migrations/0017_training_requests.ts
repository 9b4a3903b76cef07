// Training requests from districts, schools and organizations, and the history of their way through
// the director's pipeline (every stage change: who, when, from, to).
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("training_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("offering", "text", (c) => c.notNull())
    .addColumn("hours", "real", (c) => c.notNull())
    .addColumn("participants", "integer", (c) => c.notNull())
    .addColumn("facilitators", "integer", (c) => c.notNull())
    .addColumn("prep_hours", "real", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("preferred_dates", "text")
    .addColumn("context", "text")
    .addColumn("organization", "text", (c) => c.notNull())
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_email", "text", (c) => c.notNull())
    .addColumn("contact_role", "text")
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("training_requests_stage").on("training_requests").columns(["stage", "created_at"]).execute();
  await db.schema
    .createTable("training_request_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("request_id", "text", (c) => c.notNull().references("training_requests.id").onDelete("cascade"))
    .addColumn("changed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("changed_at", "text", (c) => c.notNull())
    .addColumn("from_stage", "text")
    .addColumn("to_stage", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("training_request_changes").execute();
  await db.schema.dropTable("training_requests").execute();
}
