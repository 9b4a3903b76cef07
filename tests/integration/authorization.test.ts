// Who may do what, walked as a table: every page and download, the state-changing actions, the
// room's socket events and the canvas upgrade, each tried as a visitor who is not signed in,
// a member of another community, a member, a facilitator and a network admin, on the
// invitation-only Early Years Circle. A change in any cell fails the test.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCanvas } from "../helpers/canvasClient";
import { meetingNow, Participant } from "../helpers/roomClient";
import { startTestServer, Visitor, type TestServer } from "../helpers/server";
import { newId } from "../../shared/ids";

type Role = "anonymous" | "outsider" | "member" | "facilitator" | "admin";
const roles: Role[] = ["anonymous", "outsider", "member", "facilitator", "admin"];
const emails: Record<Exclude<Role, "anonymous">, string> = {
  outsider: "lena.fischer@csl-commons.example", // in the provincial community, not in Early Years
  member: "member@csl-commons.example",
  facilitator: "priya.sandhu@csl-commons.example",
  admin: "admin@csl-commons.example",
};
const slug = "early-years-circle";

let server: TestServer;
const visitors = {} as Record<Role, Visitor>;
const paths = {} as Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.services;
  for (const role of roles) {
    visitors[role] = new Visitor(server.url);
    if (role !== "anonymous") await visitors[role].signIn(emails[role]);
  }
  const meeting = await meetingNow(server, slug);
  const canvasId = await newCanvas(db, slug, emails.facilitator);
  const versionId = newId();
  await db.insertInto("canvas_versions").values({ id: versionId, canvas_id: canvasId, name: "Start", data: "AAA=", created_by: (await db.selectFrom("users").select("id").where("email", "=", emails.facilitator).executeTakeFirstOrThrow()).id, created_at: new Date().toISOString() }).execute();
  const cycle = await db.selectFrom("mentorship_cycles").select("id").executeTakeFirstOrThrow();
  // The demo network's quoted training request and its Going Deeper cohort.
  const quoted = await db.selectFrom("training_requests").select("id").where("stage", "=", "quoted").executeTakeFirstOrThrow();
  const cohort = await db.selectFrom("cohorts").select(["slug", "request_id"]).executeTakeFirstOrThrow();
  Object.assign(paths, {
    meeting: `/meetings/${meeting.seriesId}/${meeting.key}`,
    canvas: `/canvases/${canvasId}`,
    version: `/canvases/${canvasId}/versions/${versionId}`,
    cycle: `/mentorship/${cycle.id}`,
    quotePdf: `/network/training/${quoted.id}/quotes/1.pdf`,
    cohort: `/network/training/${cohort.request_id}/cohort`,
    apply: `/cohorts/${cohort.slug}/apply`,
    canvasId,
    seriesId: meeting.seriesId,
    key: meeting.key,
  });
});
afterAll(async () => {
  await server?.stop();
});

/** Expected status per role, in the order of `roles`. 302 for a visitor is the way to sign in. */
const pages: Array<[string, () => string, number[]]> = [
  ["the community", () => `/communities/${slug}`, [302, 404, 200, 200, 200]],
  ["its members", () => `/communities/${slug}/members`, [302, 404, 200, 200, 200]],
  ["inviting people", () => `/communities/${slug}/invite`, [302, 404, 403, 200, 200]],
  ["planning a meeting", () => `/communities/${slug}/meetings/new`, [302, 404, 403, 200, 200]],
  ["a meeting", () => paths.meeting, [302, 404, 200, 200, 200]],
  ["its calendar file", () => `${paths.meeting}/calendar.ics`, [302, 404, 200, 200, 200]],
  ["its live room", () => `${paths.meeting}/room`, [302, 404, 200, 200, 200]],
  ["its summary", () => `${paths.meeting}/summary`, [302, 404, 200, 200, 200]],
  ["its attendance", () => `${paths.meeting}/attendance.csv`, [302, 404, 403, 200, 200]],
  ["a map", () => paths.canvas, [302, 404, 200, 200, 200]],
  ["a map's version", () => paths.version, [302, 404, 200, 200, 200]],
  ["a map's download", () => `${paths.canvas}/export/kumu`, [302, 404, 200, 200, 200]],
  ["the mentorship cycle", () => paths.cycle, [302, 200, 200, 200, 200]],
  ["its program report", () => `${paths.cycle}/report`, [302, 403, 403, 200, 200]],
  ["its report as CSV", () => `${paths.cycle}/report.csv`, [302, 403, 403, 200, 200]],
  ["the outbox", () => "/admin/outbox", [302, 403, 403, 403, 200]],
  ["people and roles", () => "/admin/people", [302, 403, 403, 403, 200]],
  ["the network's work", () => "/network", [302, 403, 403, 403, 200]],
  ["the network's contacts", () => "/network/contacts", [302, 403, 403, 403, 200]],
  ["the newsletters", () => "/network/newsletters", [302, 403, 403, 403, 200]],
  ["the organizations", () => "/network/organizations", [302, 403, 403, 403, 200]],
  ["running events", () => "/network/events", [302, 403, 403, 403, 200]],
  ["the public events", () => "/events", [200, 200, 200, 200, 200]],
  ["requesting training", () => "/training", [200, 200, 200, 200, 200]],
  ["the training requests", () => "/network/training", [302, 403, 403, 403, 200]],
  ["the newsletters' public archive", () => "/newsletters", [200, 200, 200, 200, 200]],
  ["new community", () => "/communities/new", [302, 403, 403, 403, 200]],
  ["settings", () => "/settings", [302, 200, 200, 200, 200]],
  ["the newsletter sign-up", () => "/stay-up-to-date", [200, 200, 200, 200, 200]],
  ["the home (public for a visitor)", () => "/", [200, 200, 200, 200, 200]],
  ["the resources", () => "/resources", [200, 200, 200, 200, 200]],
  ["a practice page", () => "/resources/deep-listening", [200, 200, 200, 200, 200]],
  ["the resources library", () => "/network/resources", [302, 403, 403, 403, 200]],
  ["editing a resource", () => "/network/resources/practice-deep-listening", [302, 403, 403, 403, 200]],
  ["the public pages' words", () => "/network/site", [302, 403, 403, 403, 200]],
  ["the training dashboard", () => "/network/training-dashboard", [302, 403, 403, 403, 200]],
  ["a quote as PDF", () => paths.quotePdf, [302, 403, 403, 403, 200]],
  ["a Going Deeper cohort", () => paths.cohort, [302, 403, 403, 403, 200]],
  ["applying to the cohort", () => paths.apply, [200, 200, 200, 200, 200]],
];

