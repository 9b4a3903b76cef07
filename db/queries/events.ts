// Events with registration and a waitlist. Every change that takes or frees a place runs in a
// transaction that first locks the event's row (FOR UPDATE on PostgreSQL; SQLite runs one write
// transaction at a time), counts the places taken (registered, or offered and held) and only then
// writes: so places taken never exceed the capacity, however many people register in the same
// second. A freed place is offered to the first person waiting, held for the event's hold time;
// an offer not taken lapses and passes on. The emails each change causes are recorded in the
// same transaction (the outbox) and sent after it commits.
import type { Transaction } from "kysely";
import type { DB, Dialect } from "../connect";
import type { Database, EventRow, RegistrationStatus } from "../schema";
import { nowIso } from "../time";
import { newId } from "../../shared/ids";
import { normalizeEmail } from "./users";
import { slugify } from "./communities";

type Trx = Transaction<Database>;

export interface NewEvent {
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  mode: EventRow["mode"];
  venue: string | null;
  videoUrl: string | null;
  capacity: number;
  opensAt: Date | null;
  closesAt: Date | null;
  audience: string | null;
  feeCents: number | null;
  hours: number;
  /** Unlisted events (a district's training sessions) are reached by their link only. */
  listed: boolean;
  trainingRequestId?: string | null;
  roomPath?: string | null;
  createdBy: string | null;
}

