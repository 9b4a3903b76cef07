// What a live room leaves behind (summary, attendance export), and a client's return after a
// server restart.
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomState } from "../../shared/room/state";
import { sqliteFile } from "../helpers/databases";
import { meetingNow, Participant } from "../helpers/roomClient";
import { until } from "../helpers/wait";
import { startTestServer, visibleText, Visitor, type TestServer } from "../helpers/server";

describe("after a session", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("members read the summary; only facilitators export attendance, as safe CSV", async () => {
    const meeting = await meetingNow(server, "provincial-community-of-practice");
    const daniel = await Participant.signIn(server, "daniel.okafor@csl-commons.example");
    const lena = await Participant.signIn(server, "lena.fischer@csl-commons.example");
    await daniel.join(meeting);
    await lena.join(meeting);
    await daniel.must("phase:set", { index: 0 });
    await daniel.must("phase:set", { index: 1 });
    await daniel.must("round:start", { prompt: "What is alive for you?", order: "join", timeboxSeconds: null });
    await daniel.must("round:pass", { outcome: "spoke" });
    await lena.must("round:pass", { outcome: "passed" });
    await lena.must("chat:send", { text: "=SUM(A1:A9) thank you all" });
    await daniel.must("room:end", {});
    await until(() => lena.closed !== null, "Lena to hear that the session ended");
    expect((await lena.send("hand:raise", {})).ok).toBe(false);
    daniel.close();
    lena.close();

    const base = `/meetings/${meeting.seriesId}/${meeting.key}`;
    const lenaPage = new Visitor(server.url);
    await lenaPage.signIn("lena.fischer@csl-commons.example");
    const summary = visibleText((await lenaPage.page(`${base}/summary`)).html);
    expect(summary).toContain("Attendance · 2 people");
    expect(summary).toMatch(/Arrival \d+ of 5 min/);
    expect(summary).toContain("What is alive for you?");
    expect(summary).toContain("1 spoke, 1 passed, 0 skipped");
    expect(summary).toContain("=SUM(A1:A9) thank you all");
    expect((await lenaPage.page(`${base}/attendance.csv`)).status).toBe(403);

    const danielPage = new Visitor(server.url);
    await danielPage.signIn("daniel.okafor@csl-commons.example");
    const csv = await danielPage.get(`${base}/attendance.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe('"name","email","first_joined_utc","last_left_utc","minutes_present"');
    expect(lines.slice(1).map((l) => l.split(",")[0]).sort()).toEqual(['"Daniel Okafor"', '"Lena Fischer"']);

    const outsider = new Visitor(server.url);
    await outsider.signIn("marcus.lee@csl-commons.example");
    await outsider.post("/communities/provincial-community-of-practice", { intent: "leave", confirmed: "yes" });
    expect((await outsider.page(`${base}/summary`)).status).toBe(403);
  });
});

describe("a server restart during a session", () => {
  it("the browser's connection comes back by itself and finds the room as it was", async () => {
    const file = sqliteFile();
    const first = await startTestServer({ databaseUrl: file });
    const port = first.port;
    const meeting = await meetingNow(first, "provincial-community-of-practice");
    const visitor = new Visitor(first.url);
    await visitor.signIn("daniel.okafor@csl-commons.example");

    // As app/room/useRoom.ts does: join on every (re)connection.
    const socket = connect(first.url, { transports: ["websocket"], extraHeaders: { cookie: visitor.cookieHeader }, reconnectionDelay: 100, reconnectionDelayMax: 500 });
    let state: RoomState | null = null;
    let joins = 0;
    socket.on("connect", async () => {
      const reply = await socket.emitWithAck("room:join", meeting);
      if (reply.ok) {
        joins += 1;
        state = reply.data.state;
      }
    });
    socket.on("room:state", (next: RoomState) => (state = next));
    await until(() => joins === 1, "the first join");
    expect((await socket.emitWithAck("phase:set", { index: 3 })).ok).toBe(true);
    expect((await socket.emitWithAck("hand:raise", {})).ok).toBe(true);

    await first.close();
    const second = await startTestServer({ databaseUrl: file, env: { PORT: String(port) } });
    try {
      await until(() => joins === 2, "the connection to come back and rejoin");
      expect(state!.phaseIndex).toBe(3);
      expect(state!.hands.queue).toHaveLength(1);
    } finally {
      socket.close();
      await second.stop();
    }
  });
});
