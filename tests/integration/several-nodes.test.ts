// Several nodes on one PostgreSQL database and one Redis (REDIS_URL, decision 0017): people
// connected to different nodes are in one live room with one hand queue, one round and one timer;
// a room has one owner; someone who leaves a community on one node is cut off on the other at once;
// canvas clients on three nodes converge, see each other's cursors (gone when they leave), and
// the canvas is compacted by one node; the outbox and the check-in reminders, run by all three
// nodes at once, send each email once.
import * as Y from "yjs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connect";
import { claimRoom } from "../../db/queries/rooms";
import { randomString } from "../../shared/ids";
import { joinCanvas, newCanvas, roundTrip, storedDocument, type CanvasPeer } from "../helpers/canvasClient";
import { meetingNow, Participant } from "../helpers/roomClient";
import { startSmtp, type TestSmtp } from "../helpers/smtp";
import { newId } from "../../shared/ids";
import { sendCheckinReminders } from "../../server/jobs/checkinReminders";
import { startTestServer, Visitor, type TestServer } from "../helpers/server";
import { until } from "../helpers/wait";
import { aMemberOf } from "../helpers/demo";

const url = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL ?? (url ? "redis://127.0.0.1:6379" : undefined);
const provincial = "provincial-community-of-practice";

describe.skipIf(!url)("several nodes on PostgreSQL and Redis", () => {
  const schema = `nodes_${randomString(8)}`;
  const admin = url ? openDatabase(url).db : null;
  const nodes: TestServer[] = [];
  const opened: Participant[] = [];

  let smtp: TestSmtp;

  beforeAll(async () => {
    await sql`create schema ${sql.id(schema)}`.execute(admin!);
    smtp = await startSmtp();
    const env = { REDIS_URL: redisUrl!, REDIS_PREFIX: `test-${schema}:`, SMTP_URL: smtp.url };
    // Small canvas logs are compacted, so that three nodes holding one canvas show who compacts it.
    const yjsOptions = { compactAfterBytes: 16 * 1024 };
    // The first node seeds; the others start on the seeded database.
    nodes.push(await startTestServer({ databaseUrl: url!, databaseSchema: schema, env, yjsOptions }));
    nodes.push(...(await Promise.all([1, 2].map(() => startTestServer({ databaseUrl: url!, databaseSchema: schema, env, yjsOptions })))));
  });
  const peers: CanvasPeer[] = [];
  afterAll(async () => {
    for (const p of opened) p.close();
    for (const p of peers) p.destroy();
    await Promise.all(nodes.map((n) => n.stop()));
    await smtp?.close();
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin!);
    await admin?.destroy();
  });

  async function inRoom(node: TestServer, email: string, room: Awaited<ReturnType<typeof meetingNow>>) {
    const browser = new Visitor(node.url);
    await browser.signIn(email);
    const participant = await Participant.withCookie(node, browser.cookieHeader);
    opened.push(participant);
    const joined = await participant.join(room);
    expect(joined).toMatchObject({ ok: true });
    return { browser, participant };
  }

  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

  it("gives people on different nodes one hand queue, one round and one timer", async () => {
    const room = await meetingNow(nodes[0], provincial);
    const facilitator = (await inRoom(nodes[0], "daniel.okafor@csl-commons.example", room)).participant;
    const sam = (await inRoom(nodes[1], "member@csl-commons.example", room)).participant;
    const lena = (await inRoom(nodes[0], "lena.fischer@csl-commons.example", room)).participant;
    const grace = (await inRoom(nodes[1], "grace.chen@csl-commons.example", room)).participant;
    const everyone = [facilitator, sam, lena, grace];
    // One owner holds the room; the other node forwards to it.
    expect(nodes[0].rooms.size + nodes[1].rooms.size).toBe(1);
    await until(() => everyone.every((p) => p.people.size === 4), "everyone to see all four people");

    // Hands raised at once on both nodes: one queue, the same for everyone.
    const raised = await Promise.all([sam, lena, grace].map((p) => p.send("hand:raise", {})));
    expect(raised.every((r) => r.ok)).toBe(true);
    await until(() => everyone.every((p) => p.state?.hands.queue.length === 3 && same(p.state.hands, facilitator.state!.hands)), "one hand queue everywhere");

    // A round: one order, one holder, passed on from the other node.
    expect(await facilitator.send("round:start", { prompt: "What are you noticing?", order: "join", timeboxSeconds: null })).toEqual({ ok: true });
    await until(() => everyone.every((p) => p.state?.round && same(p.state.round, facilitator.state!.round)), "one round everywhere");
    const holderId = facilitator.state!.round!.order[facilitator.state!.round!.position];
    const holder = everyone.find((p) => p.userId === holderId)!;
    expect(await holder.send("round:pass", { outcome: "spoke" })).toEqual({ ok: true });
    // Everyone else passing at once: only whoever holds the piece by then may pass it, so the
    // position moves once per accepted pass, and every node tells the same story.
    const others = await Promise.all(everyone.filter((p) => p !== holder).map((p) => p.send("round:pass", { outcome: "spoke" })));
    await until(() => everyone.every((p) => p.state!.round!.position === 1 + others.filter((r) => r.ok).length && same(p.state!.round, facilitator.state!.round)), "the piece passed once, seen the same everywhere");
    expect(others.filter((r) => !r.ok).length).toBeGreaterThanOrEqual(1);

    // The timer, started on one node, runs from the same moment for everyone.
    expect(await facilitator.send("timer:set", { seconds: 300 })).toEqual({ ok: true });
    expect(await facilitator.send("timer:start", {})).toEqual({ ok: true });
    await until(() => everyone.every((p) => p.state?.timer.endsAt && same(p.state.timer, facilitator.state!.timer)), "one timer everywhere");

    // Chat from either node reaches everyone once.
    expect((await sam.send("chat:send", { text: "Hello from the second node" })).ok).toBe(true);
    await until(() => everyone.every((p) => p.chat.filter((m) => m.text === "Hello from the second node").length === 1), "the chat message everywhere");
  });

  it("cuts someone who leaves a community off on the other node at once", async () => {
    const room = await meetingNow(nodes[0], "early-years-circle");
    const facilitator = (await inRoom(nodes[0], "priya.sandhu@csl-commons.example", room)).participant;
    const email = await aMemberOf(nodes[0].services.db, "early-years-circle");
    const { participant } = await inRoom(nodes[1], email, room);
    // They leave through a page served by the first node; their room connection is on the second.
    const onFirst = new Visitor(nodes[0].url);
    await onFirst.signIn(email);
    expect((await onFirst.post("/communities/early-years-circle", { intent: "leave", confirmed: "yes" })).status).toBe(302);
    await until(() => participant.closed !== null, "the room to close for the person who left, on the other node");
    expect(participant.closed).toContain("no longer a member of this community");
    expect(await participant.send("chat:send", { text: "still here?" })).toEqual({ ok: false, error: "Join the room first." });
    await until(() => facilitator.departures.includes(participant.userId), "the facilitator to see them go", 5000);
  });

  it("a node whose copy of a room another node has claimed since loads it afresh, and nothing fails", async () => {
    // As after a Redis restart: the leases are gone, another node took the room for a moment (and
    // claimed it in the database), and word of it was lost. The owner's copy may store nothing more.
    const room = await meetingNow(nodes[0], "early-years-circle");
    const facilitator = (await inRoom(nodes[0], "priya.sandhu@csl-commons.example", room)).participant;
    const member = (await inRoom(nodes[1], await aMemberOf(nodes[0].services.db, "early-years-circle"), room)).participant;
    await until(() => facilitator.people.size === 2 && member.people.size === 2, "both to see each other");
    const db = nodes[0].services.db;
    const meetingId = (await db.selectFrom("meetings").select("id").where("series_id", "=", room.seriesId).executeTakeFirstOrThrow()).id;
    const owner = nodes.findIndex((n) => n.rooms.meetingIds.includes(meetingId));
    expect(owner).toBeGreaterThanOrEqual(0);
    const onOwner = owner === 0 ? facilitator : member;
    const elsewhere = owner === 0 ? member : facilitator;

    // Claimed behind the owner's back, its lease kept: a hand forwarded to it is still raised.
    await claimRoom(db, meetingId);
    expect(await elsewhere.send("hand:raise", {})).toEqual({ ok: true });
    await until(() => [facilitator, member].every((p) => p.state?.hands.queue.length === 1), "the hand seen on both nodes");

    // Claimed again and the lease gone too: the owner takes it anew and loads the room afresh.
    await claimRoom(db, meetingId);
    const { Redis } = await import("ioredis");
    const redis = new Redis(redisUrl!);
    await redis.del(`test-${schema}:lease:room:${meetingId}`);
    redis.disconnect();
    expect(await onOwner.send("hand:raise", {})).toEqual({ ok: true });
    await until(() => [facilitator, member].every((p) => p.state?.hands.queue.length === 2 && p.people.size === 2), "both hands and both people seen on both nodes");
  });

  const variables = (peer: CanvasPeer) => peer.doc.getMap("variables");

  it("lets canvas clients on three nodes edit at once and converge, cursors crossing nodes", async () => {
    const canvasId = await newCanvas(nodes[0].services.db, provincial, "daniel.okafor@csl-commons.example");
    const emails = ["daniel.okafor@csl-commons.example", "member@csl-commons.example", "lena.fischer@csl-commons.example"];
    const three = await Promise.all(nodes.map((node, i) => joinCanvas(node.services.db, node.port, canvasId, emails[i])));
    peers.push(...three);
    await Promise.all(three.map((p) => p.synced));
    // Each writes 40 variables at once, in small transactions, as people dragging and typing do.
    await Promise.all(
      three.map(async (peer, i) => {
        for (let n = 0; n < 40; n++) {
          peer.doc.transact(() => variables(peer).set(`v${i}-${n}`, new Y.Map(Object.entries({ label: `Variable ${i}.${n}`, x: n, y: i }))));
          if (n % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
        }
      }),
    );
    await until(() => three.every((p) => variables(p).size === 120), "every client to hold all 120 variables", 15_000);
    const states = three.map((p) => JSON.stringify([...variables(p).keys()].sort()));
    expect(new Set(states).size).toBe(1);

    // Cursors: each client's presence reaches the clients on the other nodes.
    three.forEach((peer, i) => peer.provider.awareness.setLocalStateField("cursor", { x: i * 100, y: 50 }));
    const cursorsSeenBy = (peer: CanvasPeer) => [...peer.provider.awareness.getStates()].filter(([id, state]) => id !== peer.doc.clientID && state.cursor).length;
    await until(() => three.every((p) => cursorsSeenBy(p) === 2), "each client to see the two other cursors");
    // One leaves: their cursor goes from the other nodes' clients too.
    const leaving = three[2];
    leaving.destroy();
    await until(() => three.slice(0, 2).every((p) => cursorsSeenBy(p) === 1), "the departed client's cursor to disappear everywhere", 2000);

    // Everything is stored once, in one numbered log (or its snapshot): a fresh load holds it all.
    for (const node of nodes) await node.yjs.settled(canvasId);
    const fresh = await joinCanvas(nodes[1].services.db, nodes[1].port, canvasId, "grace.chen@csl-commons.example");
    peers.push(fresh);
    await fresh.synced;
    await roundTrip(fresh);
    expect(variables(fresh).size).toBe(120);
  });

  it("compacts a canvas that three nodes hold once, not once per node", async () => {
    const canvasId = await newCanvas(nodes[0].services.db, provincial, "daniel.okafor@csl-commons.example");
    const three = await Promise.all(nodes.map((node) => joinCanvas(node.services.db, node.port, canvasId, "daniel.okafor@csl-commons.example")));
    peers.push(...three);
    await Promise.all(three.map((p) => p.synced));
    // About 24 KB of text, from one client: past the 16 KB at which every node's copy wants compacting.
    for (let n = 0; n < 24; n++) three[0].doc.transact(() => variables(three[0]).set(`note-${n}`, new Y.Map(Object.entries({ label: "x".repeat(1000) }))));
    await until(() => three.every((p) => variables(p).size === 24), "every client to hold the notes");
    await until(async () => (await Promise.all(nodes.map((n) => n.yjs.compactions(canvasId)))).reduce((a, b) => a + b, 0) >= 1, "a compaction", 10_000);
    for (const node of nodes) await node.yjs.settled(canvasId);
    // A later edit, through every node, is a barrier: every node has handled the log by then.
    three[2].doc.transact(() => variables(three[2]).set("after", new Y.Map()));
    await until(() => three.every((p) => variables(p).has("after")), "the later edit everywhere");
    for (const node of nodes) await node.yjs.settled(canvasId);
    const counts = await Promise.all(nodes.map((n) => n.yjs.compactions(canvasId)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const snapshot = await nodes[0].services.db.selectFrom("canvas_snapshots").select("seq_upto").where("canvas_id", "=", canvasId).executeTakeFirstOrThrow();
    expect(Number(snapshot.seq_upto)).toBeGreaterThan(0);
    // The snapshot and the log after it hold the whole map.
    expect((await storedDocument(nodes[0].services.db, canvasId)).getMap("variables").size).toBe(25);
  });

  it("sends each email in the outbox once when three nodes retry it at once", async () => {
    const { db } = nodes[0].services;
    const now = new Date().toISOString();
    // Emails left unsent (a node died before sending them), each to its own address.
    const addresses = Array.from({ length: 30 }, (_, i) => `left-behind-${i}-${schema}@example.org`);
    await db
      .insertInto("outbox")
      .values(addresses.map((to) => ({ id: newId(), to_address: to, subject: "Left behind", body_text: "Hello", kind: "notice", created_at: now, sent_at: null, last_error: null, claimed_until: null, secret_expires_at: null, calendar: null })))
      .execute();
    await Promise.all(nodes.map((n) => n.services.mailer.retryUnsent()));
    await Promise.all(nodes.map((n) => n.services.mailer.settle()));
    expect(addresses.map((a) => smtp.countFor(a))).toEqual(addresses.map(() => 1));
    const unsent = await db.selectFrom("outbox").select("id").where("to_address", "in", addresses).where("sent_at", "is", null).execute();
    expect(unsent).toEqual([]);
  });

  it("sends each check-in reminder once when three nodes run the job at once", async () => {
    const { db } = nodes[0].services;
    // A cycle matched today with three active pairs, whose first check-in is due in two weeks.
    const users = await db.selectFrom("users").select("id").orderBy("email").limit(6).execute();
    const cycleId = newId();
    const today = new Date().toISOString();
    await db
      .insertInto("mentorship_cycles")
      .values({ id: cycleId, name: `Cycle ${schema}`, mode: "exact", intake_opens: today.slice(0, 10), intake_closes: today.slice(0, 10), matching_date: today.slice(0, 10), length_weeks: 26, checkin_days: 14, questions: "[]", choice_questions: "[]", request_days: 7, weights: "{}", rules: "{}", created_by: users[0].id, created_at: today })
      .execute();
    await db
      .insertInto("mentorship_pairs")
      .values([0, 1, 2].map((i) => ({ id: newId(), cycle_id: cycleId, mentor_id: users[i].id, mentee_id: users[i + 3].id, score: 1, explanation: "", status: "active", mentor_accepted_at: today, mentee_accepted_at: today, declined_by: null, decline_reason: null, reminded_at: null, created_at: today, updated_at: today })))
      .execute();
    const far = new Date(Date.now() + 20 * 86_400_000);
    const before = smtp.received.length;
    const runs = await Promise.all(nodes.map((n) => sendCheckinReminders(n.services, far)));
    const reminded = runs.reduce((a, b) => a + b, 0);
    expect(reminded).toBe(3);
    expect(await Promise.all(nodes.map((n) => sendCheckinReminders(n.services, far)))).toEqual([0, 0, 0]);
    await Promise.all(nodes.map((n) => n.services.mailer.settle()));
    // Two people per pair, one email each.
    const reminders = await db.selectFrom("outbox").select("to_address").where("subject", "like", `Cycle ${schema}: time for a check-in%`).execute();
    expect(reminders).toHaveLength(2 * reminded);
    expect(new Set(reminders.map((r) => r.to_address)).size).toBe(reminders.length);
    await until(() => smtp.received.length - before >= 2 * reminded, "the reminders to arrive");
    expect(smtp.received.length - before).toBe(2 * reminded);
  });
});
