// Newsletters and their delivery outbox: one row per (newsletter, recipient), all made in the
// transaction that starts the send, before anything is sent; a sender claims rows (a lease) and
// marks each sent before the message is released to the mail server. Also: every account is the
// same record as its contact, with consent implied by membership from when the account was made
// (CASL: a membership is an existing relationship), so that newsletters to members go through the
// one ledger; and the key that signs unsubscribe links.
import { sql, type Kysely } from "kysely";
import { newId } from "../../shared/ids";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("newsletters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_markdown", "text", (c) => c.notNull())
    /** The sanitized HTML of the body, frozen when the send starts (the archive shows it). */
    .addColumn("body_html", "text")
    /** JSON: the contact filter (shared/network/contactSearch.ts) that chooses the audience. */
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("scheduled_for", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("recipients", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("newsletters_status").on("newsletters").columns(["status", "scheduled_for"]).execute();

  await db.schema
    .createTable("newsletter_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("newsletter_id", "text", (c) => c.notNull().references("newsletters.id").onDelete("cascade"))
    /** The contact's id, or "test:<id>" for a test copy: unique per newsletter, so nobody is queued twice. */
    .addColumn("recipient_key", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.references("contacts.id").onDelete("set null"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("test", "integer", (c) => c.notNull().defaultTo(0))
    /** queued, sent, failed, withdrawn (unsubscribed before their copy went). */
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("claimed_by", "text")
    .addColumn("claimed_until", "text")
    .addColumn("sent_at", "text")
    .addColumn("last_reply", "text")
    .addColumn("unsubscribed_at", "text")
    .addUniqueConstraint("newsletter_deliveries_recipient", ["newsletter_id", "recipient_key"])
    .execute();
  await db.schema.createIndex("newsletter_deliveries_due").on("newsletter_deliveries").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("newsletter_deliveries_contact").on("newsletter_deliveries").columns(["contact_id", "status"]).execute();

  await db.schema
    .createTable("server_keys")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // Every account gets its contact (the one with its email, or a new one) and the consent its
  // membership implies, from when the account was made.
  const users = await sql<{ id: string; email: string; name: string; organization_id: string | null; created_at: string }>`select id, email, name, organization_id, created_at from users`.execute(db);
  for (const user of users.rows) {
    const existing = await sql<{ id: string }>`select id from contacts where email = ${user.email}`.execute(db);
    let contactId = existing.rows[0]?.id;
    if (contactId) {
      await sql`update contacts set user_id = ${user.id} where id = ${contactId} and user_id is null`.execute(db);
    } else {
      contactId = newId();
      await sql`insert into contacts (id, email, name, organization_id, role, region, notes, user_id, created_at, updated_at) values (${contactId}, ${user.email}, ${user.name}, ${user.organization_id}, null, null, null, ${user.id}, ${user.created_at}, ${user.created_at})`.execute(db);
      await sql`insert into contact_changes (id, contact_id, changed_by, changed_at, changes) values (${newId()}, ${contactId}, null, ${user.created_at}, ${JSON.stringify({ event: "account made" })})`.execute(db);
    }
    await sql`insert into consents (id, contact_id, kind, method, source, wording_hash, at, ip, user_agent, recorded_by) values (${newId()}, ${contactId}, 'implied-membership', 'membership', 'Account on CSL Commons', null, ${user.created_at}, null, null, null)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("server_keys").execute();
  await db.schema.dropTable("newsletter_deliveries").execute();
  await db.schema.dropTable("newsletters").execute();
}
