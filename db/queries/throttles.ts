// Attempt counters for throttling (server/auth/throttle.ts), one row per key. Counting is one
// atomic upsert, so concurrent requests on any node never lose a count.
import { sql } from "kysely";
import type { DB } from "../connect";
import { nowIso } from "../time";

export interface Count {
  count: number;
  lockedUntil: string | null;
}

/** Adds one to the key's count in a window of `windowMs` (a new window starts at 1). */
export async function countAttempt(db: DB, key: string, windowMs: number): Promise<number> {
  const now = nowIso();
  const windowStart = new Date(Date.now() - windowMs).toISOString();
  const row = await db
    .insertInto("throttles")
    .values({ key, count: 1, window_started_at: now, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        count: sql<number>`case when throttles.window_started_at < ${windowStart} then 1 else throttles.count + 1 end`,
        window_started_at: sql<string>`case when throttles.window_started_at < ${windowStart} then ${now} else throttles.window_started_at end`,
        updated_at: now,
      }),
    )
    .returning("count")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function readCount(db: DB, key: string, windowMs: number): Promise<Count> {
  const row = await db.selectFrom("throttles").select(["count", "window_started_at", "locked_until"]).where("key", "=", key).executeTakeFirst();
  if (!row) return { count: 0, lockedUntil: null };
  const inWindow = Date.parse(row.window_started_at) > Date.now() - windowMs;
  return { count: inWindow ? Number(row.count) : 0, lockedUntil: row.locked_until };
}

export async function lockUntil(db: DB, key: string, until: string): Promise<void> {
  await db.updateTable("throttles").set({ locked_until: until }).where("key", "=", key).execute();
}

export async function clearCount(db: DB, key: string): Promise<void> {
  await db.deleteFrom("throttles").where("key", "=", key).execute();
}

export async function deleteStaleCounts(db: DB, olderThan: string): Promise<void> {
  await db
    .deleteFrom("throttles")
    .where("updated_at", "<", olderThan)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", nowIso())]))
    .execute();
}
