// Several nodes on one PostgreSQL database and one Redis (REDIS_URL, decision 0017): people
// connected to different nodes are in one live room with one hand queue, one round and one timer;
// a room has one owner; someone who leaves a community on one node is cut off on the other at once.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connect";
import { randomString } from "../../shared/ids";
import { meetingNow, Participant } from "../helpers/roomClient";
import { startTestServer, Visitor, type TestServer } from "../helpers/server";
import { until } from "../helpers/wait";

const url = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL ?? (url ? "redis://127.0.0.1:6379" : undefined);
const provincial = "provincial-community-of-practice";

describe.skipIf(!url)("several nodes on PostgreSQL and Redis", () => {
  const schema = `nodes_${randomString(8)}`;
  const admin = url ? openDatabase(url).db : null;
  const nodes: TestServer[] = [];
  const opened: Participant[] = [];

  beforeAll(async () => {
    await sql`create schema ${sql.id(schema)}`.execute(admin!);
    const env = { REDIS_URL: redisUrl!, REDIS_PREFIX: `test-${schema}:` };
    // The first node seeds; the second starts on the seeded database.
    nodes.push(await startTestServer({ databaseUrl: url!, databaseSchema: schema, env }));
    nodes.push(await startTestServer({ databaseUrl: url!, databaseSchema: schema, env }));
  });
  afterAll(async () => {
    for (const p of opened) p.close();
    await Promise.all(nodes.map((n) => n.stop()));
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
    const member = await nodes[0].services.db
      .selectFrom("memberships")
      .innerJoin("communities", "communities.id", "memberships.community_id")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["users.email"])
      .where("communities.slug", "=", "early-years-circle")
      .where("memberships.role", "=", "member")
      .executeTakeFirstOrThrow();
    const { participant } = await inRoom(nodes[1], member.email, room);
    // They leave through a page served by the first node; their room connection is on the second.
    const onFirst = new Visitor(nodes[0].url);
    await onFirst.signIn(member.email);
    expect((await onFirst.post("/communities/early-years-circle", { intent: "leave", confirmed: "yes" })).status).toBe(302);
    await until(() => participant.closed !== null, "the room to close for the person who left, on the other node");
    expect(participant.closed).toContain("no longer a member of this community");
    expect(await participant.send("chat:send", { text: "still here?" })).toEqual({ ok: false, error: "Join the room first." });
    await until(() => facilitator.departures.includes(participant.userId), "the facilitator to see them go", 5000);
  });
});
