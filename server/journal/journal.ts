// Each person's reflective journal, sealed at rest. A person has a journal key of their own
// (random, 32 bytes), sealed with the server's current key and bound to them; every entry (its
// date, domain, prompt and text) is sealed with that key and bound to the entry and its author.
// Every read is by author: no query here takes anyone else's id, so no role (admin, facilitator)
// can read another person's journal through it. Search and export open the author's entries in
// memory (an index would be readable without the key).
import { randomBytes } from "node:crypto";
import type { DB } from "../../db/connect";
import { nowIso } from "../../db/time";
import { newId } from "../../shared/ids";
import type { EntryContent, JournalEntry } from "../../shared/journal/entries";
import { keyBytes, open, seal } from "./seal";
import type { ServerKeys } from "./serverKeys";

const keyBinding = (userId: string) => `journal-key:${userId}`;
const entryBinding = (userId: string, entryId: string) => `journal-entry:${userId}:${entryId}`;

export class Journal {
  constructor(
    private readonly db: DB,
    private readonly keys: ServerKeys,
  ) {}

  /** The person's journal key, made on first use; one sealed with an earlier server key is resealed with the current one. */
  private async personalKey(userId: string): Promise<Buffer> {
    let row = await this.db.selectFrom("journal_keys").select(["server_key_id", "sealed_key"]).where("user_id", "=", userId).executeTakeFirst();
    if (!row) {
      const now = nowIso();
      const sealed = seal(this.keys.current.key, randomBytes(keyBytes), keyBinding(userId));
      // Two first entries at once: one key wins, and both use it.
      await this.db.insertInto("journal_keys").values({ user_id: userId, server_key_id: this.keys.current.id, sealed_key: sealed, created_at: now, updated_at: now }).onConflict((oc) => oc.column("user_id").doNothing()).execute();
      row = await this.db.selectFrom("journal_keys").select(["server_key_id", "sealed_key"]).where("user_id", "=", userId).executeTakeFirstOrThrow();
    }
    const serverKey = this.keys.byId.get(row.server_key_id);
    if (!serverKey) throw new Error(`journal key of ${userId} is sealed with an unknown server key (${row.server_key_id}); set JOURNAL_KEYS_PREVIOUS`);
    const key = open(serverKey.key, row.sealed_key, keyBinding(userId));
    if (serverKey.id !== this.keys.current.id) await this.reseal(userId, row.server_key_id, key);
    return key;
  }

  private async reseal(userId: string, fromKeyId: string, key: Buffer): Promise<void> {
    await this.db
      .updateTable("journal_keys")
      .set({ server_key_id: this.keys.current.id, sealed_key: seal(this.keys.current.key, key, keyBinding(userId)), updated_at: nowIso() })
      .where("user_id", "=", userId)
      .where("server_key_id", "=", fromKeyId)
      .execute();
  }

  async add(userId: string, content: EntryContent): Promise<string> {
    const key = await this.personalKey(userId);
    const id = newId();
    const now = nowIso();
    await this.db.insertInto("journal_entries").values({ id, user_id: userId, sealed: sealContent(key, userId, id, content), created_at: now, updated_at: now }).execute();
    return id;
  }

  async update(userId: string, id: string, content: EntryContent): Promise<boolean> {
    const key = await this.personalKey(userId);
    const result = await this.db.updateTable("journal_entries").set({ sealed: sealContent(key, userId, id, content), updated_at: nowIso() }).where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("journal_entries").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /** One of the author's own entries; null for anyone else's (or none). */
  async get(userId: string, id: string): Promise<JournalEntry | null> {
    const row = await this.db.selectFrom("journal_entries").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
    if (!row) return null;
    return openRow(await this.personalKey(userId), row);
  }

  async all(userId: string): Promise<JournalEntry[]> {
    const rows = await this.db.selectFrom("journal_entries").selectAll().where("user_id", "=", userId).execute();
    if (rows.length === 0) return [];
    const key = await this.personalKey(userId);
    return rows.map((row) => openRow(key, row));
  }

  /**
   * Reseals every journal key with the current server key (the last step of a rotation: after it,
   * the earlier key may be forgotten). Returns how many were resealed.
   */
  async resealAll(): Promise<number> {
    const rows = await this.db.selectFrom("journal_keys").select(["user_id", "server_key_id", "sealed_key"]).where("server_key_id", "!=", this.keys.current.id).execute();
    for (const row of rows) {
      const serverKey = this.keys.byId.get(row.server_key_id);
      if (!serverKey) throw new Error(`journal key of ${row.user_id} is sealed with an unknown server key (${row.server_key_id})`);
      await this.reseal(row.user_id, row.server_key_id, open(serverKey.key, row.sealed_key, keyBinding(row.user_id)));
    }
    return rows.length;
  }
}

function sealContent(key: Buffer, userId: string, id: string, content: EntryContent): string {
  return seal(key, Buffer.from(JSON.stringify(content), "utf8"), entryBinding(userId, id));
}

function openRow(key: Buffer, row: { id: string; user_id: string; sealed: string; created_at: string; updated_at: string }): JournalEntry {
  const content = JSON.parse(open(key, row.sealed, entryBinding(row.user_id, row.id)).toString("utf8")) as EntryContent;
  return { ...content, id: row.id, createdAt: row.created_at, updatedAt: row.updated_at };
}
