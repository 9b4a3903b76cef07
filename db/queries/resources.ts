// The resources library: one search function over both engines (SQLite FTS5 through the table its
// triggers keep; PostgreSQL's weighted tsvector column), saving a resource with its tags in one
// transaction, and the public pages' Markdown texts.
import { sql, type SqlBool } from "kysely";
import type { DB, Dialect } from "../connect";
import type { ResourceKind, ResourceTable, ResourceVisibility } from "../schema";
import type { Selectable } from "kysely";
import type { DomainId } from "../../shared/domains";
import { fts5Query, markEnd, markStart, parseTags, searchTerms, tsQuery } from "../../shared/resources/library";
import { newId } from "../../shared/ids";
import { nowIso } from "../time";
import { slugify } from "./communities";
import { isUniqueViolation } from "../errors";

export type Resource = Selectable<ResourceTable>;

/** Every column but PostgreSQL's search vector. */
const resourceColumns = ["id", "slug", "title", "summary", "body", "link_url", "file_name", "file_bytes", "domain", "kind", "audience", "tags", "visibility", "practice_href", "practice_label", "created_by", "created_at", "updated_at"] as const;
const qualified = resourceColumns.map((c) => `resources.${c}` as const);

export interface ResourceSearch {
  text?: string;
  domain?: DomainId;
  kind?: ResourceKind;
  tag?: string;
  /** Members see members-only resources too. */
  includeMembersOnly: boolean;
  limit?: number;
}

export interface ResourceHit {
  resource: Resource;
  /** The title with matches between markStart and markEnd (the title itself without a search). */
  titleMarked: string;
  /** An excerpt around the matches, marked the same way; null without a search. */
  excerptMarked: string | null;
}

