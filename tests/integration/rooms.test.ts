// Live rooms over real Socket.io connections against a started server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCanvas } from "../../db/queries/canvases";
import { writeDiagram } from "../../shared/cld/model";
import { archetypes } from "../../shared/cld/templates";
import { holder } from "../../shared/room/round";
import { remainingMs } from "../../shared/room/timer";
import { sqliteFile } from "../helpers/databases";
import { meetingNow, Participant, type MeetingRef } from "../helpers/roomClient";
import { until } from "../helpers/wait";
import { demoEmails } from "../helpers/demo";
import { startTestServer, type TestServer } from "../helpers/server";

const provincial = "provincial-community-of-practice";
const emails = demoEmails;

let server: TestServer;
let meeting: MeetingRef;
const opened: Participant[] = [];

async function arrive(email: string, where: MeetingRef = meeting): Promise<Participant> {
  const p = await Participant.signIn(server, email);
  opened.push(p);
  const reply = await p.join(where);
  if (!reply.ok) throw new Error(reply.error);
  return p;
}

beforeAll(async () => {
  server = await startTestServer();
  meeting = await meetingNow(server, provincial);
});
afterAll(async () => {
  for (const p of opened) p.close();
  await server?.stop();
});

describe("who may come in", () => {
  it("refuses someone who is not a member of the community", async () => {
    const earlyYears = await meetingNow(server, "early-years-circle");
    const marcus = await Participant.signIn(server, emails.marcus);
    opened.push(marcus);
    const reply = await marcus.join(earlyYears);
    expect(reply).toEqual({ ok: false, error: "This room is for the community's members." });
    expect((await marcus.send("hand:raise", {})).ok).toBe(false);
  });

  it("keeps facilitator controls to facilitators", async () => {
    const sam = await arrive(emails.sam);
    const before = sam.state;
    for (const [event, payload] of [
      ["phase:set", { index: 1 }],
      ["timer:set", { seconds: 60 }],
      ["round:start", { prompt: "Hi", order: "join", timeboxSeconds: null }],
      ["breakout:start", { plan: { mode: "groups", count: 2 }, minutes: 5 }],
      ["room:end", {}],
    ] as const) {
      const reply = await sam.sendRaw(event, payload);
      expect(reply).toEqual({ ok: false, error: "Only a facilitator can do that." });
    }
    expect(sam.state).toEqual(before);
    sam.close();
  });
});

describe("a check-in round", () => {
  it("goes around everyone present, with a pass and a late arrival, keeping who spoke and for how long", async () => {
    const room = await meetingNow(server, "systems-thinking-study-group");
    const daniel = await arrive(emails.daniel, room);
    const marcus = await arrive(emails.marcus, room);
    const grace = await arrive(emails.grace, room);
    await daniel.must("round:start", { prompt: "How are you arriving today?", order: "join", timeboxSeconds: 90 });
    const all = [daniel, marcus, grace];
    await until(() => all.every((p) => p.state?.round && holder(p.state.round) === daniel.userId), "everyone to see Daniel holding the piece");
    expect((await marcus.send("round:pass", { outcome: "spoke" })).ok).toBe(false);
    await daniel.must("round:pass", { outcome: "spoke" });
    await until(() => all.every((p) => holder(p.state!.round!) === marcus.userId), "the piece to reach Marcus");
    await marcus.must("round:pass", { outcome: "passed" });

    const late = await arrive(emails.fatima, room);
    await until(() => daniel.state!.round!.order.includes(late.userId), "the late arrival to join the order");
    expect(daniel.state!.round!.order.at(-1)).toBe(late.userId);
    await grace.must("round:pass", { outcome: "spoke" });
    await until(() => holder(late.state!.round!) === late.userId, "the piece to reach the late arrival");
    await late.must("round:pass", { outcome: "spoke" });
    await until(() => [...all, late].every((p) => p.state!.round!.endedAt !== null), "the round to end for everyone");

    const record = await server.services.db.selectFrom("rounds").selectAll().where("prompt", "=", "How are you arriving today?").executeTakeFirstOrThrow();
    const turns = JSON.parse(record.turns) as { userId: string; outcome: string; seconds: number }[];
    expect(turns.map((t) => [t.userId, t.outcome])).toEqual([
      [daniel.userId, "spoke"],
      [marcus.userId, "passed"],
      [grace.userId, "spoke"],
      [late.userId, "spoke"],
    ]);
    expect(Object.keys(turns[0]).sort()).toEqual(["outcome", "seconds", "userId"]);
    for (const p of [...all, late]) p.close();
  });

  it("passes over the holder when they leave, so the round never freezes", async () => {
    const room = await meetingNow(server, "early-years-circle");
    const priya = await arrive("priya.sandhu@csl-commons.example", room);
    const sam = await arrive(emails.sam, room);
    const hana = await arrive(emails.hana, room);
    await priya.must("round:start", { prompt: "One word", order: "join", timeboxSeconds: null });
    await priya.must("round:pass", { outcome: "spoke" });
    await until(() => holder(hana.state!.round!) === sam.userId, "Sam to hold the piece");
    sam.close();
    await until(() => holder(hana.state!.round!) === hana.userId, "the piece to move on past Sam");
    expect(hana.state!.round!.turns.at(-1)).toMatchObject({ userId: sam.userId, outcome: "skipped" });
    priya.close();
    hana.close();
  });
});

