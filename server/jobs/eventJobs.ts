// Event work done by the clock: offers whose hold has passed lapse and pass on (each once, from any
// number of nodes: decided under the event's row lock), and a reminder the day before to each person
// registered (claimed by setting reminded_at in the transaction that records its email).
import { lapseOffers } from "../../db/queries/events";
import { nowIso } from "../../db/time";
import { newSecretToken } from "../auth/tokens";
import { recordOfferEmails, whenOf } from "../eventNotices";
import type { Services } from "../services";
import type { DB } from "../../db/connect";

export async function passOnLapsedOffers(services: Pick<Services, "db" | "dialect" | "mailer" | "origin">): Promise<number> {
  const emails: string[] = [];
  const origin = services.origin();
  const lapsed = await lapseOffers(services.db, services.dialect, newSecretToken, async (trx, offers) => {
    emails.push(...(await recordOfferEmails(trx, services.mailer, origin, offers)));
  });
  services.mailer.release(emails);
  return lapsed;
}

export async function sendEventReminders(services: Pick<Services, "db" | "mailer" | "origin">): Promise<number> {
  const { db, mailer } = services;
  const now = new Date();
  const soon = new Date(now.getTime() + 24 * 3600_000).toISOString();
  const due = await db
    .selectFrom("event_registrations")
    .innerJoin("events", "events.id", "event_registrations.event_id")
    .select(["event_registrations.id", "event_registrations.email", "event_registrations.name", "events.id as event_id"])
    .where("event_registrations.status", "=", "registered")
    .where("event_registrations.reminded_at", "is", null)
    .where("events.status", "=", "published")
    .where("events.starts_at", ">", now.toISOString())
    .where("events.starts_at", "<=", soon)
    .limit(1000)
    .execute();
  const emails: string[] = [];
  const origin = services.origin();
  for (const r of due) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx.updateTable("event_registrations").set({ reminded_at: nowIso() }).where("id", "=", r.id).where("reminded_at", "is", null).where("status", "=", "registered").executeTakeFirst();
      if (!Number(claimed.numUpdatedRows)) return;
      const event = await trx.selectFrom("events").selectAll().where("id", "=", r.event_id).executeTakeFirstOrThrow();
      const room = event.room_path ? `\nMembers of the community meeting with it join in its live room: ${origin}${event.room_path}` : "";
      const where = (event.mode === "online" ? (event.video_url ? `Join online: ${event.video_url}` : `Online: the way to join is on the event's page, ${origin}/events/${event.slug}`) : `At ${event.venue}.`) + room;
      emails.push(await mailer.record(trx as unknown as DB, { to: r.email, kind: "event-registration", subject: `Tomorrow: ${event.title}`, text: `Hello ${r.name},\n\nA reminder: ${event.title}, ${whenOf(event)}.\n${where}\n\nThe event's page: ${origin}/events/${event.slug}` }));
    });
  }
  mailer.release(emails);
  return emails.length;
}
