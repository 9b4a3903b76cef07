// Access that ends takes effect at once on every open connection, on SQLite and PostgreSQL:
// signing out (here or everywhere), a password change and leaving a community close live room
// and canvas connections now, not at the next page load; and a room connection that drops and
// comes back is authenticated again rather than handed its old session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import { WebSocket } from "ws";
import { sql } from "kysely";
import { closeCodes } from "../../server/yjs/protocol";
import { dialects } from "../helpers/databases";
import { joinCanvas, newCanvas } from "../helpers/canvasClient";
import { meetingNow, Participant } from "../helpers/roomClient";
import { startTestServer, Visitor, type TestServer } from "../helpers/server";
import { until } from "../helpers/wait";
import { aMemberOf } from "../helpers/demo";

const provincial = "provincial-community-of-practice";

describe.each(dialects)("ending access on live connections, on %s", (dialect) => {
  let server: TestServer;
  const opened: Participant[] = [];
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => {
    for (const p of opened) p.close();
    await server?.stop();
  });

  /** A person signed in in a browser, with a live room connection made with that browser's cookie. */
  async function inRoom(email: string, room: Awaited<ReturnType<typeof meetingNow>>) {
    const browser = new Visitor(server.url);
    await browser.signIn(email);
    const participant = await Participant.withCookie(server, browser.cookieHeader);
    opened.push(participant);
    expect((await participant.join(room)).ok).toBe(true);
    return { browser, participant };
  }

  /** A canvas connection made with a browser's session cookie, as the editor page makes it. */
  async function canvasWithCookie(canvasId: string, cookie: string) {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/yjs/${canvasId}`, { headers: { cookie } });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return { ws, closed };
  }

  it("signing out closes that browser's room and canvas connections, and only those", async () => {
    const room = await meetingNow(server, provincial);
    const { browser, participant } = await inRoom("member@csl-commons.example", room);
    const other = await inRoom("member@csl-commons.example", room); // the same person on a phone
    const canvasId = await newCanvas(server.services.db, provincial, "daniel.okafor@csl-commons.example");
    const canvas = await canvasWithCookie(canvasId, browser.cookieHeader);
    await browser.post("/logout", {});
    await until(() => participant.closed !== null, "the room to close for the signed-out browser");
    expect(participant.closed).toContain("You signed out");
    expect(await canvas.closed).toEqual({ code: closeCodes.revoked, reason: "You signed out." });
    await until(() => !participant.socket.connected, "the room connection to end");
    // The phone's session goes on.
    expect((await other.participant.send("ping", undefined as never)).ok).toBe(true);
    expect(other.participant.closed).toBeNull();
  });

  it("signing out everywhere, or a new password, ends every connection and canvas token of the person", async () => {
    const room = await meetingNow(server, provincial);
    const laptop = await inRoom("lena.fischer@csl-commons.example", room);
    const tokenClient = await joinCanvas(server.services.db, server.port, await newCanvas(server.services.db, provincial, "daniel.okafor@csl-commons.example"), "lena.fischer@csl-commons.example");
    await tokenClient.synced;
    const desk = new Visitor(server.url);
    await desk.signIn("lena.fischer@csl-commons.example");
    await desk.post("/settings", { intent: "end-all" });
    await until(() => laptop.participant.closed !== null, "Lena's laptop to be signed out of the room");
    await until(() => tokenClient.closes.includes(closeCodes.revoked), "Lena's canvas token client to be closed");
    expect(await server.services.db.selectFrom("canvas_tokens").select("id").where("user_id", "=", laptop.participant.snapshot!.me.userId).execute()).toEqual([]);
    tokenClient.destroy();

    const grace = await inRoom("grace.chen@csl-commons.example", room);
    const graceDesk = new Visitor(server.url);
    await graceDesk.signIn("grace.chen@csl-commons.example");
    await graceDesk.post("/settings", { intent: "password", current: "circle-of-practice", password: "tidal cedar lantern 88", confirm: "tidal cedar lantern 88" });
    await until(() => grace.participant.closed !== null, "Grace's other session to leave the room");
  });

  it("someone who leaves an invitation-only community is out of its live room at once", async () => {
    const room = await meetingNow(server, "early-years-circle");
    const facilitator = await inRoom("priya.sandhu@csl-commons.example", room);
    const email = await aMemberOf(server.services.db, "early-years-circle");
    const { browser, participant } = await inRoom(email, room);
    expect((await browser.post("/communities/early-years-circle", { intent: "leave", confirmed: "yes" })).status).toBe(302);
    await until(() => participant.closed !== null, "the room to close for the person who left");
    expect(participant.closed).toContain("no longer a member of this community");
    expect(await participant.send("chat:send", { text: "still here?" })).toEqual({ ok: false, error: "Join the room first." });
    await until(() => facilitator.participant.departures.includes(participant.userId), "the facilitator to see them go", 5000);
  });

  it("a room connection that drops and comes back is authenticated again", async () => {
    const browser = new Visitor(server.url);
    await browser.signIn("owen.macdonald@csl-commons.example");
    const socket = connect(server.url, { transports: ["websocket"], extraHeaders: { cookie: browser.cookieHeader }, reconnectionDelay: 50, reconnectionDelayMax: 100 });
    await new Promise((resolve) => socket.once("welcome", resolve));
    // The session ends without any signal (it expired, say); then the network drops.
    await sql`delete from sessions where id = ${browser.cookies.get("csl_session")!.split(".")[0]}`.execute(server.services.db);
    const refused = new Promise<Error>((resolve) => socket.io.once("reconnect_error", resolve));
    const connectError = new Promise<Error>((resolve) => socket.once("connect_error", resolve));
    socket.io.engine.close();
    const error = await Promise.race([refused, connectError]);
    expect(String(error.message)).toMatch(/unauthorized/);
    expect(socket.recovered).toBe(false);
    socket.close();
  });
});
