// Notices to people: a notification in the platform (the bell) and, for those who chose it, an
// email. The notification row is the claim: one per person and key ("reminder:<series>/<date>"),
// written in the same transaction as its email, so that two nodes, a retried job or a double
// click never send a notice twice, and a crash never leaves a claimed notice unsent.
import type { DB } from "../db/connect";
import type { NotificationKind } from "../db/schema";
import { nowIso } from "../db/time";
import { newId } from "../shared/ids";
import type { Services } from "./services";

export interface Notice {
  userId: string;
  kind: NotificationKind;
  /** What it is about; a second notice with the same key for the same person is not sent. */
  key: string;
  title: string;
  body: string;
  /** A path on this site, made absolute in the email. */
  href: string;
  /** In the bell only: its email is sent on its own (an invitation's, which carries the link). */
  bellOnly?: boolean;
}

/** Records each notice once per person, queues the emails of those who want them, then sends. Returns how many were new. */
export async function notify(services: Pick<Services, "db" | "mailer" | "origin">, notices: Notice[]): Promise<number> {
  if (notices.length === 0) return 0;
  const { db, mailer } = services;
  const origin = services.origin();
  const emails: string[] = [];
  let created = 0;
  await db.transaction().execute(async (trx) => {
    const people = new Map(
      (await trx.selectFrom("users").select(["id", "email", "name", "email_notices"]).where("id", "in", [...new Set(notices.map((n) => n.userId))]).execute()).map((u) => [u.id, u]),
    );
    for (const notice of notices) {
      const person = people.get(notice.userId);
      if (!person) continue;
      const inserted = await trx
        .insertInto("notifications")
        .values({ id: newId(), user_id: notice.userId, kind: notice.kind, key: notice.key.slice(0, 300), title: notice.title.slice(0, 300), body: notice.body.slice(0, 4000), href: notice.href, created_at: nowIso(), read_at: null })
        .onConflict((oc) => oc.columns(["user_id", "key"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) continue;
      created++;
      if (!person.email_notices || notice.bellOnly) continue;
      const text = `Hello ${person.name},\n\n${notice.body}\n\n${origin}${notice.href}\n\n—\nYou get these emails from CSL Commons. To have notices only on the site, change your settings: ${origin}/settings`;
      emails.push(await mailer.record(trx as DB, { to: person.email, kind: "notification", subject: notice.title, text }));
    }
  });
  mailer.release(emails);
  return created;
}

export async function unreadCount(db: DB, userId: string): Promise<number> {
  const row = await db.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).where("read_at", "is", null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function recentNotifications(db: DB, userId: string, limit = 50) {
  return db.selectFrom("notifications").selectAll().where("user_id", "=", userId).orderBy("created_at", "desc").orderBy("id").limit(limit).execute();
}

export async function markRead(db: DB, userId: string, ids: string[] | "all"): Promise<void> {
  let query = db.updateTable("notifications").set({ read_at: nowIso() }).where("user_id", "=", userId).where("read_at", "is", null);
  if (ids !== "all") {
    if (ids.length === 0) return;
    query = query.where("id", "in", ids);
  }
  await query.execute();
}
