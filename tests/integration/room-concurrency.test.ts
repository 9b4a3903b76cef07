// A live room under concurrency and failure, on SQLite and PostgreSQL with every database answer
// delayed so that awaits really interleave: one writer per room (nothing a concurrent change did
// is overwritten), a failed save fails the request and changes nobody's view, nobody becomes a
// ghost by leaving while joining, a person is away only when every tab is, limits count per
// person, and the room is open only around its meeting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createSeries, occurrencesInWindow } from "../../db/queries/meetings";
import { defaultAgenda } from "../../shared/agenda";
import { defaultTimezone, recurrencePresets, utcToLocal } from "../../shared/recurrence";
import type { Dialect, DB } from "../../db/connect";
import { dialects } from "../helpers/databases";
import { meetingNow, Participant, type MeetingRef } from "../helpers/roomClient";
import { startTestServer, type TestServer } from "../helpers/server";
import { until } from "../helpers/wait";
import { demoEmails } from "../helpers/demo";

const provincial = "provincial-community-of-practice";
const emails = demoEmails;

/** Makes every write to a table fail inside the database itself (a trigger), until restored. */
async function failWrites(db: DB, dialect: Dialect, table: string): Promise<() => Promise<void>> {
  if (dialect === "sqlite") {
    for (const when of ["insert", "update"]) {
      await sql.raw(`create trigger fail_${table}_${when} before ${when} on ${table} begin select raise(abort, 'injected failure'); end`).execute(db);
    }
    return async () => {
      for (const when of ["insert", "update"]) await sql.raw(`drop trigger fail_${table}_${when}`).execute(db);
    };
  }
  await sql.raw(`create or replace function fail_write() returns trigger as $$ begin raise exception 'injected failure'; end $$ language plpgsql`).execute(db);
  await sql.raw(`create trigger fail_${table} before insert or update on ${table} for each row execute function fail_write()`).execute(db);
  return async () => {
    await sql.raw(`drop trigger fail_${table} on ${table}`).execute(db);
  };
}