describe("raised hands", () => {
  it("keep one consistent order on every client when raised at the same moment", async () => {
    const room = await meetingNow(server, provincial);
    const people = await Promise.all([emails.daniel, emails.lena, emails.grace, emails.owen, emails.fatima, emails.aiyana].map((e) => arrive(e, room)));
    await Promise.all(people.map((p) => p.must("hand:raise", {})));
    await until(() => people.every((p) => p.state!.hands.queue.length === 6), "all six hands on every client");
    const orders = people.map((p) => p.state!.hands.queue.join(","));
    expect(new Set(orders).size).toBe(1);
    expect(new Set(people[0].state!.hands.queue).size).toBe(6);
    const first = people[0].state!.hands.queue[0];
    await people[0].must("hand:callNext", {});
    await until(() => people.every((p) => p.state!.hands.called === first && p.state!.hands.queue.length === 5), "the first hand to be called");
    expect((await people[1].send("hand:lower", { userId: first })).ok).toBe(false);
    for (const p of people) p.close();
  });
});

describe("the facilitator and the floor", () => {
  it("lowers anyone's hand, clears the floor, and a member's be-right-back reaches everyone", async () => {
    const room = await meetingNow(server, provincial);
    const daniel = await arrive(emails.daniel, room);
    const [lena, owen] = await Promise.all([emails.lena, emails.owen].map((e) => arrive(e, room)));
    await lena.must("hand:raise", {});
    await owen.must("hand:raise", {});
    await daniel.must("hand:callNext", {});
    await until(() => owen.state!.hands.called === lena.userId, "Lena to have the floor");
    await daniel.must("hand:lower", { userId: owen.userId });
    expect((await lena.send("hand:clearFloor", {})).ok).toBe(false);
    await daniel.must("hand:clearFloor", {});
    await until(() => owen.state!.hands.called === null && owen.state!.hands.queue.length === 0, "the floor and the queue to clear");
    await owen.must("presence:brb", { on: true });
    await until(() => daniel.people.get(owen.userId)?.status === "brb", "Owen's be-right-back to reach Daniel");
    await owen.must("presence:brb", { on: false });
    await until(() => daniel.people.get(owen.userId)?.status === "here", "Owen to be back");
    for (const p of [daniel, lena, owen]) p.close();
  });

  it("ending the session clears hands, the floor and the timer, and stops the phase clock", async () => {
    const room = await meetingNow(server, provincial);
    const daniel = await arrive(emails.daniel, room);
    const lena = await arrive(emails.lena, room);
    await daniel.must("phase:set", { index: 1 });
    await daniel.must("timer:set", { seconds: 120 });
    await daniel.must("timer:start", {});
    await lena.must("hand:raise", {});
    await daniel.must("room:end", {});
    const row = await server.services.db.selectFrom("meetings").select("id").where("series_id", "=", room.seriesId).where("occurrence_date", "=", room.key).executeTakeFirstOrThrow();
    const stored = await server.services.db.selectFrom("room_states").select("state").where("meeting_id", "=", row.id).executeTakeFirstOrThrow();
    const state = JSON.parse(stored.state);
    expect(state.endedAt).not.toBeNull();
    expect(state.hands).toEqual({ queue: [], called: null });
    expect(state.timer.endsAt).toBeNull();
    expect(state.phaseStartedAt).toBeNull();
    expect((await lena.send("hand:raise", {})).ok).toBe(false);
    daniel.close();
    lena.close();
  });

  it("never leaves someone alone in a breakout: three people asked for pairs are told why", async () => {
    const room = await meetingNow(server, provincial);
    const daniel = await arrive(emails.daniel, room);
    await Promise.all([emails.lena, emails.hana, emails.owen].map((e) => arrive(e, room)));
    const reply = await daniel.send("breakout:start", { plan: { mode: "size", size: 2 }, minutes: 5 });
    expect(reply).toEqual({ ok: false, error: "With 3 people that makes only one group, or leaves someone alone. Choose smaller groups." });
  });
});

