// The emails an event registration causes, recorded in the transaction that changed the place (so
// that each is sent once, and only for what was stored) and released after it commits. Links are
// absolute, from PUBLIC_URL; the confirmation carries the event's calendar file.
import type { Transaction } from "kysely";
import type { Database, EventRow } from "../db/schema";
import type { DB } from "../db/connect";
import type { Offer } from "../db/queries/events";
import { buildCalendar } from "../shared/ics";
import { formatMeetingTime, formatDateTime } from "../shared/format";
import type { Services } from "./services";

export const eventCalendar = (event: EventRow, origin: string) =>
  buildCalendar(event.title, [
    {
      uid: `event-${event.id}@csl-commons`,
      sequence: event.sequence,
      title: event.title,
      description: `${origin}/events/${event.slug}`,
      startsAt: event.starts_at,
      endsAt: event.ends_at,
      cancelled: event.status === "cancelled",
      url: `${origin}/events/${event.slug}`,
      location: event.mode === "online" ? "Online" : event.venue,
    },
  ]);

export const whenOf = (event: EventRow) => {
  const { date, time } = formatMeetingTime(event.starts_at, event.ends_at, event.timezone);
  return `${date}, ${time}`;
};

const where = (event: EventRow) => (event.mode === "online" ? "Online: the link to join comes in the reminder the day before." : `At ${event.venue ?? "the venue on the event's page"}.`);

type Mailer = Services["mailer"];

export async function recordRegistrationEmail(trx: Transaction<Database>, mailer: Mailer, origin: string, event: EventRow, to: { email: string; name: string }, token: string, status: "registered" | "waitlisted", waitingAhead: number): Promise<string> {
  const manage = `${origin}/events/registration/${token}`;
  const text =
    status === "registered"
      ? `Hello ${to.name},\n\nYou are registered for ${event.title}, ${whenOf(event)}.\n${where(event)}\nThe calendar file is attached.\n\nIf you cannot come, please free your place for someone on the waitlist:\n${manage}\n\nThe event's page: ${origin}/events/${event.slug}`
      : `Hello ${to.name},\n\n${event.title} (${whenOf(event)}) is full, so you are on its waitlist${waitingAhead ? ` with ${waitingAhead} ${waitingAhead === 1 ? "person" : "people"} before you` : ", first in line"}. If a place frees, we will email you and hold it for you for ${event.offer_hold_hours} hours.\n\nTo leave the waitlist:\n${manage}`;
  return mailer.record(trx as unknown as DB, {
    to: to.email,
    kind: "event-registration",
    subject: status === "registered" ? `Registered: ${event.title}` : `Waitlist: ${event.title}`,
    text,
    secretExpiresAt: event.ends_at,
    calendar: status === "registered" ? eventCalendar(event, origin) : undefined,
  });
}

export async function recordOfferEmails(trx: Transaction<Database>, mailer: Mailer, origin: string, offers: Offer[]): Promise<string[]> {
  const ids: string[] = [];
  for (const offer of offers) {
    const link = `${origin}/events/registration/${offer.token}`;
    ids.push(
      await mailer.record(trx as unknown as DB, {
        to: offer.email,
        kind: "event-registration",
        subject: `A place is yours: ${offer.event.title}`,
        text: `Hello ${offer.name},\n\nA place has freed for ${offer.event.title}, ${whenOf(offer.event)}, and it is held for you until ${formatDateTime(offer.offeredUntil, offer.event.timezone)}.\n\nTake it (or give it up) here:\n${link}\n\nAfter that it passes to the next person waiting. (This link replaces the one in our earlier email.)`,
        secretExpiresAt: offer.event.ends_at,
      }),
    );
  }
  return ids;
}
