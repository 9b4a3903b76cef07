// People's roles in the network, set by admins (SQLite, and PostgreSQL in CI): a member made a
// coordinator keeps the contacts at once; the network always keeps an admin, also when two admins
// demote each other at the same moment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: Visitor;

beforeAll(async () => {
  server = await startTestServer();
  admin = new Visitor(server.url);
  await admin.signIn("admin@csl-commons.example");
});
afterAll(async () => {
  await server?.stop();
});

const idOf = async (email: string) => (await server.services.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

describe("network roles", () => {
  it("a member made a coordinator keeps the contacts and newsletters from the next request; made a member again, loses them", async () => {
    const member = new Visitor(server.url);
    await member.signIn("member@csl-commons.example");
    expect((await member.page("/network/contacts")).status).toBe(403);
    expect((await member.page("/admin/people")).status).toBe(403);
    expect((await member.post("/admin/people", { userId: await idOf("member@csl-commons.example"), role: "admin" })).status).toBe(403);
    const id = await idOf("member@csl-commons.example");
    const made = await admin.post("/admin/people", { userId: id, role: "coordinator" });
    expect(made.status).toBe(200);
    expect(visibleText(made.html)).toContain("is now: Coordinator (contacts and newsletters).");
    expect((await member.page("/network/contacts")).status).toBe(200);
    expect((await member.page("/network/newsletters")).status).toBe(200);
    expect((await member.page("/admin/people")).status).toBe(403);
    await admin.post("/admin/people", { userId: id, role: "member" });
    expect((await member.page("/network/newsletters")).status).toBe(403);
    expect((await admin.post("/admin/people", { userId: id, role: "owner" })).status).toBe(400);
    expect((await admin.post("/admin/people", { userId: "nobody", role: "member" })).status).toBe(409);
  });

  it("keeps an admin: the only one cannot step down, and two admins demoting each other at once leave one", async () => {
    const self = await idOf("admin@csl-commons.example");
    const refused = await admin.post("/admin/people", { userId: self, role: "member" });
    expect(refused.status).toBe(409);
    expect(visibleText(refused.html)).toContain("is the network's only admin");

    const daniel = await idOf("daniel.okafor@csl-commons.example");
    await admin.post("/admin/people", { userId: daniel, role: "admin" });
    const other = new Visitor(server.url);
    await other.signIn("daniel.okafor@csl-commons.example");
    const [a, b] = await Promise.all([admin.post("/admin/people", { userId: daniel, role: "member" }), other.post("/admin/people", { userId: self, role: "member" })]);
    // One wins; the other is refused: as the last admin (409), or as no longer an admin at all (403).
    expect([a.status, b.status].filter((s) => s === 200)).toHaveLength(1);
    expect([a.status, b.status].filter((s) => s === 403 || s === 409)).toHaveLength(1);
    const admins = await server.services.db.selectFrom("users").select("id").where("network_role", "=", "admin").execute();
    expect(admins).toHaveLength(1);
  });
});