describe("the shared timer", () => {
  it("shows every client the same time left", async () => {
    const room = await meetingNow(server, provincial);
    const daniel = await arrive(emails.daniel, room);
    const lena = await arrive(emails.lena, room);
    await daniel.must("timer:set", { seconds: 300 });
    await daniel.must("timer:start", {});
    await until(() => lena.state!.timer.endsAt !== null, "the timer to start for Lena");
    expect(lena.state!.timer.endsAt).toBe(daniel.state!.timer.endsAt);
    const now = Date.now();
    expect(Math.abs(remainingMs(lena.state!.timer, now) - remainingMs(daniel.state!.timer, now))).toBe(0);
    expect(remainingMs(lena.state!.timer, now)).toBeGreaterThan(295_000);
    await daniel.must("timer:pause", {});
    await until(() => lena.state!.timer.endsAt === null, "the pause to reach Lena");
    daniel.close();
    lena.close();
  });
});

describe("chat", () => {
  it("carries text as typed, keeps it, lets a facilitator hide a message, and refuses floods", async () => {
    const room = await meetingNow(server, provincial);
    const daniel = await arrive(emails.daniel, room);
    const grace = await arrive(emails.grace, room);
    const text = `<script>alert("hi")</script> see https://example.org/a?b=1`;
    const sent = await grace.must("chat:send", { text });
    await until(() => daniel.chat.some((m) => m.id === sent.id), "Daniel to get Grace's message");
    expect(daniel.chat.find((m) => m.id === sent.id)?.text).toBe(text);
    await daniel.must("chat:hide", { messageId: sent.id });
    await until(() => grace.chat.find((m) => m.id === sent.id)?.hidden === true, "the message to be hidden for Grace");
    const latecomer = await arrive(emails.owen, room);
    expect(latecomer.chat.find((m) => m.id === sent.id)).toMatchObject({ hidden: true, text: "" });

    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => grace.send("chat:send", { text: `flood ${i}` })));
    expect(replies.filter((r) => r.ok).length).toBeLessThanOrEqual(5);
    expect(replies.find((r) => !r.ok)).toEqual({ ok: false, error: "You are sending too quickly. Please wait a moment." });
    expect((await daniel.send("chat:send", { text: "Still here" })).ok).toBe(true);
    for (const p of [daniel, grace, latecomer]) p.close();
  });

  it("gathers a burst of reactions into a few frames", async () => {
    const room = await meetingNow(server, provincial);
    const people = await Promise.all([emails.daniel, emails.lena, emails.grace, emails.owen].map((e) => arrive(e, room)));
    await Promise.all(people.map((p) => p.must("reaction:send", { reaction: "appreciate" })));
    await until(() => people[0].reactionFrames.reduce((n, f) => n + (f.appreciate ?? 0), 0) === 4, "four appreciations");
    expect(people[0].reactionFrames.length).toBeLessThanOrEqual(2);
    for (const p of people) p.close();
  });
});

