// What operators ask a node: /healthz, /readyz (a pending migration makes it not ready), and
// /metrics in Prometheus's format, counting what is live, kept from the public (only straight from
// the node's machine, or with METRICS_TOKEN).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingNow, Participant } from "../helpers/roomClient";
import { startTestServer, Visitor, type TestServer } from "../helpers/server";

const token = "a-long-enough-metrics-token";
let server: TestServer;
let guarded: TestServer;

beforeAll(async () => {
  [server, guarded] = await Promise.all([startTestServer(), startTestServer({ env: { METRICS_TOKEN: token } })]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), guarded?.stop()]);
});

const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);

describe("operations", () => {
  it("is ready once every migration has run, and says which one is pending when not", async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
    const { db } = server.services;
    const last = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(db);
    await sql`delete from kysely_migration where name = ${last.rows[0].name}`.execute(db);
    try {
      const pending = await fetch(`${server.url}/readyz`);
      expect(pending.status).toBe(503);
      expect(await pending.json()).toEqual({ status: "migrations pending", pending: [last.rows[0].name] });
      // Alive all the same.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last.rows[0].name}, ${last.rows[0].timestamp})`.execute(db);
    }
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it("counts what is live in Prometheus's format", async () => {
    const before = await (await fetch(`${server.url}/metrics`)).text();
    expect(metric(before, "csl_rooms_resident")).toBe(0);
    expect(before).toContain("csl_nodejs_eventloop_lag_seconds");
    expect(metric(before, "csl_store_latency_seconds")).toBeGreaterThan(0);
    expect(metric(before, "csl_outbox_backlog")).toBeGreaterThanOrEqual(0);
    const member = new Visitor(server.url);
    await member.signIn("member@csl-commons.example");
    const meeting = await meetingNow(server, "provincial-community-of-practice");
    const p = await Participant.withCookie(server, member.cookieHeader);
    expect((await p.join(meeting)).ok).toBe(true);
    const during = await (await fetch(`${server.url}/metrics`)).text();
    expect(metric(during, "csl_rooms_resident")).toBe(1);
    expect(metric(during, "csl_socketio_connections")).toBeGreaterThanOrEqual(1);
    p.close();
  });

  it("keeps the metrics from the public: not through a proxy, and with a token only for its bearer", async () => {
    expect((await fetch(`${server.url}/metrics`, { headers: { "x-forwarded-for": "203.0.113.9" } })).status).toBe(403);
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(403);
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: "Bearer wrong-token-of-some-length" } })).status).toBe(403);
    const allowed = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("content-type")).toContain("text/plain");
    expect(await allowed.text()).toContain("# TYPE csl_canvases_resident gauge");
  });
});