/** Publishes an event (in `trx` when given); its address is its title's words and part of its id. */
export async function createEvent(db: DB | Trx, e: NewEvent): Promise<{ id: string; slug: string }> {
  const id = newId();
  const slug = `${slugify(e.title, "event")}-${id.slice(0, 6)}`;
  const now = nowIso();
  await db
    .insertInto("events")
    .values({
      id,
      slug,
      title: e.title,
      description: e.description,
      starts_at: e.startsAt.toISOString(),
      ends_at: e.endsAt.toISOString(),
      timezone: e.timezone,
      mode: e.mode,
      venue: e.mode === "online" ? null : e.venue,
      video_url: e.mode === "online" ? e.videoUrl : null,
      capacity: e.capacity,
      registration_opens_at: e.opensAt?.toISOString() ?? null,
      registration_closes_at: e.closesAt?.toISOString() ?? null,
      audience: e.audience,
      fee_cents: e.feeCents,
      hours: e.hours,
      status: "published",
      listed: e.listed ? 1 : 0,
      training_request_id: e.trainingRequestId ?? null,
      room_path: e.mode === "online" ? (e.roomPath ?? null) : null,
      created_by: e.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, slug };
}

/** Statuses that hold a place. */
export const holdingPlace: RegistrationStatus[] = ["registered", "offered"];

export interface Registrant {
  email: string;
  name: string;
  organization: string | null;
  role: string | null;
  district: string | null;
  userId: string | null;
}

/** The event's row, locked for the rest of the transaction (PostgreSQL); SQLite serializes writers itself. */
async function lockedEvent(trx: Trx, dialect: Dialect, eventId: string) {
  let query = trx.selectFrom("events").selectAll().where("id", "=", eventId);
  if (dialect === "postgres") query = query.forUpdate();
  return query.executeTakeFirst();
}

async function placesTaken(trx: Trx, eventId: string): Promise<number> {
  const row = await trx.selectFrom("event_registrations").select((eb) => eb.fn.countAll<number>().as("n")).where("event_id", "=", eventId).where("status", "in", holdingPlace).executeTakeFirstOrThrow();
  return Number(row.n);
}

export type RegistrationOutcome =
  | { outcome: "registered" | "waitlisted"; registrationId: string; event: EventRow; position: number }
  | { outcome: "already"; status: RegistrationStatus; event: EventRow }
  | { outcome: "not-open" | "closed" | "missing" | "cancelled" };

/** Whether registration is open now: published, before it starts, within its window. */
export function registrationWindow(event: Pick<EventRow, "status" | "starts_at" | "registration_opens_at" | "registration_closes_at">, now = nowIso()): "open" | "not-open" | "closed" | "cancelled" {
  if (event.status === "cancelled") return "cancelled";
  if (event.registration_opens_at && now < event.registration_opens_at) return "not-open";
  if ((event.registration_closes_at && now >= event.registration_closes_at) || now >= event.starts_at) return "closed";
  return "open";
}

/**
 * Registers a person (by email, once per event): a place when one is free, else the waitlist in
 * the order people asked. `afterWrite` runs inside the transaction (to record the emails).
 */
export async function register(
  db: DB,
  dialect: Dialect,
  eventId: string,
  person: Registrant,
  tokenHash: string,
  afterWrite?: (trx: Trx, result: Extract<RegistrationOutcome, { registrationId: string }>) => Promise<void>,
): Promise<RegistrationOutcome> {
  return db.transaction().execute(async (trx) => {
    const event = await lockedEvent(trx, dialect, eventId);
    if (!event) return { outcome: "missing" as const };
    const window = registrationWindow(event);
    if (window !== "open") return { outcome: window };
    const email = normalizeEmail(person.email);
    const existing = await trx.selectFrom("event_registrations").select(["id", "status"]).where("event_id", "=", eventId).where("email", "=", email).executeTakeFirst();
    if (existing && existing.status !== "cancelled" && existing.status !== "lapsed") return { outcome: "already" as const, status: existing.status, event };
    const status: RegistrationStatus = (await placesTaken(trx, eventId)) < event.capacity ? "registered" : "waitlisted";
    const last = await trx.selectFrom("event_registrations").select((eb) => eb.fn.max("position").as("p")).where("event_id", "=", eventId).executeTakeFirstOrThrow();
    const position = Number(last.p ?? 0) + 1;
    const now = nowIso();
    const fields = { name: person.name.trim(), organization: person.organization, role: person.role, district: person.district, user_id: person.userId, status, position, offered_until: null, token_hash: tokenHash, attended_at: null, reminded_at: null, updated_at: now };
    let registrationId: string;
    if (existing) {
      registrationId = existing.id;
      await trx.updateTable("event_registrations").set(fields).where("id", "=", existing.id).execute();
    } else {
      registrationId = newId();
      await trx.insertInto("event_registrations").values({ id: registrationId, event_id: eventId, email, created_at: now, ...fields }).execute();
    }
    const result = { outcome: status, registrationId, event, position } as Extract<RegistrationOutcome, { registrationId: string }>;
    await afterWrite?.(trx, result);
    return result;
  });
}

export interface Offer {
  registrationId: string;
  email: string;
  name: string;
  offeredUntil: string;
  event: EventRow;
  /** The new secret of the registration's links (the offer email carries it). */
  token: string;
}

/**
 * Offers the places free now to the first people waiting, each held for the event's hold time.
 * Inside a transaction that holds the event's row. `newToken` makes each offer's link secret.
 */
async function offerFreePlaces(trx: Trx, event: EventRow, newToken: () => Promise<{ token: string; hash: string }>): Promise<Offer[]> {
  const offers: Offer[] = [];
  let free = event.capacity - (await placesTaken(trx, event.id));
  while (free > 0) {
    const next = await trx.selectFrom("event_registrations").select(["id", "email", "name"]).where("event_id", "=", event.id).where("status", "=", "waitlisted").orderBy("position").limit(1).executeTakeFirst();
    if (!next) break;
    const offeredUntil = new Date(Date.now() + event.offer_hold_hours * 3600_000).toISOString();
    const { token, hash } = await newToken();
    await trx.updateTable("event_registrations").set({ status: "offered", offered_until: offeredUntil, token_hash: hash, updated_at: nowIso() }).where("id", "=", next.id).where("status", "=", "waitlisted").execute();
    offers.push({ registrationId: next.id, email: next.email, name: next.name, offeredUntil, event, token });
    free--;
  }
  return offers;
}

export type CancelOutcome = { outcome: "cancelled"; offers: Offer[]; event: EventRow } | { outcome: "already" | "missing" };

/** Cancels a registration (or leaves the waitlist); a place it held goes to the first person waiting. */
export async function cancelRegistration(
  db: DB,
  dialect: Dialect,
  registrationId: string,
  newToken: () => Promise<{ token: string; hash: string }>,
  afterWrite?: (trx: Trx, offers: Offer[]) => Promise<void>,
): Promise<CancelOutcome> {
  return db.transaction().execute(async (trx) => {
    const registration = await trx.selectFrom("event_registrations").select(["event_id"]).where("id", "=", registrationId).executeTakeFirst();
    if (!registration) return { outcome: "missing" as const };
    const event = await lockedEvent(trx, dialect, registration.event_id);
    if (!event) return { outcome: "missing" as const };
    const changed = await trx
      .updateTable("event_registrations")
      .set({ status: "cancelled", offered_until: null, updated_at: nowIso() })
      .where("id", "=", registrationId)
      .where("status", "in", ["registered", "waitlisted", "offered"])
      .executeTakeFirst();
    if (!Number(changed.numUpdatedRows)) return { outcome: "already" as const };
    const offers = registrationWindow(event) === "cancelled" || nowIso() >= event.starts_at ? [] : await offerFreePlaces(trx, event, newToken);
    await afterWrite?.(trx, offers);
    return { outcome: "cancelled" as const, offers, event };
  });
}

/** Takes an offered place while its hold lasts. */
export async function takeOffer(db: DB, dialect: Dialect, registrationId: string): Promise<"registered" | "lapsed" | "not-offered"> {
  return db.transaction().execute(async (trx) => {
    const registration = await trx.selectFrom("event_registrations").select(["event_id"]).where("id", "=", registrationId).executeTakeFirst();
    if (!registration) return "not-offered" as const;
    await lockedEvent(trx, dialect, registration.event_id);
    const row = await trx.selectFrom("event_registrations").select(["status", "offered_until"]).where("id", "=", registrationId).executeTakeFirstOrThrow();
    if (row.status !== "offered") return "not-offered" as const;
    if (!row.offered_until || row.offered_until <= nowIso()) return "lapsed" as const;
    await trx.updateTable("event_registrations").set({ status: "registered", offered_until: null, updated_at: nowIso() }).where("id", "=", registrationId).where("status", "=", "offered").execute();
    return "registered" as const;
  });
}

/**
 * Offers whose hold has passed lapse, and their places pass to the next people waiting; each event
 * in its own transaction holding its row, so two nodes running this at once lapse each offer once.
 */
export async function lapseOffers(db: DB, dialect: Dialect, newToken: () => Promise<{ token: string; hash: string }>, afterWrite?: (trx: Trx, offers: Offer[]) => Promise<void>): Promise<number> {
  const now = nowIso();
  const events = await db.selectFrom("event_registrations").select("event_id").distinct().where("status", "=", "offered").where("offered_until", "<=", now).execute();
  let lapsed = 0;
  for (const { event_id } of events) {
    await db.transaction().execute(async (trx) => {
      const event = await lockedEvent(trx, dialect, event_id);
      if (!event) return;
      const result = await trx.updateTable("event_registrations").set({ status: "lapsed", offered_until: null, updated_at: nowIso() }).where("event_id", "=", event_id).where("status", "=", "offered").where("offered_until", "<=", now).executeTakeFirst();
      lapsed += Number(result.numUpdatedRows);
      const offers = nowIso() >= event.starts_at ? [] : await offerFreePlaces(trx, event, newToken);
      await afterWrite?.(trx, offers);
    });
  }
  return lapsed;
}

export async function registrationCounts(db: DB, eventId: string): Promise<Record<RegistrationStatus, number>> {
  const rows = await db.selectFrom("event_registrations").select(["status", (eb) => eb.fn.countAll<number>().as("n")]).where("event_id", "=", eventId).groupBy("status").execute();
  const counts: Record<RegistrationStatus, number> = { registered: 0, waitlisted: 0, offered: 0, cancelled: 0, lapsed: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