describe("pages and downloads", () => {
  for (const [what, path, expected] of pages) {
    it(`${what}: ${expected.join(" / ")} for ${roles.join(" / ")}`, async () => {
      const got = [];
      for (const role of roles) got.push((await visitors[role].get(path())).status);
      expect(got).toEqual(expected);
    });
  }
});

describe("actions", () => {
  const actions: Array<[string, () => string, Record<string, string>, number[]]> = [
    ["answering a meeting's RSVP", () => paths.meeting, { intent: "rsvp", response: "yes" }, [302, 404, 200, 200, 403]],
    ["cancelling a meeting", () => paths.meeting, { intent: "cancel", confirmed: "yes" }, [302, 404, 403, 200, 200]],
    ["bringing it back", () => paths.meeting, { intent: "restore" }, [302, 404, 403, 200, 200]],
    ["inviting someone", () => `/communities/${slug}/invite`, { emails: "new.person@school.example", role: "member" }, [302, 404, 403, 200, 200]],
    ["pausing a map", () => paths.canvas, { intent: "lock" }, [302, 404, 403, 200, 200]],
    ["unpausing it", () => paths.canvas, { intent: "unlock" }, [302, 404, 403, 200, 200]],
    ["adding a contact", () => "/network/contacts", { name: "A Person", email: "a.person@school.example" }, [302, 403, 403, 403, 302]],
    ["starting a newsletter", () => "/network/newsletters", { subject: "A newsletter" }, [302, 403, 403, 403, 302]],
    ["publishing a resource", () => "/network/resources", { title: "Reading list", summary: "Books we read together.", body: "Senge", domain: "system", kind: "reading", audience: "everyone", visibility: "public", tags: "" }, [302, 403, 403, 403, 302]],
    ["closing a cohort's applications", () => paths.cohort, { intent: "close" }, [302, 403, 403, 403, 200]],
    ["changing the public home's words", () => "/network/site", { key: "home-training", body: "Ask us." }, [302, 403, 403, 403, 200]],
  ];
  for (const [what, path, form, expected] of actions) {
    it(`${what}: ${expected.join(" / ")}`, async () => {
      const got = [];
      for (const role of roles) got.push((await visitors[role].post(path(), form)).status);
      expect(got).toEqual(expected);
    });
  }
});

describe("the live room's socket events", () => {
  it("joining: refused without a session and to outsiders; members, facilitators and admins come in", async () => {
    await expect(Participant.withCookie(server, "")).rejects.toThrow(/unauthorized/);
    const results: Record<string, boolean> = {};
    for (const role of ["outsider", "member", "facilitator", "admin"] as const) {
      const p = await Participant.withCookie(server, visitors[role].cookieHeader);
      results[role] = (await p.join({ seriesId: paths.seriesId, key: paths.key })).ok;
      if (role === "member") expect((await p.send("timer:set", { seconds: 60 })).ok).toBe(false);
      if (role === "facilitator" || role === "admin") expect((await p.send("timer:set", { seconds: 60 })).ok).toBe(true);
      if (role === "outsider") expect(await p.send("chat:send", { text: "hello?" })).toEqual({ ok: false, error: "Join the room first." });
      p.close();
    }
    expect(results).toEqual({ outsider: false, member: true, facilitator: true, admin: true });
  });
});

describe("the canvas upgrade", () => {
  const upgrade = (cookie: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, "127.0.0.1", () =>
        socket.write(
          `GET /yjs/${paths.canvasId} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${cookie ? `Cookie: ${cookie}\r\n` : ""}Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
        ),
      );
      let received = "";
      socket.on("data", (chunk) => {
        received += chunk.toString();
        if (received.includes("\r\n")) socket.destroy();
      });
      socket.on("close", () => resolve(received.split("\r\n")[0].split(" ")[1]));
      socket.on("error", reject);
    });

  it("is refused without a session (401) and to outsiders (403); members, facilitators and admins connect", async () => {
    const got = [];
    for (const role of roles) got.push(await upgrade(visitors[role].cookieHeader));
    expect(got).toEqual(["401", "403", "101", "101", "101"]);
  });
});
