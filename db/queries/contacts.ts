// The network's contacts: one record per email (linked to the person's account when there is one),
// tags, a change history (who, when, what), and the consent ledger beside them.
import { createHash } from "node:crypto";
import type { DB } from "../connect";
import type { Transaction } from "kysely";
import type { ConsentMethod, ContactTable, Database } from "../schema";
import { nowIso } from "../time";
import { newId } from "../../shared/ids";
import { consentState, type ConsentKind } from "../../shared/network/consent";
import type { ContactFilter } from "../../shared/network/contactSearch";
import { normalizeEmail } from "./users";

export interface ContactFields {
  email: string;
  name: string;
  organizationId: string | null;
  role: string | null;
  region: string | null;
  notes: string | null;
  tags: string[];
}

const columnsOf = (fields: ContactFields) => ({
  email: normalizeEmail(fields.email),
  name: fields.name.trim(),
  organization_id: fields.organizationId,
  role: fields.role,
  region: fields.region,
  notes: fields.notes,
});

const cleanTags = (tags: string[]) => [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].slice(0, 20);

type Trx = Transaction<Database>;

/** Writes a contact's new fields over its row and tags, with a history row of what changed; nothing when nothing did. */
async function applyChanges(trx: Trx, existing: ContactTable, fields: ContactFields, by: string | null): Promise<void> {
  const columns = columnsOf(fields);
  const tags = cleanTags(fields.tags).sort();
  const before = (await trx.selectFrom("contact_tags").select("tag").where("contact_id", "=", existing.id).execute()).map((t) => t.tag).sort();
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(columns) as [keyof typeof columns, string | null][]) {
    if (existing[key] !== value) changes[key] = [existing[key], value];
  }
  if (before.join(",") !== tags.join(",")) changes.tags = [before, tags];
  if (Object.keys(changes).length === 0) return;
  const now = nowIso();
  await trx.updateTable("contacts").set({ ...columns, updated_at: now }).where("id", "=", existing.id).execute();
  await trx.deleteFrom("contact_tags").where("contact_id", "=", existing.id).execute();
  if (tags.length) await trx.insertInto("contact_tags").values(tags.map((tag) => ({ contact_id: existing.id, tag }))).execute();
  await trx.insertInto("contact_changes").values({ id: newId(), contact_id: existing.id, changed_by: by, changed_at: now, changes: JSON.stringify(changes) }).execute();
}

/**
 * Creates the contact for an email, or updates the one that has it (never two), recording what
 * changed and who changed it (with `update: false`, an existing one is left as it is). A new
 * contact is linked to the account with the same email.
 */
export function saveContact(db: DB, fields: ContactFields, by: string | null, options: { update: boolean } = { update: true }): Promise<{ id: string; created: boolean }> {
  return db.transaction().execute((trx) => saveContactIn(trx, fields, by, options));
}

/** saveContact inside a transaction the caller holds. */
export async function saveContactIn(trx: Trx, fields: ContactFields, by: string | null, options: { update: boolean } = { update: true }): Promise<{ id: string; created: boolean }> {
  const columns = columnsOf(fields);
  const existing = await trx.selectFrom("contacts").selectAll().where("email", "=", columns.email).executeTakeFirst();
  if (existing) {
    // Adding by hand never overwrites a kept contact; an import updates it.
    if (options.update) await applyChanges(trx, existing, fields, by);
    return { id: existing.id, created: false };
  }
  return { id: await insertContact(trx, fields, by, "created"), created: true };
}

/** A new contact, linked to the account with the same email, with its tags and a history row naming how it came. */
async function insertContact(trx: Trx, fields: ContactFields, by: string | null, event: "created" | "imported"): Promise<string> {
  const columns = columnsOf(fields);
  const account = await trx.selectFrom("users").select("id").where("email", "=", columns.email).executeTakeFirst();
  const id = newId();
  const now = nowIso();
  const tags = cleanTags(fields.tags);
  await trx.insertInto("contacts").values({ id, ...columns, user_id: account?.id ?? null, created_at: now, updated_at: now }).execute();
  if (tags.length) await trx.insertInto("contact_tags").values(tags.map((tag) => ({ contact_id: id, tag }))).execute();
  await trx.insertInto("contact_changes").values({ id: newId(), contact_id: id, changed_by: by, changed_at: now, changes: JSON.stringify({ event }) }).execute();
  return id;
}