describe("bad input", () => {
  it("answers malformed, oversized and unknown payloads with a clear refusal and keeps the room working", async () => {
    const room = await meetingNow(server, provincial);
    const daniel = await arrive(emails.daniel, room);
    const cases: [string, unknown][] = [
      ["phase:set", { index: "two" }],
      ["phase:set", { index: 99 }],
      ["chat:send", { text: "x".repeat(1001) }],
      ["chat:send", { text: "   " }],
      ["round:start", { prompt: "p", order: "join", timeboxSeconds: null, extra: true }],
      ["timer:set", "not an object"],
      ["room:join", { seriesId: "x", key: "../../etc" }],
    ];
    for (const [event, payload] of cases) {
      const reply = await daniel.sendRaw(event, payload);
      expect(reply.ok, `${event} ${JSON.stringify(payload)}`).toBe(false);
      expect(reply.ok ? "" : reply.error).toMatch(/was not understood/);
    }
    expect((await daniel.sendRaw("room:join", { seriesId: "nope", key: "20260101T000000Z" })).ok).toBe(false);
    expect((await daniel.send("phase:set", { index: 1 })).ok).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    daniel.close();
  });
});

describe("presence", () => {
  it("counts a person with two tabs once, and a dropped connection that comes back leaves no duplicate", async () => {
    const room = await meetingNow(server, provincial);
    const daniel = await arrive(emails.daniel, room);
    const tab1 = await arrive(emails.fatima, room);
    const tab2 = await arrive(emails.fatima, room);
    await until(() => daniel.people.has(tab1.userId), "Fatima to appear");
    expect([...daniel.people.values()].filter((p) => p.userId === tab1.userId)).toHaveLength(1);
    const sockets = async () => (await server.rooms.get(daniel.snapshot!.meetingId))?.socketsOf(tab1.userId) ?? [];
    tab1.close();
    // Barrier: the server has seen the tab go. Another tab is still there, so no departure is even timed.
    await until(async () => (await sockets()).length === 1, "the server to see the first tab close");
    expect(daniel.people.has(tab2.userId)).toBe(true);

    // A blip: the connection drops and a new one joins within the grace period.
    tab2.close();
    const back = await arrive(emails.fatima, room);
    // Barrier: the server holds only the new connection. Whichever came first, the departure timer
    // started by the drop was stopped by the return, or never started.
    await until(async () => JSON.stringify(await sockets()) === JSON.stringify([back.socket.id]), "the server to hold only the returning tab");
    expect(daniel.departures).not.toContain(back.userId);
    expect(back.people.size).toBe(daniel.people.size);
    const message = await daniel.must("chat:send", { text: "Welcome back" });
    await until(() => back.chat.some((m) => m.id === message.id), "the message to reach the rejoined tab");
    expect(back.chat.filter((m) => m.id === message.id)).toHaveLength(1);

    back.close();
    await until(() => daniel.departures.includes(back.userId), "Fatima's departure once all tabs have gone");
    daniel.close();
  });
});

