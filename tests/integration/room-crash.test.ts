// kill -9 of the server while a facilitator and members act in a live room: every change anyone
// had acknowledged (hands, the timer, chat) is there when the server comes back.
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/connect";
import { sqliteFile } from "../helpers/databases";
import { startServerProcess } from "../helpers/process";
import { meetingNow, Participant } from "../helpers/roomClient";
import { Visitor } from "../helpers/server";
import { until } from "../helpers/wait";

const file = sqliteFile();
let child: ChildProcess | null = null;
let db: DB | null = null;
const opened: Participant[] = [];

afterAll(async () => {
  for (const p of opened) p.close();
  child?.kill("SIGKILL");
  await db?.destroy();
});

async function inRoom(url: string, email: string, room: Awaited<ReturnType<typeof meetingNow>>) {
  const browser = new Visitor(url);
  await browser.signIn(email);
  const participant = await Participant.withCookie({ url }, browser.cookieHeader);
  opened.push(participant);
  expect((await participant.join(room)).ok).toBe(true);
  return participant;
}

describe("a crash during a live session", () => {
  it("keeps every acknowledged hand, timer setting and chat message across kill -9 and a restart", async () => {
    const first = await startServerProcess(file, 0);
    child = first.proc;
    db = openDatabase(file).db;
    const room = await meetingNow({ services: { db } }, "provincial-community-of-practice");
    const daniel = await inRoom(first.url, "daniel.okafor@csl-commons.example", room);
    const members = await Promise.all(["member@csl-commons.example", "lena.fischer@csl-commons.example", "grace.chen@csl-commons.example"].map((e) => inRoom(first.url, e, room)));

    // A stream of acknowledged changes, cut by kill -9 somewhere in the middle.
    const acknowledged = { timer: 0, hands: new Set<string>(), chat: new Set<string>() };
    let stop = false;
    const facilitating = (async () => {
      for (let seconds = 60; !stop; seconds++) {
        const reply = await daniel.send("timer:set", { seconds }).catch(() => ({ ok: false }));
        if (!reply.ok) break;
        acknowledged.timer = seconds;
      }
    })();
    const speaking = members.map(async (m, i) => {
      const hand = await m.send("hand:raise", {}).catch(() => ({ ok: false }));
      if (hand.ok) acknowledged.hands.add(m.userId);
      for (let k = 0; !stop && k < 4; k++) {
        const said = await m.send("chat:send", { text: `member ${i} says ${k}` }).catch(() => ({ ok: false as const }));
        if (!said.ok) break;
        acknowledged.chat.add((said as { ok: true; data: { id: string } }).data.id);
      }
    });
    await until(() => acknowledged.timer >= 80 && acknowledged.chat.size >= 4, "a stream of acknowledged changes");
    child.kill("SIGKILL");
    stop = true;
    await Promise.all([facilitating, ...speaking]);

    const second = await startServerProcess(file, Number(new URL(first.url).port));
    child = second.proc;
    const back = await inRoom(second.url, "daniel.okafor@csl-commons.example", room);
    const state = back.snapshot!.state;
    expect(state.timer.durationMs / 1000).toBeGreaterThanOrEqual(acknowledged.timer);
    for (const userId of acknowledged.hands) expect(state.hands.queue).toContain(userId);
    const chat = new Set(back.snapshot!.chat.map((m) => m.id));
    for (const id of acknowledged.chat) expect(chat.has(id)).toBe(true);
  }, 90_000);
});
