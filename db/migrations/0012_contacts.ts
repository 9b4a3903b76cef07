// The network's contacts (issue 13): organizations get a type (and a district number, and whether
// a district takes part in the early-years transitions initiative); contacts, their tags and a
// change history; the consent ledger (rows never edited, only followed) with each wording stored
// once by its hash; saved filters.
import { sql, type Kysely } from "kysely";
import { bcSchoolDistricts, districtName } from "../../shared/network/organizations";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("organizations").addColumn("type", "text", (c) => c.notNull().defaultTo("community-partner")).execute();
  await db.schema.alterTable("organizations").addColumn("district_number", "integer").execute();
  await db.schema.alterTable("organizations").addColumn("sey2kt", "integer", (c) => c.notNull().defaultTo(0)).execute();
  // The earlier kinds become types (a district is known by the number in its name), then go.
  await sql`update organizations set type = 'network' where kind = 'network'`.execute(db);
  const districts = await sql<{ id: string; name: string }>`select id, name from organizations where kind = 'district'`.execute(db);
  for (const row of districts.rows) {
    const number = /No\.?\s*(\d+)|SD\s*(\d+)/i.exec(row.name);
    const n = number ? Number(number[1] ?? number[2]) : null;
    await sql`update organizations set type = 'school-district', district_number = ${n} where id = ${row.id}`.execute(db);
  }
  await db.schema.alterTable("organizations").dropColumn("kind").execute();
  await db.schema.createIndex("organizations_district_number").unique().on("organizations").column("district_number").execute();
  // Every public school district of British Columbia, by number and name.
  const now = new Date().toISOString();
  for (const [number, name] of bcSchoolDistricts) {
    const known = await sql<{ id: string }>`select id from organizations where district_number = ${number}`.execute(db);
    if (known.rows.length) continue;
    await sql`insert into organizations (id, name, type, district_number, region, sey2kt, created_at) values (${`district-${number}`}, ${districtName(number, name)}, 'school-district', ${number}, null, 0, ${now})`.execute(db);
  }

  await db.schema
    .createTable("contacts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.references("organizations.id").onDelete("set null"))
    .addColumn("role", "text")
    .addColumn("region", "text")
    .addColumn("notes", "text")
    // The platform account that is this person (one record, never two).
    .addColumn("user_id", "text", (c) => c.unique().references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("contacts_name").on("contacts").column("name").execute();
  await db.schema.createIndex("contacts_organization").on("contacts").column("organization_id").execute();

  await db.schema
    .createTable("contact_tags")
    .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_tags_pk", ["contact_id", "tag"])
    .execute();
  await db.schema.createIndex("contact_tags_tag").on("contact_tags").column("tag").execute();

  await db.schema
    .createTable("contact_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
    .addColumn("changed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("changed_at", "text", (c) => c.notNull())
    // JSON: { field: [before, after] }, or a note of what happened ("created", "merged from …").
    .addColumn("changes", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("contact_changes_contact").on("contact_changes").columns(["contact_id", "changed_at"]).execute();

  await db.schema
    .createTable("consent_wordings")
    .addColumn("hash", "text", (c) => c.primaryKey())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("consents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
    // express | implied-membership | implied-event | unsubscribe (shared/network/consent.ts)
    .addColumn("kind", "text", (c) => c.notNull())
    // form | import | staff | membership | event | unsubscribe-link
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("source", "text")
    .addColumn("wording_hash", "text", (c) => c.references("consent_wordings.hash"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("recorded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("consents_contact").on("consents").columns(["contact_id", "at"]).execute();

  await db.schema
    .createTable("contact_segments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    // JSON: the search's filters (shared/network/contactSearch.ts).
    .addColumn("filter", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["contact_segments", "consents", "consent_wordings", "contact_changes", "contact_tags", "contacts"]) await db.schema.dropTable(table).execute();
  await sql`delete from organizations where id like 'district-%'`.execute(db);
  await db.schema.dropIndex("organizations_district_number").execute();
  await db.schema.alterTable("organizations").addColumn("kind", "text", (c) => c.notNull().defaultTo("partner")).execute();
  await sql`update organizations set kind = case type when 'school-district' then 'district' when 'network' then 'network' else 'partner' end`.execute(db);
  await db.schema.alterTable("organizations").dropColumn("sey2kt").execute();
  await db.schema.alterTable("organizations").dropColumn("district_number").execute();
  await db.schema.alterTable("organizations").dropColumn("type").execute();
}
