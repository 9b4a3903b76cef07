// Hardening after review (issue 10): the outbox claims a message before sending it and removes
// live links from messages once they are sent or expired.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outbox").addColumn("claimed_until", "text").execute();
  await db.schema.alterTable("outbox").addColumn("secret_expires_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("secret_expires_at").execute();
  await db.schema.alterTable("outbox").dropColumn("claimed_until").execute();
}
