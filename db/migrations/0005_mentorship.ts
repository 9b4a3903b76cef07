// Mentorship: program cycles, per-cycle profiles, matching runs, the coordinator's locks and
// forbidden pairs, published pairs with their responses, and each pair's private space.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("mentorship_cycles")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("intake_opens", "text", (c) => c.notNull())
    .addColumn("intake_closes", "text", (c) => c.notNull())
    .addColumn("matching_date", "text", (c) => c.notNull())
    .addColumn("length_weeks", "integer", (c) => c.notNull())
    .addColumn("checkin_days", "integer", (c) => c.notNull())
    .addColumn("questions", "text", (c) => c.notNull())
    .addColumn("weights", "text", (c) => c.notNull())
    .addColumn("rules", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("mentorship_profiles")
    .addColumn("cycle_id", "text", (c) => c.notNull().references("mentorship_cycles.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mentorship_profiles_pk", ["cycle_id", "user_id"])
    .execute();

  await db.schema
    .createTable("mentorship_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cycle_id", "text", (c) => c.notNull().references("mentorship_cycles.id").onDelete("cascade"))
    .addColumn("algorithm", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mentorship_runs_cycle").on("mentorship_runs").columns(["cycle_id", "created_at"]).execute();

  await db.schema
    .createTable("mentorship_rulings")
    .addColumn("cycle_id", "text", (c) => c.notNull().references("mentorship_cycles.id").onDelete("cascade"))
    .addColumn("mentor_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("mentee_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("ruling", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mentorship_rulings_pk", ["cycle_id", "mentor_id", "mentee_id"])
    .execute();

  await db.schema
    .createTable("mentorship_pairs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cycle_id", "text", (c) => c.notNull().references("mentorship_cycles.id").onDelete("cascade"))
    .addColumn("mentor_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("mentee_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("explanation", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("mentor_accepted_at", "text")
    .addColumn("mentee_accepted_at", "text")
    .addColumn("declined_by", "text")
    .addColumn("decline_reason", "text")
    .addColumn("reminded_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mentorship_pairs_cycle").on("mentorship_pairs").columns(["cycle_id", "status"]).execute();

  await db.schema
    .createTable("mentorship_notes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("pair_id", "text", (c) => c.notNull().references("mentorship_pairs.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("rating", "integer")
    .addColumn("happened_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mentorship_notes_pair").on("mentorship_notes").columns(["pair_id", "kind"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["mentorship_notes", "mentorship_pairs", "mentorship_rulings", "mentorship_runs", "mentorship_profiles", "mentorship_cycles"]) await db.schema.dropTable(table).execute();
}