export interface ImportConsent {
  kind: "express" | "implied-event";
  source: string;
  wording: string | null;
}

/**
 * Saves many contacts (an import) in transactions of 500: each email fills in its contact or makes
 * a new one, with history; with `consent`, each gets a ledger row naming the import's source.
 */
export async function importContacts(db: DB, contacts: ContactFields[], by: string, consent: ImportConsent | null): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  const hash = consent?.wording ? await wordingHash(db, consent.wording) : null;
  for (let i = 0; i < contacts.length; i += 500) {
    await db.transaction().execute(async (trx) => {
      for (const fields of contacts.slice(i, i + 500)) {
        const existing = await trx.selectFrom("contacts").selectAll().where("email", "=", normalizeEmail(fields.email)).executeTakeFirst();
        let id: string;
        if (existing) {
          // An import fills in and adds: a cell left empty keeps what is kept, tags join the kept ones.
          const kept = (await trx.selectFrom("contact_tags").select("tag").where("contact_id", "=", existing.id).execute()).map((t) => t.tag);
          await applyChanges(
            trx,
            existing,
            {
              email: existing.email,
              name: fields.name || existing.name,
              organizationId: fields.organizationId ?? existing.organization_id,
              role: fields.role ?? existing.role,
              region: fields.region ?? existing.region,
              notes: fields.notes ?? existing.notes,
              tags: [...kept, ...fields.tags],
            },
            by,
          );
          id = existing.id;
          updated++;
        } else {
          id = await insertContact(trx, fields, by, "imported");
          created++;
        }
        if (consent) await insertConsent(trx, { contactId: id, kind: consent.kind, method: "import", source: consent.source, wordingHash: hash, recordedBy: by });
      }
    });
  }
  return { created, updated };
}

/** Edits one contact; its email may change only to one no other contact has. */
export async function updateContact(db: DB, id: string, fields: ContactFields, by: string | null): Promise<"saved" | "missing" | "email-taken"> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("contacts").selectAll().where("id", "=", id).executeTakeFirst();
    if (!existing) return "missing";
    const email = normalizeEmail(fields.email);
    if (email !== existing.email && (await trx.selectFrom("contacts").select("id").where("email", "=", email).executeTakeFirst())) return "email-taken";
    await applyChanges(trx, existing, fields, by);
    return "saved";
  });
}

export const getContact = (db: DB, id: string | undefined) => (id ? db.selectFrom("contacts").selectAll().where("id", "=", id).executeTakeFirst() : Promise.resolve(undefined));

