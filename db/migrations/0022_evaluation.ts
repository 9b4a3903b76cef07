// Evaluation surveys (issue 16): surveys sent to a community, an event's registrants or a training
// request's participants, in one round, a pre/post pair, or one retrospective (post-then-pre)
// administration. Anonymous responses hold no link to a person: not the invitation, not an email,
// not a time finer than the day; a pre and a post answer are linked only by a code the participant
// keeps (its keyed hash). Invitations know whether their person answered, never which answer.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("surveys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("intro", "text", (c) => c.notNull())
    /** single | pre-post | retrospective */
    .addColumn("design", "text", (c) => c.notNull())
    /** identified | anonymous */
    .addColumn("anonymity", "text", (c) => c.notNull())
    /** community | event | training */
    .addColumn("audience_kind", "text", (c) => c.notNull())
    .addColumn("audience_id", "text", (c) => c.notNull())
    .addColumn("threshold", "integer", (c) => c.notNull().defaultTo(10))
    /** The round people may answer now (single, pre, post), or null. */
    .addColumn("open_round", "text")
    .addColumn("closed_at", "text")
    /** Keys the hashes of pairing codes (and of identified people's addresses) for this survey only. */
    .addColumn("pairing_salt", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("survey_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    /** likert | choice | number | text */
    .addColumn("kind", "text", (c) => c.notNull())
    /** self | each-other | system, or null */
    .addColumn("domain", "text")
    .addColumn("prompt", "text", (c) => c.notNull())
    /** A choice item's options, as a JSON array of strings. */
    .addColumn("choices", "text")
    .addColumn("min_value", "integer")
    .addColumn("max_value", "integer")
    .execute();
  await db.schema.createIndex("survey_items_survey").on("survey_items").columns(["survey_id", "position"]).execute();
  await db.schema
    .createTable("survey_invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("round", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    /** The group the person's answers are counted in (their organization), for breakdowns. */
    .addColumn("group_label", "text", (c) => c.notNull())
    /** Hashes of the secrets in the invitation's link and the reminder's (both work). */
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("reminder_token_hash", "text", (c) => c.unique())
    .addColumn("invited_at", "text", (c) => c.notNull())
    .addColumn("reminded_at", "text")
    /** 1 once answered; when, and which answer, is not kept. */
    .addColumn("answered", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("survey_invitations_once", ["survey_id", "round", "email"])
    .execute();
  await db.schema
    .createTable("survey_responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("round", "text", (c) => c.notNull())
    .addColumn("group_label", "text", (c) => c.notNull())
    /** Identified surveys only: who answered. */
    .addColumn("respondent_email", "text")
    /** Keyed hash linking a pre and a post answer; null: unpaired. */
    .addColumn("pair_key", "text")
    .addColumn("research_consent", "integer", (c) => c.notNull())
    /** The day only. */
    .addColumn("submitted_on", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("survey_responses_survey").on("survey_responses").columns(["survey_id", "round"]).execute();
  await db.schema
    .createTable("survey_answers")
    .addColumn("response_id", "text", (c) => c.notNull().references("survey_responses.id").onDelete("cascade"))
    .addColumn("item_id", "text", (c) => c.notNull().references("survey_items.id").onDelete("cascade"))
    /** now, or then (a retrospective item's "before the training"). */
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("number_value", "real")
    .addColumn("text_value", "text")
    .addPrimaryKeyConstraint("survey_answers_pk", ["response_id", "item_id", "phase"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["survey_answers", "survey_responses", "survey_invitations", "survey_items", "surveys"]) await db.schema.dropTable(table).execute();
}
