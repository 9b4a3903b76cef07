// The director's pipeline, continued: every version of a request's quote is kept (a revision is a
// new version); a stage change may carry a note (which quote version went out); a scheduled
// request's sessions are events, unlisted from the public calendar; an online event may link to a
// community's meeting room. Going Deeper cohorts: applications, acceptance, the cohort's community.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("training_quotes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("request_id", "text", (c) => c.notNull().references("training_requests.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("hours", "real", (c) => c.notNull())
    .addColumn("participants", "integer", (c) => c.notNull())
    .addColumn("facilitators", "integer", (c) => c.notNull())
    .addColumn("prep_hours", "real", (c) => c.notNull())
    .addColumn("total_cents", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("training_quotes_version", ["request_id", "version"])
    .execute();
  await db.schema.alterTable("training_request_changes").addColumn("note", "text").execute();
  await db.schema.alterTable("events").addColumn("training_request_id", "text", (c) => c.references("training_requests.id").onDelete("set null")).execute();
  await db.schema.alterTable("events").addColumn("listed", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("events").addColumn("room_path", "text").execute();
  await db.schema.createIndex("events_training_request").on("events").column("training_request_id").execute();

  await db.schema
    .createTable("cohorts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("request_id", "text", (c) => c.notNull().unique().references("training_requests.id").onDelete("cascade"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("community_id", "text", (c) => c.references("communities.id").onDelete("set null"))
    .addColumn("applications_open", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("cohort_applications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cohort_id", "text", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text")
    .addColumn("organization", "text")
    .addColumn("reasons", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("cohort_applications_once", ["cohort_id", "email"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("cohort_applications").execute();
  await db.schema.dropTable("cohorts").execute();
  await db.schema.dropIndex("events_training_request").execute();
  await db.schema.alterTable("events").dropColumn("room_path").execute();
  await db.schema.alterTable("events").dropColumn("listed").execute();
  await db.schema.alterTable("events").dropColumn("training_request_id").execute();
  await db.schema.alterTable("training_request_changes").dropColumn("note").execute();
  await db.schema.dropTable("training_quotes").execute();
}
