// A mentorship program run for a year: a mentee's unanswered request lapses after the cycle's
// request days; a cycle may limit a mentor's mentees across all open cycles; mentors say which
// mentees they would especially like, or rather not, to mentor (stable matching follows it); each
// person in a pair answers the end-of-cycle survey once; coordinators add multiple-choice questions
// whose same answers earn points.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("mentorship_cycles")
    .addColumn("request_days", "integer", (col) => col.notNull().defaultTo(sql`7`))
    .execute();
  await db.schema.alterTable("mentorship_cycles").addColumn("mentor_limit", "integer").execute();
  await db.schema
    .alterTable("mentorship_cycles")
    .addColumn("choice_questions", "text", (col) => col.notNull().defaultTo("[]"))
    .execute();
  await db.schema
    .createTable("mentorship_wishes")
    .addColumn("cycle_id", "text", (c) => c.notNull().references("mentorship_cycles.id").onDelete("cascade"))
    .addColumn("mentor_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("mentee_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("wish", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mentorship_wishes_pk", ["cycle_id", "mentor_id", "mentee_id"])
    .execute();
  await db.schema
    .createTable("mentorship_surveys")
    .addColumn("pair_id", "text", (c) => c.notNull().references("mentorship_pairs.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mentorship_surveys_pk", ["pair_id", "author_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("mentorship_surveys").execute();
  await db.schema.dropTable("mentorship_wishes").execute();
  await db.schema.alterTable("mentorship_cycles").dropColumn("choice_questions").execute();
  await db.schema.alterTable("mentorship_cycles").dropColumn("mentor_limit").execute();
  await db.schema.alterTable("mentorship_cycles").dropColumn("request_days").execute();
}
