// Events against a started server and a real SMTP server (SQLite, and PostgreSQL in CI): a
// coordinator publishes one; 100 people register through the public page in the same second for 30
// places; the confirmation carries the calendar file and a link that frees the place, which is
// offered to the first person waiting, who takes it; robots and members are kept out of what is not theirs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";
import { startSmtp, type TestSmtp } from "../helpers/smtp";
import { until } from "../helpers/wait";
import { registrationCounts } from "../../db/queries/events";
import { passOnLapsedOffers, sendEventReminders } from "../../server/jobs/eventJobs";

const publicUrl = "https://csl.example.org";
let smtp: TestSmtp;
let server: TestServer;
let admin: Visitor;

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startTestServer({ env: { SMTP_URL: smtp.url, PUBLIC_URL: publicUrl } });
  admin = new Visitor(server.url);
  await admin.signIn("admin@csl-commons.example");
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const unfolded = (body: string) => body.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
const linkIn = (body: string) => /https:\/\/csl\.example\.org\/events\/registration\/([a-z2-9]{32})/.exec(unfolded(body))?.[1];
const mailTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

describe("events", () => {
  let path: string;
  let eventId: string;

  it("a coordinator publishes an event; 100 register in the same second for 30 places: 30 in, 70 waiting, none overbooked", async () => {
    const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const bad = await admin.post("/network/events", { title: "Growing Capacity", description: "", start: `${day}T15:30`, end: `${day}T14:00`, mode: "in-person", venue: "", capacity: "300", hours: "3", fee: "-5", audience: "" });
    expect(bad.status).toBe(400);
    const text = visibleText(bad.html);
    for (const words of ["At most 250 places.", "Say where it happens.", "The fee cannot be negative."]) expect(text).toContain(words);
    const lateClose = visibleText((await admin.post("/network/events", { title: "Late", description: "", start: `${day}T15:30`, end: `${day}T18:30`, mode: "online", venue: "", videoUrl: "javascript:alert(1)", closes: `${day}T19:00`, capacity: "30", hours: "3", fee: "0", audience: "" })).html);
    expect(lateClose).toContain("Registration closes by the start at the latest.");
    expect(lateClose).toContain("Give the video link as an https:// address.");
    const made = await admin.post("/network/events", { title: "Growing Capacity: a circle on the iceberg", description: "We **practise** together.", start: `${day}T15:30`, end: `${day}T18:30`, mode: "online", venue: "", videoUrl: "https://video.example.org/growing-capacity", closes: "", capacity: "30", hours: "3", fee: "0", audience: "Educators" });
    expect(made.status).toBe(302);
    path = made.location!;
    const event = await server.services.db.selectFrom("events").selectAll().where("slug", "=", path.split("/").at(-1)!).executeTakeFirstOrThrow();
    eventId = event.id;
    // 3:30 p.m. Pacific Time is 22:30 UTC all year.
    expect(event.starts_at).toBe(`${day}T22:30:00.000Z`);
    const page = visibleText((await new Visitor(server.url).page(path)).html);
    expect(page).toContain("3:30 p.m. – 6:30 p.m. Pacific Time");
    expect(page).toContain("30 places left.");

    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => new Visitor(server.url).post(path, { name: `Person ${i}`, email: `person.${i}@school.example`, organization: "SD 61 Greater Victoria", role: "Teacher", district: "61", website: "" }, { "x-forwarded-for": `10.0.${Math.floor(i / 250)}.${i % 250}` })),
    );
    const said = responses.map((r) => visibleText(r.html));
    const registered = said.filter((t) => t.includes("You are registered.")).length;
    const waitlisted = said.filter((t) => t.includes("you are on its waitlist")).length;
    console.log(`events over HTTP on ${server.services.dialect}: 100 registrations tried at once for 30 places: ${registered} registered, ${waitlisted} waitlisted, overbooked ${Math.max(0, registered - 30)}`);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect({ registered, waitlisted }).toEqual({ registered: 30, waitlisted: 70 });
    expect(await registrationCounts(server.services.db, eventId)).toMatchObject({ registered: 30, waitlisted: 70, offered: 0 });
    expect(visibleText((await new Visitor(server.url).page(path)).html)).toContain("The event is full: register to join the waitlist.");
  }, 30_000);

  it("confirms with the calendar file and a link that frees the place, which goes to the first person waiting", async () => {
    const first = (await server.services.db.selectFrom("event_registrations").select("email").where("event_id", "=", eventId).where("status", "=", "registered").orderBy("position").executeTakeFirstOrThrow()).email;
    await until(() => mailTo(first).length === 1, "the confirmation");
    const confirmation = unfolded(mailTo(first)[0].body);
    expect(confirmation).toMatch(/Subject: Registered: Growing Capacity/);
    expect(confirmation).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=PUBLISH; name=event\.ics/);
    const token = linkIn(confirmation)!;
    const firstWaiting = (await server.services.db.selectFrom("event_registrations").select("email").where("event_id", "=", eventId).where("status", "=", "waitlisted").orderBy("position").executeTakeFirstOrThrow()).email;
    await until(() => mailTo(firstWaiting).length === 1, "the waitlist email");
    expect(unfolded(mailTo(firstWaiting)[0].body)).toContain("first in line");

    const visitor = new Visitor(server.url);
    expect(visibleText((await visitor.page(`/events/registration/${token}`)).html)).toContain("You are registered.");
    const freed = await visitor.post(`/events/registration/${token}`, { intent: "cancel" });
    expect(visibleText(freed.html)).toContain("your place is freed");
    await until(() => mailTo(firstWaiting).length === 2, "the offer");
    const offer = unfolded(mailTo(firstWaiting)[1].body);
    expect(offer).toContain("it is held for you until");
    const offerToken = linkIn(offer)!;
    expect(visibleText((await visitor.page(`/events/registration/${offerToken}`)).html)).toContain("A place is held for you.");
    expect(visibleText((await visitor.post(`/events/registration/${offerToken}`, { intent: "take" })).html)).toContain("The place is yours");
    expect(await registrationCounts(server.services.db, eventId)).toMatchObject({ registered: 30, waitlisted: 69, offered: 0, cancelled: 1 });
    // The earlier link of the person now registered was replaced; a made-up one says the same.
    const waitlistToken = linkIn(unfolded(mailTo(firstWaiting)[0].body))!;
    expect((await visitor.page(`/events/registration/${waitlistToken}`)).status).toBe(404);
    expect((await visitor.page(`/events/registration/${"a".repeat(32)}`)).status).toBe(404);
  }, 20_000);

  it("passes a lapsed offer on, and reminds each person registered once the day before, however many nodes run the jobs", async () => {
    const { db } = server.services;
    // A place frees and is offered; its hold passes.
    const someone = await db.selectFrom("event_registrations").select(["id", "token_hash"]).where("event_id", "=", eventId).where("status", "=", "registered").orderBy("position", "desc").executeTakeFirstOrThrow();
    await db.updateTable("event_registrations").set({ status: "offered", offered_until: new Date(Date.now() - 1000).toISOString() }).where("id", "=", someone.id).execute();
    const nextWaiting = (await db.selectFrom("event_registrations").select("email").where("event_id", "=", eventId).where("status", "=", "waitlisted").orderBy("position").executeTakeFirstOrThrow()).email;
    const lapsed = await Promise.all([passOnLapsedOffers(server.services), passOnLapsedOffers(server.services)]);
    expect(lapsed[0] + lapsed[1]).toBe(1);
    await until(() => mailTo(nextWaiting).some((m) => /Subject: A place is yours/.test(m.body)), "the offer to the next person");
    expect(await registrationCounts(db, eventId)).toMatchObject({ registered: 29, offered: 1, lapsed: 1 });
    // The event moves to tomorrow: one reminder each.
    await db.updateTable("events").set({ starts_at: new Date(Date.now() + 20 * 3600_000).toISOString(), ends_at: new Date(Date.now() + 23 * 3600_000).toISOString() }).where("id", "=", eventId).execute();
    const before = smtp.received.length;
    const sent = await Promise.all([sendEventReminders(server.services), sendEventReminders(server.services)]);
    expect(sent[0] + sent[1]).toBe(29);
    await until(() => smtp.received.length - before === 29, "29 reminders");
    expect(smtp.received.slice(before).every((m) => m.body.includes("Join online: https://video.example.org/growing-capacity"))).toBe(true);
    expect(await sendEventReminders(server.services)).toBe(0);
  }, 20_000);

  it("keeps robots out with a field people never see, and the registrations for those who run events", async () => {
    const before = await registrationCounts(server.services.db, eventId);
    const robot = await new Visitor(server.url).post(path, { name: "Robot", email: "robot@spam.example", website: "https://spam.example" }, { "x-forwarded-for": "10.9.9.9" });
    expect(robot.status).toBe(200);
    expect(await registrationCounts(server.services.db, eventId)).toEqual(before);
    const member = new Visitor(server.url);
    await member.signIn("member@csl-commons.example");
    expect((await member.page("/network/events")).status).toBe(403);
    expect((await member.page(`/network/events/${eventId}`)).status).toBe(403);
    expect((await member.post("/network/events", { title: "Mine" })).status).toBe(403);
    const csv = await admin.get(`/network/events/${eventId}/registrations.csv`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect((await csv.text()).trim().split("\r\n")).toHaveLength(101);
    // Ticking who came; a certificate for them, from their own link and for the coordinator to print.
    const registration = await server.services.db.selectFrom("event_registrations").select(["id", "email", "name"]).where("event_id", "=", eventId).where("status", "=", "registered").orderBy("position").executeTakeFirstOrThrow();
    const token = linkIn(mailTo(registration.email)[0].body)!;
    expect((await new Visitor(server.url).page(`/events/registration/${token}/certificate`)).status).toBe(404);
    await admin.post(`/network/events/${eventId}`, { registrationId: registration.id, came: "1" });
    expect(visibleText((await admin.page(`/network/events/${eventId}`)).html)).toMatch(/Came 1/);
    const certificate = visibleText((await new Visitor(server.url).page(`/events/registration/${token}/certificate`)).html);
    expect(certificate).toContain(`Certificate of participation This certifies that ${registration.name} took part in Growing Capacity: a circle on the iceberg`);
    expect(certificate).toContain("3 hours of professional learning");
    expect(visibleText((await admin.page(`/network/events/${eventId}/certificates`)).html)).toContain(registration.name);
    expect((await member.page(`/network/events/${eventId}/certificates`)).status).toBe(403);
  });

  it("opens registration on its date, keeps the event's own time zone, and links a community meeting's live room", async () => {
    const day = new Date(Date.now() + 25 * 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const base = { title: "Going Deeper evening", description: "", start: `${day}T19:00`, end: `${day}T21:00`, mode: "online", venue: "", videoUrl: "", closes: "", capacity: "20", hours: "2", fee: "0", audience: "" };
    expect(visibleText((await admin.post("/network/events", { ...base, opens: `${day}T20:00` })).html)).toContain("Registration opens before the event starts.");
    expect(visibleText((await admin.post("/network/events", { ...base, room: "/meetings/forged/2026-01-01/room" })).html)).toContain("Choose one of the community meetings listed, or none.");
    expect(visibleText((await admin.post("/network/events", { ...base, timezone: "Mars/Olympus" })).html)).toContain("Choose one of the time zones listed.");
    // A room from the list the form offers (the provincial community's next circle).
    const form = (await admin.page("/network/events")).html;
    const room = /<option value="(\/meetings\/[^"]+\/room)">Provincial Community of Practice/.exec(form)?.[1];
    expect(room).toBeTruthy();
    const made = await admin.post("/network/events", { ...base, timezone: "America/Toronto", opens: `${later}T09:00`, room: room! });
    expect(made.status).toBe(302);
    const event = await server.services.db.selectFrom("events").selectAll().where("slug", "=", made.location!.split("/").at(-1)!).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ timezone: "America/Toronto", room_path: room, listed: 1 });
    // 7 p.m. in Toronto is midnight UTC in winter (EST) and 23:00 in summer (EDT).
    expect(["T00:00:00.000Z", "T23:00:00.000Z"].some((t) => event.starts_at.endsWith(t))).toBe(true);
    const page = await new Visitor(server.url).page(made.location!);
    const text = visibleText(page.html);
    expect(text).toMatch(/Registration opens .*9:00 a\.m\./);
    expect(text).not.toContain("places left");
    expect(page.html).toContain(`href="${room}"`);
    const early = await new Visitor(server.url).post(made.location!, { name: "Early Bird", email: "early@school.example", organization: "", role: "", district: "", website: "" }, { "x-forwarded-for": "10.9.9.9" });
    expect(await server.services.db.selectFrom("event_registrations").select("id").where("email", "=", "early@school.example").execute()).toHaveLength(0);
    expect(early.status).toBeGreaterThanOrEqual(400);
  });
});
