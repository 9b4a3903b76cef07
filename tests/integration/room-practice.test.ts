// The self domain in a live room: a facilitator starts a mindful pause for everyone (one server
// instant, so every timer is in step) and offers a reflection prompt to end with, which a member
// takes to their own journal. Members cannot start either.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoEmails } from "../helpers/demo";
import { meetingNow, Participant, type MeetingRef } from "../helpers/roomClient";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";
import { until } from "../helpers/wait";

let server: TestServer;
let meeting: MeetingRef;
const opened: Participant[] = [];

async function arrive(email: string): Promise<Participant> {
  const p = await Participant.signIn(server, email);
  opened.push(p);
  const reply = await p.join(meeting);
  if (!reply.ok) throw new Error(reply.error);
  return p;
}

beforeAll(async () => {
  server = await startTestServer();
  meeting = await meetingNow(server, "provincial-community-of-practice");
});
afterAll(async () => {
  for (const p of opened) p.close();
  await server?.stop();
});

describe("practice in a live room", () => {
  it("runs one mindful pause for everyone, from the same instant", async () => {
    const daniel = await arrive(demoEmails.daniel);
    const sam = await arrive(demoEmails.sam);
    const lena = await arrive(demoEmails.lena);
    expect(await sam.send("pause:start", { seconds: 60 })).toEqual({ ok: false, error: "Only a facilitator can do that." });
    expect(await daniel.send("pause:start", { seconds: 120 } as never)).toMatchObject({ ok: false });
    const before = Date.now();
    await daniel.must("pause:start", { seconds: 180 });
    await until(() => [daniel, sam, lena].every((p) => p.state?.pause?.seconds === 180), "everyone to see the pause");
    const startedAt = daniel.state!.pause!.startedAt;
    expect(startedAt).toBeGreaterThanOrEqual(before);
    expect([sam, lena].every((p) => p.state!.pause!.startedAt === startedAt)).toBe(true);
    await daniel.must("pause:end", {});
    await until(() => [sam, lena].every((p) => p.state?.pause === null), "the pause to end for everyone");
  });

  it("offers a reflection prompt that each person may take to their own journal", async () => {
    const daniel = await arrive(demoEmails.daniel);
    const sam = await arrive(demoEmails.sam);
    expect(await sam.send("reflection:offer", { domain: "self", prompt: "Mine?" })).toMatchObject({ ok: false });
    await daniel.must("reflection:offer", { domain: "self", prompt: "What did you notice in yourself today?" });
    await until(() => sam.state?.reflection?.prompt === "What did you notice in yourself today?", "the prompt to reach Sam");
    // The room's link opens Sam's journal with the prompt in place; what Sam writes is Sam's alone.
    const browser = new Visitor(server.url);
    await browser.signIn(demoEmails.sam);
    const page = await browser.page(`/journal?prompt=${encodeURIComponent(sam.state!.reflection!.prompt)}&domain=${sam.state!.reflection!.domain}`);
    expect(page.html).toContain('value="What did you notice in yourself today?"');
    // The session ends; the prompt stays for whoever still wants to write.
    await daniel.must("room:end", {});
    await until(() => sam.state?.endedAt !== null, "the session to end");
    expect(sam.state!.reflection?.prompt).toBe("What did you notice in yourself today?");
    expect(visibleText((await browser.page("/pause")).html)).toContain("Mindful pause");
  });
});
