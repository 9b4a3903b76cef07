// The reflective journal (issue 16): each person's entries, sealed with a key of their own
// (AES-256-GCM), itself sealed with the server's key (from the environment, never in the database).
// Nothing in these tables is readable without the server key: not the text, the prompt, the
// domain or the entry's date. The mindful pause has a page of its own now (/pause): its practice
// page leads there.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("journal_keys")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    /** Which server key sealed it (a fingerprint), so that a rotation can tell old from new. */
    .addColumn("server_key_id", "text", (c) => c.notNull())
    .addColumn("sealed_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("journal_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("sealed", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("journal_entries_user").on("journal_entries").column("user_id").execute();
  await sql`update resources set practice_href = '/pause', practice_label = 'Take a mindful pause now: one, three or five minutes, with a soft bell' where slug = 'the-mindful-pause' and practice_href = '/practice/room'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("journal_entries").execute();
  await db.schema.dropTable("journal_keys").execute();
}
