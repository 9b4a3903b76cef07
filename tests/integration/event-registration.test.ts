// Event registration on every configured database (SQLite, and PostgreSQL when TEST_DATABASE_URL is
// set), with real interleaving (PostgreSQL's connections, and a delay on every answer): places taken
// never exceed the capacity when 100 people register in the same second; a freed place is offered
// to the first person waiting, held, taken, or passed on when the hold lapses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelRegistration, holdingPlace, lapseOffers, register, registrationCounts, takeOffer } from "../../db/queries/events";
import { openDatabase, type DB } from "../../db/connect";
import { nowIso } from "../../db/time";
import { newId, randomString } from "../../shared/ids";
import { dialects, openTestDatabase, type TestDatabase } from "../helpers/databases";

const newToken = async () => {
  const token = randomString(32);
  return { token, hash: `hash-${token}` };
};

async function newEvent(db: DB, capacity: number, startsInDays = 10): Promise<string> {
  const id = newId();
  const starts = new Date(Date.now() + startsInDays * 86_400_000);
  await db
    .insertInto("events")
    .values({ id, slug: `event-${id}`, title: "Growing Capacity", description: "", starts_at: starts.toISOString(), ends_at: new Date(starts.getTime() + 3 * 3600_000).toISOString(), timezone: "America/Vancouver", mode: "online", venue: null, video_url: null, capacity, registration_opens_at: null, registration_closes_at: null, audience: null, fee_cents: null, hours: 3, status: "published", created_by: null, created_at: nowIso(), updated_at: nowIso() })
    .execute();
  return id;
}

const person = (i: number) => ({ email: `person.${i}@school.example`, name: `Person ${i}`, organization: null, role: null, district: null, userId: null });

describe.each(dialects)("event registration on %s", (dialect) => {
  let t: TestDatabase;
  /**
   * A second handle on the same database whose every answer comes 2 ms late, so that requests
   * interleave. On PostgreSQL it is a second pool, as a second node would have; on SQLite (one
   * process, one connection: a second writer in the same process is not how the platform runs)
   * the same handle, slowed.
   */
  let slow: DB;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    slow = dialect === "postgres" ? openDatabase(t.url, { schema: t.schema, latencyMs: 2 }).db : t.db;
  });
  afterAll(async () => {
    if (slow !== t.db) await slow?.destroy();
    await t?.close();
  });

  it("never books more than the places when 100 people register in the same second", async () => {
    const eventId = await newEvent(t.db, 30);
    const handles = [t.db, slow];
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => register(handles[i % 2], dialect, eventId, person(i), `hash-${i}`)));
    const outcomes = results.map((r) => r.outcome);
    const registered = outcomes.filter((o) => o === "registered").length;
    const waitlisted = outcomes.filter((o) => o === "waitlisted").length;
    console.log(`event registration on ${dialect}: 100 tried at once for 30 places: ${registered} registered, ${waitlisted} waitlisted, overbooked ${Math.max(0, registered - 30)}`);
    expect({ registered, waitlisted }).toEqual({ registered: 30, waitlisted: 70 });
    const counts = await registrationCounts(t.db, eventId);
    expect(counts.registered).toBe(30);
    expect(counts.waitlisted).toBe(70);
    // The waitlist keeps the order people were written in, without gaps or repeats.
    const positions = (await t.db.selectFrom("event_registrations").select("position").where("event_id", "=", eventId).orderBy("position").execute()).map((r) => Number(r.position));
    expect(positions).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it("registers an email once, however often and however typed", async () => {
    const eventId = await newEvent(t.db, 5);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => register(i % 2 ? slow : t.db, dialect, eventId, { ...person(1), email: i % 3 ? "Same.Person@School.example " : "same.person@school.example" }, `hash-same-${i}`)));
    expect(results.filter((r) => r.outcome === "registered")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "already")).toHaveLength(9);
  });

  it("offers a freed place to the first person waiting; the offer is taken, or lapses and passes on", async () => {
    const eventId = await newEvent(t.db, 2);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await register(t.db, dialect, eventId, person(100 + i), `hash-offer-${i}`);
      if ("registrationId" in r) ids.push(r.registrationId);
    }
    // Two cancel at once: the first two waiting are offered the places, in order.
    const cancelled = await Promise.all([cancelRegistration(t.db, dialect, ids[0], newToken), cancelRegistration(slow, dialect, ids[1], newToken)]);
    const offered = cancelled.flatMap((c) => (c.outcome === "cancelled" ? c.offers : [])).map((o) => o.email).sort();
    expect(offered).toEqual(["person.102@school.example", "person.103@school.example"]);
    expect((await registrationCounts(t.db, eventId)).offered).toBe(2);
    // Cancelling again changes nothing.
    expect((await cancelRegistration(t.db, dialect, ids[0], newToken)).outcome).toBe("already");
    expect(await takeOffer(t.db, dialect, ids[2])).toBe("registered");
    // The other offer's hold passes: it lapses and the place goes to the next person waiting, once
    // however many nodes look at the same moment.
    await t.db.updateTable("event_registrations").set({ offered_until: new Date(Date.now() - 1000).toISOString() }).where("id", "=", ids[3]).execute();
    const lapsed = await Promise.all([lapseOffers(t.db, dialect, newToken), lapseOffers(slow, dialect, newToken)]);
    expect(lapsed.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await takeOffer(t.db, dialect, ids[3])).toBe("not-offered");
    const rows = await t.db.selectFrom("event_registrations").select(["email", "status"]).where("event_id", "=", eventId).orderBy("position").execute();
    expect(rows.map((r) => r.status)).toEqual(["cancelled", "cancelled", "registered", "lapsed", "offered"]);
    const taken = await t.db.selectFrom("event_registrations").select((eb) => eb.fn.countAll<number>().as("n")).where("event_id", "=", eventId).where("status", "in", holdingPlace).executeTakeFirstOrThrow();
    expect(Number(taken.n)).toBe(2);
  });

  it("refuses registration before it opens, after it closes, and for a cancelled event", async () => {
    const eventId = await newEvent(t.db, 5);
    await t.db.updateTable("events").set({ registration_opens_at: new Date(Date.now() + 86_400_000).toISOString() }).where("id", "=", eventId).execute();
    expect((await register(t.db, dialect, eventId, person(200), "hash-200")).outcome).toBe("not-open");
    await t.db.updateTable("events").set({ registration_opens_at: null, registration_closes_at: new Date(Date.now() - 1000).toISOString() }).where("id", "=", eventId).execute();
    expect((await register(t.db, dialect, eventId, person(200), "hash-201")).outcome).toBe("closed");
    await t.db.updateTable("events").set({ registration_closes_at: null, status: "cancelled" }).where("id", "=", eventId).execute();
    expect((await register(t.db, dialect, eventId, person(200), "hash-202")).outcome).toBe("cancelled");
  });
});