describe.each(dialects)("a live room under concurrency and failure, on %s", (dialect) => {
  let server: TestServer;
  const opened: Participant[] = [];
  beforeAll(async () => {
    server = await startTestServer({ dialect, databaseLatencyMs: 15 });
  });
  afterAll(async () => {
    for (const p of opened) p.close();
    await server?.stop();
  });
  const arrive = async (email: string, where: MeetingRef) => {
    const p = await Participant.signIn(server, email);
    opened.push(p);
    const reply = await p.join(where);
    if (!reply.ok) throw new Error(reply.error);
    return p;
  };

  it("keeps every change made at once: hands raised while the round ends and the phase moves", async () => {
    const room = await meetingNow(server, provincial);
    const daniel = await arrive(emails.daniel, room);
    const members = await Promise.all([emails.sam, emails.lena, emails.grace].map((e) => arrive(e, room)));
    await daniel.must("round:start", { prompt: "What are you bringing?", order: "join", timeboxSeconds: null });
    const replies = await Promise.all([
      daniel.send("round:end", {}),
      ...members.map((m) => m.send("hand:raise", {})),
      daniel.send("phase:set", { index: 1 }),
      daniel.send("timer:set", { seconds: 120 }),
    ]);
    expect(replies.every((r) => r.ok)).toBe(true);
    const stored = JSON.parse((await server.services.db.selectFrom("room_states").select("state").where("meeting_id", "=", daniel.snapshot!.meetingId).executeTakeFirstOrThrow()).state);
    for (const view of [stored, daniel.state!]) {
      expect(view.round.endedAt).not.toBeNull();
      expect([...view.hands.queue].sort()).toEqual(members.map((m) => m.userId).sort());
      expect(view.phaseIndex).toBe(1);
      expect(view.timer.durationMs).toBe(120_000);
    }
  });

  it("a save that fails fails the request, and nobody's view changes", async () => {
    const room = await meetingNow(server, provincial);
    const daniel = await arrive(emails.daniel, room);
    const sam = await arrive(emails.sam, room);
    const restore = await failWrites(server.services.db, dialect, "room_states");
    const raised = await sam.send("hand:raise", {});
    await restore();
    expect(raised).toEqual({ ok: false, error: "Something went wrong on our side. Nothing in the room changed.", retry: true });
    // Barrier: a later change that is stored reaches Daniel; the refused hand never came before it.
    await daniel.must("timer:set", { seconds: 60 });
    await until(() => daniel.state!.timer.durationMs === 60_000, "the later change to reach Daniel");
    expect(daniel.state!.hands.queue).toEqual([]);
    expect(sam.state!.hands.queue).toEqual([]);
    const stored = JSON.parse((await server.services.db.selectFrom("room_states").select("state").where("meeting_id", "=", daniel.snapshot!.meetingId).executeTakeFirstOrThrow()).state);
    expect(stored.hands.queue).toEqual([]);
  });

  it("someone who closes the tab while joining does not stay present", async () => {
    const room = await meetingNow(server, provincial);
    const daniel = await arrive(emails.daniel, room);
    const owen = await Participant.signIn(server, emails.owen);
    opened.push(owen);
    const { db } = server.services;
    const owenId = (await db.selectFrom("users").select("id").where("email", "=", emails.owen).executeTakeFirstOrThrow()).id;
    // The join takes several queries of 15 ms each; the connection closes while they run (a
    // disconnect in the same packet as the join would drop the join before it starts).
    owen.socket.emit("room:join", room, () => {});
    setTimeout(() => owen.socket.disconnect(), 30);
    const attendance = () => db.selectFrom("attendance").select(["left_at"]).where("meeting_id", "=", daniel.snapshot!.meetingId).where("user_id", "=", owenId).executeTakeFirst();
    await until(async () => (await attendance()) !== undefined, "the join to reach the room");
    // Present for the departure grace at most, like anyone whose connection drops, then gone.
    await until(async () => Boolean((await attendance())?.left_at), "Owen's attendance to close", 5000);
    await until(() => daniel.departures.includes(owenId), "the others to see Owen leave");
    const later = await arrive(emails.noah, room);
    expect(later.snapshot!.people.map((p) => p.userId)).not.toContain(owenId);
  });

  it("a person is away only when every one of their tabs is hidden, and a reload brings them back", async () => {
    const room = await meetingNow(server, provincial);
    const daniel = await arrive(emails.daniel, room);
    const tabA = await arrive(emails.lena, room);
    const tabB = await arrive(emails.lena, room);
    const lena = tabA.userId;
    await tabA.must("presence:status", { status: "away" });
    // Barrier: a later broadcast from the other tab; an "away" would have reached Daniel before it.
    const note = await tabB.must("chat:send", { text: "still here in my other tab" });
    await until(() => daniel.chat.some((m) => m.id === note.id), "the later message");
    expect(daniel.people.get(lena)?.status).toBe("here");
    await tabB.must("presence:status", { status: "away" });
    await until(() => daniel.people.get(lena)?.status === "away", "Lena to show as away");
    tabA.close();
    const reloaded = await arrive(emails.lena, room);
    await until(() => daniel.people.get(lena)?.status === "here", "the reloaded tab to bring Lena back");
    expect(reloaded.snapshot!.people.find((p) => p.userId === lena)?.status).toBe("here");
  });

  it("counts the chat limit per person, however many tabs they send from", async () => {
    const room = await meetingNow(server, provincial);
    const tabs = [await arrive(emails.grace, room), await arrive(emails.grace, room), await arrive(emails.grace, room)];
    const replies = await Promise.all(tabs.flatMap((tab, t) => Array.from({ length: 4 }, (_, i) => tab.send("chat:send", { text: `tab ${t} message ${i}` }))));
    expect(replies.filter((r) => r.ok)).toHaveLength(5);
  });

  it("opens a room only around its meeting: not weeks before, nor hours after", async () => {
    const community = await server.services.db.selectFrom("communities").select(["id", "created_by"]).where("slug", "=", provincial).executeTakeFirstOrThrow();
    const plan = async (startMs: number) => {
      const series = await createSeries(server.services.db, {
        communityId: community.id,
        title: `Window ${startMs}`,
        description: "",
        startLocal: utcToLocal(new Date(startMs), defaultTimezone),
        timezone: defaultTimezone,
        durationMinutes: 60,
        rrule: recurrencePresets.once.rrule,
        videoUrl: null,
        agenda: defaultAgenda,
        createdBy: community.created_by,
      });
      const [o] = await occurrencesInWindow(server.services.db, [series], new Date(startMs - 3600_000), new Date(startMs + 3600_000));
      return { seriesId: o.seriesId, key: o.key };
    };
    const sam = await Participant.signIn(server, emails.sam);
    const daniel = await Participant.signIn(server, emails.daniel);
    opened.push(sam, daniel);
    const nextWeek = await plan(Date.now() + 7 * 86_400_000);
    expect(await sam.join(nextWeek)).toEqual({ ok: false, error: "This room opens ten minutes before the meeting starts." });
    expect(await daniel.join(nextWeek)).toMatchObject({ ok: false });
    const tonight = await plan(Date.now() + 5 * 3600_000);
    expect((await sam.join(tonight)).ok).toBe(false);
    expect((await daniel.join(tonight)).ok).toBe(true); // facilitators prepare the room the day before
    const yesterday = await plan(Date.now() - 4 * 3600_000);
    expect(await sam.join(yesterday)).toEqual({ ok: false, error: "This meeting is over; its room has closed. Its summary is on the meeting page." });
  });
});
