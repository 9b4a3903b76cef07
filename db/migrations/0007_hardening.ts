// Hardening after review (issue 10): the outbox claims a message before sending it and removes
// live links from messages once they are sent or expired; sign-in and reset throttles are kept
// in the database, so a restart forgets nothing and every node counts the same.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outbox").addColumn("claimed_until", "text").execute();
  await db.schema.alterTable("outbox").addColumn("secret_expires_at", "text").execute();

  await db.schema
    .createTable("throttles")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("window_started_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("throttles").execute();
  await db.schema.alterTable("outbox").dropColumn("secret_expires_at").execute();
  await db.schema.alterTable("outbox").dropColumn("claimed_until").execute();
}
