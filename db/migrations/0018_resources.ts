// The public face's words and library: resources (a Markdown page, a link or an uploaded PDF) with
// their tags and a full-text index, and the public pages' text the admin edits in Markdown.
// Full-text search differs by engine behind one query function (db/queries/resources.ts): SQLite
// keeps an FTS5 table in step through triggers; PostgreSQL a generated, weighted tsvector column.
import { PostgresAdapter, sql, type Kysely } from "kysely";
import { practicePages } from "./0018_practice_pages";

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("resources")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    /** Markdown, sanitized when shown. */
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("link_url", "text")
    /** An uploaded PDF: the name it came with, and its size; the file is <FILES_DIR>/resources/<id>.pdf. */
    .addColumn("file_name", "text")
    .addColumn("file_bytes", "integer")
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    /** The tags as typed, for the index and the page (resource_tags holds them one per row for the filter). */
    .addColumn("tags", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("visibility", "text", (c) => c.notNull())
    /** The platform feature that practises it. */
    .addColumn("practice_href", "text")
    .addColumn("practice_label", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("resources_listing").on("resources").columns(["visibility", "created_at"]).execute();
  await db.schema
    .createTable("resource_tags")
    .addColumn("resource_id", "text", (c) => c.notNull().references("resources.id").onDelete("cascade"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("resource_tags_pk", ["resource_id", "tag"])
    .execute();
  await db.schema.createIndex("resource_tags_tag").on("resource_tags").columns(["tag"]).execute();

  if (postgres) {
    await sql`alter table resources add column search tsvector generated always as (
      setweight(to_tsvector('english', title), 'A') ||
      setweight(to_tsvector('english', summary || ' ' || tags), 'B') ||
      setweight(to_tsvector('english', body), 'C')) stored`.execute(db);
    await sql`create index resources_search on resources using gin (search)`.execute(db);
  } else {
    await sql`create virtual table resources_fts using fts5(resource_id unindexed, title, summary, body, tags, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
    await sql`create trigger resources_fts_insert after insert on resources begin
      insert into resources_fts (resource_id, title, summary, body, tags) values (new.id, new.title, new.summary, new.body, new.tags); end`.execute(db);
    await sql`create trigger resources_fts_update after update on resources begin
      delete from resources_fts where resource_id = old.id;
      insert into resources_fts (resource_id, title, summary, body, tags) values (new.id, new.title, new.summary, new.body, new.tags); end`.execute(db);
    await sql`create trigger resources_fts_delete after delete on resources begin
      delete from resources_fts where resource_id = old.id; end`.execute(db);
  }

  const now = new Date().toISOString();
  for (const [i, page] of practicePages.entries()) {
    const id = `practice-${page.slug}`;
    const tags = page.tags.split(", ").map((tag) => tag.replace(/\s+/g, "-"));
    // A second apart, so that the newest-first listing keeps the order written.
    const at = new Date(Date.parse(now) - i * 1000).toISOString();
    await sql`insert into resources (id, slug, title, summary, body, domain, kind, audience, tags, visibility, practice_href, practice_label, created_at, updated_at)
      values (${id}, ${page.slug}, ${page.title}, ${page.summary}, ${page.body}, ${page.domain}, 'practice', 'everyone', ${tags.join(", ")}, 'public', ${page.practiceHref}, ${page.practiceLabel}, ${at}, ${at})`.execute(db);
    for (const tag of tags) await sql`insert into resource_tags (resource_id, tag) values (${id}, ${tag})`.execute(db);
  }

  await db.schema
    .createTable("site_texts")
    .addColumn("key", "text", (c) => c.primaryKey())
    /** Markdown, sanitized when shown. */
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("site_texts").execute();
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await sql`drop table resources_fts`.execute(db);
  await db.schema.dropTable("resource_tags").execute();
  await db.schema.dropTable("resources").execute();
}