describe("breakout groups", () => {
  it("splits the room, gives each group its own chat and round, and brings everyone back", async () => {
    const room = await meetingNow(server, provincial);
    const daniel = await arrive(emails.daniel, room);
    // Not Grace, whose flood in the chat story is still being counted against her.
    const members = await Promise.all([emails.lena, emails.hana, emails.owen, emails.noah].map((e) => arrive(e, room)));
    await daniel.must("breakout:start", { plan: { mode: "groups", count: 2 }, minutes: 10 });
    await until(() => members.every((m) => m.state!.breakouts?.groups.length === 2), "the groups to reach everyone");
    const groups = daniel.state!.breakouts!.groups;
    expect(groups.flatMap((g) => g.members).sort()).toEqual(members.map((m) => m.userId).sort());
    const inGroup = (id: string) => members.filter((m) => groups.find((g) => g.id === id)!.members.includes(m.userId));
    const [a1, a2] = inGroup("g1");
    const [b1] = inGroup("g2");
    const said = await a1.must("chat:send", { text: "Hello group one" });
    await until(() => a2.chat.some((m) => m.id === said.id), "the group message to reach its group");
    // Barrier: group two sends afterwards and sees its own message back; group one's message would have come first.
    const later = await b1.must("chat:send", { text: "Meanwhile, elsewhere" });
    await until(() => b1.chat.some((m) => m.id === later.id), "the later message to come back");
    expect(b1.chat.some((m) => m.id === said.id)).toBe(false);
    // The facilitator reads every group's chat, and writes in the group they visit.
    await until(() => daniel.chat.some((m) => m.id === said.id && m.groupId === "g1"), "group one's chat to reach the facilitator");
    const visit = await daniel.must("chat:send", { text: "How is it going here?", groupId: "g2" });
    await until(() => b1.chat.some((m) => m.id === visit.id), "the visiting facilitator's message to reach group two");
    const barrier = await a1.must("chat:send", { text: "Still talking" });
    await until(() => a1.chat.some((m) => m.id === barrier.id), "group one's own message to come back");
    expect(a1.chat.some((m) => m.id === visit.id)).toBe(false);
    expect((await daniel.send("chat:send", { text: "Nowhere", groupId: "g9" })).ok).toBe(false);
    expect((await b1.send("chat:send", { text: "Into the other group", groupId: "g1" })).ok).toBe(false);

    await a1.must("round:start", { prompt: "In a word?", order: "join", timeboxSeconds: null, groupId: "g1" });
    expect((await b1.send("round:skip", { groupId: "g1" })).ok).toBe(false);
    await until(() => a2.state!.breakouts!.groups[0].round !== null, "the group round to start");
    await daniel.must("breakout:end", {});
    await until(() => members.every((m) => m.state!.breakouts === null), "everyone to come back");
    const back = await a1.must("chat:send", { text: "Back in the circle" });
    await until(() => b1.chat.some((m) => m.id === back.id), "main chat to reach everyone again");
    const groupRound = await server.services.db.selectFrom("rounds").selectAll().where("prompt", "=", "In a word?").executeTakeFirst();
    expect(groupRound?.group_name).toBe("Group 1");
    for (const p of [daniel, ...members]) p.close();
  });
});

describe("maps in a live room", () => {
  it("a facilitator starts a map for the meeting and brings everyone to it; groups can get maps of their own", async () => {
    const room = await meetingNow(server, provincial);
    const daniel = await arrive(emails.daniel, room);
    const lena = await arrive(emails.lena, room);
    const grace = await arrive(emails.grace, room);
    // Two groups need four people: nobody sits in a breakout alone.
    const others = await Promise.all([emails.hana, emails.noah].map((e) => arrive(e, room)));
    expect((await lena.send("canvas:new", { title: "Mine" })).ok).toBe(false);
    const { canvasId } = await daniel.must("canvas:new", { title: "Why do new teachers leave?" });
    await until(() => lena.state!.focus?.kind === "canvas" && lena.state!.focus.target === canvasId, "the map to reach Lena");
    const canvas = await server.services.db.selectFrom("canvases").selectAll().where("id", "=", canvasId).executeTakeFirstOrThrow();
    expect(canvas.meeting_id).toBe(daniel.snapshot!.meetingId);
    expect((await daniel.send("focus:set", { focus: { kind: "canvas", target: "abcdefghijkmnpqr", label: "Elsewhere" } })).ok).toBe(false);

    await daniel.must("breakout:start", { plan: { mode: "groups", count: 2 }, minutes: 5, withCanvases: true });
    await until(() => grace.state!.breakouts !== null, "the groups to reach Grace");
    const maps = grace.state!.breakouts!.groups.map((g) => g.canvasId);
    expect(maps.every((id) => typeof id === "string")).toBe(true);
    expect(new Set(maps).size).toBe(2);
    await daniel.must("breakout:end", {});
    for (const p of [daniel, lena, grace, ...others]) p.close();
  });
});

