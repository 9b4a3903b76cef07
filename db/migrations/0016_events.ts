// Events and workshops open to the public, with registration and a waitlist: places taken
// (registered, or offered and held) never exceed the capacity, because every change of a place
// runs in a transaction that holds the event's row. An outbox message may carry a calendar file.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("timezone", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("venue", "text")
    .addColumn("video_url", "text")
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("registration_opens_at", "text")
    .addColumn("registration_closes_at", "text")
    .addColumn("audience", "text")
    .addColumn("fee_cents", "integer")
    /** Professional-development hours a certificate of participation states. */
    .addColumn("hours", "real", (c) => c.notNull())
    /** How long an offered place is held before it passes on. */
    .addColumn("offer_hold_hours", "integer", (c) => c.notNull().defaultTo(48))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("events_starts").on("events").column("starts_at").execute();

  await db.schema
    .createTable("event_registrations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("organization", "text")
    .addColumn("role", "text")
    .addColumn("district", "text")
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    /** registered, waitlisted, offered (a freed place held for them), cancelled, lapsed (an offer not taken). */
    .addColumn("status", "text", (c) => c.notNull())
    /** Waitlist order: the order people asked in. */
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("offered_until", "text")
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("attended_at", "text")
    .addColumn("reminded_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("event_registrations_person", ["event_id", "email"])
    .execute();
  await db.schema.createIndex("event_registrations_status").on("event_registrations").columns(["event_id", "status", "position"]).execute();

  await db.schema.alterTable("outbox").addColumn("calendar", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("calendar").execute();
  await db.schema.dropTable("event_registrations").execute();
  await db.schema.dropTable("events").execute();
}