/** Possible duplicates: contacts with the same name (case aside) at the same organization (or both at none). */
export async function possibleDuplicates(db: DB) {
  const rows = await db
    .selectFrom("contacts")
    .leftJoin("organizations", "organizations.id", "contacts.organization_id")
    .select(["contacts.id", "contacts.name", "contacts.email", "contacts.organization_id", "contacts.user_id", "contacts.updated_at", "organizations.name as organization"])
    .orderBy("contacts.name")
    .execute();
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.name.trim().toLowerCase()}|${r.organization_id ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * Merges one contact into another: tags joined, consent rows and history moved (nothing in the
 * ledger is lost), notes kept from both, the account link kept; then the merged one is removed.
 * Two contacts with two different accounts are two people: refused.
 */
export async function mergeContacts(db: DB, keepId: string, mergeId: string, by: string): Promise<"merged" | "missing" | "two-accounts"> {
  if (keepId === mergeId) return "missing";
  return db.transaction().execute(async (trx) => {
    const keep = await trx.selectFrom("contacts").selectAll().where("id", "=", keepId).executeTakeFirst();
    const merge = await trx.selectFrom("contacts").selectAll().where("id", "=", mergeId).executeTakeFirst();
    if (!keep || !merge) return "missing";
    if (keep.user_id && merge.user_id && keep.user_id !== merge.user_id) return "two-accounts";
    const tags = [...new Set([...(await trx.selectFrom("contact_tags").select("tag").where("contact_id", "in", [keepId, mergeId]).execute()).map((t) => t.tag)])];
    await trx.deleteFrom("contact_tags").where("contact_id", "in", [keepId, mergeId]).execute();
    if (tags.length) await trx.insertInto("contact_tags").values(tags.map((tag) => ({ contact_id: keepId, tag }))).execute();
    await trx.updateTable("consents").set({ contact_id: keepId }).where("contact_id", "=", mergeId).execute();
    await trx.updateTable("contact_changes").set({ contact_id: keepId }).where("contact_id", "=", mergeId).execute();
    const notes = [keep.notes, merge.notes].filter((n, i, all): n is string => Boolean(n) && all.indexOf(n) === i).join("\n") || null;
    const now = nowIso();
    // The merged contact goes first, so that its account link can move to the one kept.
    await trx.deleteFrom("contacts").where("id", "=", mergeId).execute();
    await trx
      .updateTable("contacts")
      .set({ notes, user_id: keep.user_id ?? merge.user_id, organization_id: keep.organization_id ?? merge.organization_id, role: keep.role ?? merge.role, region: keep.region ?? merge.region, updated_at: now })
      .where("id", "=", keepId)
      .execute();
    await trx.insertInto("contact_changes").values({ id: newId(), contact_id: keepId, changed_by: by, changed_at: now, changes: JSON.stringify({ event: `merged with ${merge.name} <${merge.email}>` }) }).execute();
    return "merged";
  });
}

/** LIKE's wildcards in what was typed are dropped: they are not what people search for. */
const likeOf = (words: string) => `%${words.toLowerCase().replace(/[\\%_]/g, "")}%`;

/** The contacts a filter chooses (a search, a segment, a newsletter's audience), joined with their organization. */
export function contactsMatching(db: DB, filter: ContactFilter) {
  let query = db.selectFrom("contacts").leftJoin("organizations", "organizations.id", "contacts.organization_id");
  if (filter.q) {
    const like = likeOf(filter.q);
    query = query.where((eb) =>
      eb.or([eb(eb.fn("lower", ["contacts.name"]), "like", like), eb("contacts.email", "like", like), eb(eb.fn("lower", ["organizations.name"]), "like", like)]),
    );
  }
  if (filter.tag) query = query.where((eb) => eb.exists(eb.selectFrom("contact_tags").select("contact_tags.tag").whereRef("contact_tags.contact_id", "=", "contacts.id").where("contact_tags.tag", "=", filter.tag.toLowerCase())));
  if (filter.region) query = query.where((eb) => eb.or([eb("contacts.region", "=", filter.region), eb("organizations.region", "=", filter.region)]));
  if (filter.type) query = query.where("organizations.type", "=", filter.type);
  if (filter.sey2kt) query = query.where("organizations.sey2kt", "=", 1);
  if (filter.role) query = query.where(eb => eb(eb.fn("lower", ["contacts.role"]), "like", likeOf(filter.role)));
  if (filter.people === "members") query = query.where("contacts.user_id", "is not", null);
  if (filter.people === "others") query = query.where("contacts.user_id", "is", null);
  if (filter.community) {
    query = query.where((eb) => eb.exists(eb.selectFrom("memberships").select("memberships.user_id").whereRef("memberships.user_id", "=", "contacts.user_id").where("memberships.community_id", "=", filter.community)));
  }
  return query;
}

/** Contacts matching a filter, a page at a time, with the total. */
export async function searchContacts(db: DB, filter: ContactFilter, page: number, pageSize: number) {
  const query = contactsMatching(db, filter);
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await query
    .select(["contacts.id", "contacts.name", "contacts.email", "contacts.role", "contacts.region", "contacts.user_id", "organizations.name as organization"])
    .orderBy("contacts.name")
    .orderBy("contacts.id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, rows };
}

export const tagsOf = async (db: DB, contactId: string) => (await db.selectFrom("contact_tags").select("tag").where("contact_id", "=", contactId).orderBy("tag").execute()).map((t) => t.tag);

export function historyOf(db: DB, contactId: string) {
  return db
    .selectFrom("contact_changes")
    .leftJoin("users", "users.id", "contact_changes.changed_by")
    .select(["contact_changes.id", "contact_changes.changed_at", "contact_changes.changes", "users.name as by"])
    .where("contact_id", "=", contactId)
    .orderBy("changed_at", "desc")
    .orderBy("contact_changes.id")
    .execute();
}

/** The wording shown when consent was given, stored once by its SHA-256. */
export async function wordingHash(db: DB, text: string): Promise<string> {
  const hash = createHash("sha256").update(text).digest("hex");
  await db.insertInto("consent_wordings").values({ hash, text, created_at: nowIso() }).onConflict((oc) => oc.column("hash").doNothing()).execute();
  return hash;
}

export interface ConsentRecord {
  contactId: string;
  kind: ConsentKind;
  method: ConsentMethod;
  source?: string | null;
  /** The words shown, stored once by their hash (or `wordingHash`, when already stored). */
  wording?: string | null;
  wordingHash?: string | null;
  at?: string;
  ip?: string | null;
  userAgent?: string | null;
  recordedBy?: string | null;
}

/**
 * Adds a row to the ledger (rows are never changed); inside the caller's transaction when given one.
 * An unsubscribe also withdraws the person's newsletter copies not yet sent, in the same
 * transaction: it takes effect at once, even in the middle of a send.
 */
export async function recordConsent(db: DB, record: ConsentRecord): Promise<void> {
  const write = async (trx: DB) => {
    await insertConsent(trx, { ...record, wordingHash: record.wording ? await wordingHash(trx, record.wording) : (record.wordingHash ?? null) });
    if (record.kind === "unsubscribe") await trx.updateTable("newsletter_deliveries").set({ status: "withdrawn" }).where("contact_id", "=", record.contactId).where("status", "=", "queued").execute();
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute((trx) => write(trx as DB));
}

async function insertConsent(db: DB, record: Omit<ConsentRecord, "wording">): Promise<void> {
  await db
    .insertInto("consents")
    .values({
      id: newId(),
      contact_id: record.contactId,
      kind: record.kind,
      method: record.method,
      source: record.source ?? null,
      wording_hash: record.wordingHash ?? null,
      at: record.at ?? nowIso(),
      ip: record.ip ?? null,
      user_agent: record.userAgent ?? null,
      recorded_by: record.recordedBy ?? null,
    })
    .execute();
}

/** A contact's ledger, oldest first, with each wording. */
export function ledgerOf(db: DB, contactId: string) {
  return db
    .selectFrom("consents")
    .leftJoin("consent_wordings", "consent_wordings.hash", "consents.wording_hash")
    .leftJoin("users", "users.id", "consents.recorded_by")
    .select(["consents.id", "consents.kind", "consents.method", "consents.source", "consents.at", "consents.ip", "consents.user_agent", "consents.wording_hash", "consent_wordings.text as wording", "users.name as recorded_by"])
    .where("contact_id", "=", contactId)
    .orderBy("at")
    .orderBy("consents.id")
    .execute();
}

/** The ledgers of many contacts at once (kind and time only), by contact. */
export async function consentsOf(db: DB, contactIds: string[]): Promise<Map<string, { kind: ConsentKind; at: string }[]>> {
  const byContact = new Map<string, { kind: ConsentKind; at: string }[]>();
  for (let i = 0; i < contactIds.length; i += 500) {
    const rows = await db.selectFrom("consents").select(["contact_id", "kind", "at"]).where("contact_id", "in", contactIds.slice(i, i + 500)).execute();
    for (const r of rows) byContact.set(r.contact_id, [...(byContact.get(r.contact_id) ?? []), { kind: r.kind, at: r.at }]);
  }
  return byContact;
}

/** Whether a contact may be sent newsletters now, from the ledger. */
export async function consentOf(db: DB, contactId: string, now = new Date()) {
  return consentState(await ledgerOf(db, contactId), now);
}