/** The resources that match, best first with a search (newest first without). */
export async function searchResources(db: DB, dialect: Dialect, search: ResourceSearch): Promise<ResourceHit[]> {
  const terms = searchTerms(search.text ?? "");
  const limit = search.limit ?? 50;
  let query = db.selectFrom("resources").select(qualified);
  if (!search.includeMembersOnly) query = query.where("resources.visibility", "=", "public");
  if (search.domain) query = query.where("resources.domain", "=", search.domain);
  if (search.kind) query = query.where("resources.kind", "=", search.kind);
  if (search.tag) {
    const tag = search.tag;
    query = query.where((eb) => eb.exists(eb.selectFrom("resource_tags").select("tag").whereRef("resource_tags.resource_id", "=", "resources.id").where("resource_tags.tag", "=", tag)));
  }
  if (terms.length === 0) {
    const rows = await query.orderBy("resources.created_at", "desc").orderBy("resources.id").limit(limit).execute();
    return rows.map((resource) => ({ resource, titleMarked: resource.title, excerptMarked: null }));
  }
  if (dialect === "postgres") {
    const q = sql`to_tsquery('english', ${tsQuery(terms)})`;
    const options = `StartSel=${markStart}, StopSel=${markEnd}`;
    const rows = await query
      .select([
        sql<string>`ts_headline('english', resources.title, ${q}, ${`${options}, HighlightAll=true`})`.as("title_marked"),
        sql<string>`ts_headline('english', resources.summary || ' ' || resources.body, ${q}, ${`${options}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`})`.as("excerpt_marked"),
      ])
      .where(sql<SqlBool>`resources.search @@ ${q}`)
      .orderBy(sql`ts_rank(resources.search, ${q})`, "desc")
      .orderBy("resources.created_at", "desc")
      .limit(limit)
      .execute();
    return rows.map(({ title_marked, excerpt_marked, ...resource }) => ({ resource, titleMarked: title_marked, excerptMarked: excerpt_marked }));
  }
  const rows = await query
    .innerJoin("resources_fts", "resources_fts.resource_id", "resources.id")
    .select([
      sql<string>`highlight(resources_fts, 1, ${markStart}, ${markEnd})`.as("title_marked"),
      sql<string>`snippet(resources_fts, -1, ${markStart}, ${markEnd}, ' … ', 24)`.as("excerpt_marked"),
    ])
    .where(sql<SqlBool>`resources_fts match ${fts5Query(terms)}`)
    // bm25 is lower for a better match; a match in the title counts most, then summary and tags.
    .orderBy(sql`bm25(resources_fts, 0, 10, 4, 1, 4)`)
    .orderBy("resources.created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(({ title_marked, excerpt_marked, ...resource }) => ({ resource: resource as Resource, titleMarked: title_marked, excerptMarked: excerpt_marked }));
}

/** Every tag in use among the resources the reader may see, with how many carry it. */
export async function resourceTags(db: DB, includeMembersOnly: boolean): Promise<{ tag: string; n: number }[]> {
  let query = db.selectFrom("resource_tags").innerJoin("resources", "resources.id", "resource_tags.resource_id").select(["resource_tags.tag", (eb) => eb.fn.countAll<number>().as("n")]);
  if (!includeMembersOnly) query = query.where("resources.visibility", "=", "public");
  const rows = await query.groupBy("resource_tags.tag").orderBy("resource_tags.tag").execute();
  return rows.map((r) => ({ tag: r.tag, n: Number(r.n) }));
}

export const resourceBySlug = (db: DB, slug: string): Promise<Resource | undefined> => db.selectFrom("resources").select(resourceColumns).where("slug", "=", slug).executeTakeFirst();
export const resourceById = (db: DB, id: string): Promise<Resource | undefined> => db.selectFrom("resources").select(resourceColumns).where("id", "=", id).executeTakeFirst();

export interface ResourceInput {
  title: string;
  summary: string;
  body: string;
  linkUrl: string | null;
  domain: DomainId;
  kind: ResourceKind;
  audience: string;
  tags: string;
  visibility: ResourceVisibility;
  practiceHref?: string | null;
  practiceLabel?: string | null;
}

const columns = (input: ResourceInput) => {
  const tags = parseTags(input.tags);
  return {
    row: {
      title: input.title,
      summary: input.summary,
      body: input.body,
      link_url: input.linkUrl,
      domain: input.domain,
      kind: input.kind,
      audience: input.audience,
      tags: tags.join(", "),
      visibility: input.visibility,
      practice_href: input.practiceHref ?? null,
      practice_label: input.practiceLabel ?? null,
    },
    tags,
  };
};

/** Adds a resource with its tags; its address is its title's words (with a suffix when taken). */
export async function createResource(db: DB, input: ResourceInput, createdBy: string | null, file?: { name: string; bytes: number }, id = newId()): Promise<Resource> {
  const { row, tags } = columns(input);
  const base = slugify(input.title, "resource");
  const taken = await db.selectFrom("resources").select("id").where("slug", "=", base).executeTakeFirst();
  const now = nowIso();
  const insert = (slug: string) =>
    db.transaction().execute(async (trx) => {
      await trx.insertInto("resources").values({ id, slug, ...row, file_name: file?.name ?? null, file_bytes: file?.bytes ?? null, created_by: createdBy, created_at: now, updated_at: now }).execute();
      if (tags.length > 0) await trx.insertInto("resource_tags").values(tags.map((tag) => ({ resource_id: id, tag }))).execute();
    });
  const suffixed = `${base}-${id.slice(0, 6)}`;
  try {
    await insert(taken ? suffixed : base);
  } catch (error) {
    // Someone published the same title at the same moment: this one takes the address with a suffix.
    if (taken || !isUniqueViolation(error)) throw error;
    await insert(suffixed);
  }
  return (await resourceById(db, id))!;
}

/** Changes a resource and replaces its tags; `file` replaces the PDF's name and size, null removes them. */
export async function updateResource(db: DB, id: string, input: ResourceInput, file?: { name: string; bytes: number } | null): Promise<boolean> {
  const { row, tags } = columns(input);
  return db.transaction().execute(async (trx) => {
    const fileColumns = file === undefined ? {} : { file_name: file?.name ?? null, file_bytes: file?.bytes ?? null };
    const changed = await trx.updateTable("resources").set({ ...row, ...fileColumns, updated_at: nowIso() }).where("id", "=", id).executeTakeFirst();
    if (!Number(changed.numUpdatedRows)) return false;
    await trx.deleteFrom("resource_tags").where("resource_id", "=", id).execute();
    if (tags.length > 0) await trx.insertInto("resource_tags").values(tags.map((tag) => ({ resource_id: id, tag }))).execute();
    return true;
  });
}

export async function deleteResource(db: DB, id: string): Promise<boolean> {
  const deleted = await db.deleteFrom("resources").where("id", "=", id).executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}

/** The public pages' texts the admin has written, by key (the defaults in shared/site/texts.ts fill the rest). */
export async function siteTexts(db: DB): Promise<Record<string, string>> {
  const rows = await db.selectFrom("site_texts").select(["key", "body"]).execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.body]));
}

export async function saveSiteText(db: DB, key: string, body: string, userId: string): Promise<void> {
  const now = nowIso();
  await db
    .insertInto("site_texts")
    .values({ key, body, updated_by: userId, updated_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ body, updated_by: userId, updated_at: now }))
    .execute();
}