describe("a loop of the map as a round", () => {
  it("reads the focused map's loops to a facilitator and starts a round with a loop read aloud as its prompt", async () => {
    const room = await meetingNow(server, provincial);
    const lead = await arrive(emails.daniel, room);
    const member = await arrive(emails.lena, room);
    const { canvasId } = await lead.must("canvas:new", { title: "Quick fixes" });
    await server.services.canvasEdits.apply(canvasId, (doc) => writeDiagram(doc, { variables: archetypes[0].diagram.variables, links: archetypes[0].diagram.links }));

    expect(await member.send("canvas:loops", { canvasId })).toEqual({ ok: false, error: "Only a facilitator can do that." });
    const { loops } = await lead.must("canvas:loops", { canvasId });
    expect(loops.map((l) => `${l.label} ${l.kind}`)).toEqual(["B1 B", "R1 R"]);
    expect(loops[0].reading).toBe("As Problem symptom rises, Fix rises, which lowers Problem symptom again. A balancing loop: each time round it pushes back against the change, towards a goal or a limit.");

    const unknown = await lead.send("round:start", { prompt: "What do you see?", order: "join", timeboxSeconds: null, loop: { canvasId, loopKey: "not-a-loop" } });
    expect(unknown).toEqual({ ok: false, error: "That loop is no longer on the map." });
    const earlyYears = await server.services.db.selectFrom("communities").select("id").where("slug", "=", "early-years-circle").executeTakeFirstOrThrow();
    const other = await createCanvas(server.services.db, { communityId: earlyYears.id, title: "Another community's map", createdBy: lead.userId });
    expect(await lead.send("canvas:loops", { canvasId: other.id })).toEqual({ ok: false, error: "That map is not one of this community's." });

    await lead.must("round:start", { prompt: "What do you see in this loop?", order: "join", timeboxSeconds: null, loop: { canvasId, loopKey: loops[1].key } });
    await until(() => member.state?.round?.endedAt === null, "the round to reach the member");
    expect(member.state!.round!.prompt).toBe(
      "Loop R1 (reinforcing): As Problem symptom rises, Fix rises, which after a delay raises Unintended consequences, which raises Problem symptom again. A reinforcing loop: the change grows each time round, for better or worse. What do you see in this loop?",
    );
    await lead.must("round:end", {});
    lead.close();
    member.close();
  });
});

describe("a server restart", () => {
  it("restores the room's phase, timer, hand queue and round position from the database", async () => {
    const file = sqliteFile();
    const first = await startTestServer({ databaseUrl: file });
    const where = await meetingNow(first, provincial);
    const d1 = await Participant.signIn(first, emails.daniel);
    const l1 = await Participant.signIn(first, emails.lena);
    await d1.join(where);
    await l1.join(where);
    await d1.must("phase:set", { index: 2 });
    await d1.must("timer:set", { seconds: 600 });
    await d1.must("timer:start", {});
    await l1.must("hand:raise", {});
    await d1.must("round:start", { prompt: "Before the restart", order: "join", timeboxSeconds: null });
    await d1.must("round:pass", { outcome: "spoke" });
    const before = d1.state!;
    d1.close();
    l1.close();
    await first.close();

    const second = await startTestServer({ databaseUrl: file });
    try {
      const d2 = await Participant.signIn(second, emails.daniel);
      await d2.join(where);
      const after = d2.state!;
      expect(after.phaseIndex).toBe(2);
      expect(after.timer.endsAt).toBe(before.timer.endsAt);
      expect(after.hands.queue).toEqual(before.hands.queue);
      expect(after.round?.position).toBe(1);
      expect(after.round?.prompt).toBe("Before the restart");
      d2.close();
    } finally {
      await second.stop();
    }
  });
});

describe("long-polling", () => {
  it("a participant whose network allows only HTTP long-polling gets every reply and every event", async () => {
    const room = await meetingNow(server, provincial);
    const speaker = await arrive(emails.fatima, room);
    const polling = await Participant.signIn(server, emails.noah, "polling");
    opened.push(polling);
    expect(polling.socket.io.engine.transport.name).toBe("polling");
    expect((await polling.join(room)).ok).toBe(true);
    for (let round = 0; round < 5; round++) {
      const replies = await Promise.all(Array.from({ length: 6 }, () => polling.send("ping", undefined as never)));
      expect(replies.every((r) => r.ok)).toBe(true);
      const sent = await speaker.must("chat:send", { text: `round ${round}` });
      await until(() => polling.chat.some((m) => m.id === sent.id), `round ${round}'s message over polling`);
    }
    // Express never answers Socket.io's requests: the handshake is Engine.IO's alone.
    const handshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    expect(handshake.status).toBe(200);
    expect(await handshake.text()).toMatch(/^0\{"sid":/);
    speaker.close();
    polling.close();
  });
});
