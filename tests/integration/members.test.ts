// Facilitators managing who is in a community: roles, removal, invitations listed, resent and
// revoked; member profiles seen by fellow members only. Against a started server, on SQLite and
// (TEST_SERVER_DIALECT=postgres) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, visibleText, Visitor, type TestServer } from "../helpers/server";
import { createUser } from "../../db/queries/users";
import { hashPassword } from "../../server/auth/passwords";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const slug = "early-years-circle";
const signedIn = async (email: string) => {
  const v = new Visitor(server.url);
  await v.signIn(email);
  return v;
};
const idOf = async (email: string) => (await server.services.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
const roleIn = async (email: string) =>
  (
    await server.services.db
      .selectFrom("memberships")
      .innerJoin("communities", "communities.id", "memberships.community_id")
      .select("memberships.role")
      .where("communities.slug", "=", slug)
      .where("memberships.user_id", "=", await idOf(email))
      .executeTakeFirst()
  )?.role ?? null;
const membersOf = async () =>
  server.services.db
    .selectFrom("memberships")
    .innerJoin("communities", "communities.id", "memberships.community_id")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.email", "memberships.role"])
    .where("communities.slug", "=", slug)
    .execute();

describe("a facilitator manages members", () => {
  it("promotes a member, and the two facilitators cannot both step down at once", async () => {
    const priya = await signedIn("priya.sandhu@csl-commons.example");
    const [member] = (await membersOf()).filter((m) => m.role === "member");
    const memberPage = await signedIn(member.email);
    expect((await memberPage.post(`/communities/${slug}/members`, { intent: "make-facilitator", userId: await idOf(member.email) })).status).toBe(403);
    const promoted = await priya.post(`/communities/${slug}/members`, { intent: "make-facilitator", userId: await idOf(member.email) });
    expect(promoted.status).toBe(200);
    expect(await roleIn(member.email)).toBe("facilitator");
    const notices = await server.services.db.selectFrom("notifications").select("title").where("user_id", "=", await idOf(member.email)).execute();
    expect(notices.map((n) => n.title)).toContain("You are now a facilitator of Early Years Circle");

    // Each makes the other a member at the same moment: one of them stays a facilitator.
    const results = await Promise.all([
      priya.post(`/communities/${slug}/members`, { intent: "make-member", userId: await idOf(member.email) }),
      memberPage.post(`/communities/${slug}/members`, { intent: "make-member", userId: await idOf("priya.sandhu@csl-commons.example") }),
    ]);
    const facilitators = (await membersOf()).filter((m) => m.role === "facilitator");
    expect(facilitators).toHaveLength(1);
    expect(results.map((r) => r.status).sort()).toEqual(results.some((r) => r.status === 403) ? [200, 403] : [200, 409]);
    // Put things back for the tests that follow.
    const admin = await signedIn("admin@csl-commons.example");
    await admin.post(`/communities/${slug}/members`, { intent: "make-facilitator", userId: await idOf("priya.sandhu@csl-commons.example") });
    await admin.post(`/communities/${slug}/members`, { intent: "make-member", userId: await idOf(member.email) });
    expect(await roleIn("priya.sandhu@csl-commons.example")).toBe("facilitator");
  });

  it("removes a member after confirmation, and the member loses the community at once", async () => {
    const priya = await signedIn("priya.sandhu@csl-commons.example");
    const [member] = (await membersOf()).filter((m) => m.role === "member");
    const memberPage = await signedIn(member.email);
    expect((await memberPage.page(`/communities/${slug}`)).status).toBe(200);
    const unconfirmed = await priya.post(`/communities/${slug}/members`, { intent: "remove", userId: await idOf(member.email) });
    expect(unconfirmed.status).toBe(400);
    expect(await roleIn(member.email)).toBe("member");
    const removed = await priya.post(`/communities/${slug}/members`, { intent: "remove", userId: await idOf(member.email), confirmed: "yes" });
    expect(removed.status).toBe(200);
    expect(visibleText(removed.html)).toContain("is removed. They have been told.");
    expect(await roleIn(member.email)).toBeNull();
    expect((await memberPage.page(`/communities/${slug}`)).status).toBe(404);
    // The only facilitator is not removed.
    const alone = await priya.post(`/communities/${slug}/members`, { intent: "remove", userId: await idOf("priya.sandhu@csl-commons.example"), confirmed: "yes" });
    expect(alone.status).toBe(409);
  });
});

describe("invitations", () => {
  it("does not invite a member or someone already invited twice; lists, resends and revokes", async () => {
    const priya = await signedIn("priya.sandhu@csl-commons.example");
    const [member] = (await membersOf()).filter((m) => m.role === "member");
    const first = await priya.post(`/communities/${slug}/invite`, { emails: `new.educator@school.example, ${member.email}`, role: "member" });
    expect(visibleText(first.html)).toContain("1 invitation is on its way");
    expect(visibleText(first.html)).toContain(`${member.email} is already a member.`);
    const again = await priya.post(`/communities/${slug}/invite`, { emails: "New.Educator@school.example", role: "member" });
    expect(visibleText(again.html)).toContain("new.educator@school.example is already invited");
    const rows = await server.services.db.selectFrom("invitations").selectAll().where("email", "=", "new.educator@school.example").execute();
    expect(rows).toHaveLength(1);

    const firstLink = /\/invite\/[a-z2-9]{32}/.exec(first.html)![0];
    const resent = await priya.post(`/communities/${slug}/invite`, { intent: "resend", invitationId: rows[0].id });
    expect(visibleText(resent.html)).toContain("the earlier link no longer works");
    const secondLink = /\/invite\/[a-z2-9]{32}/.exec(resent.html)![0];
    expect(secondLink).not.toBe(firstLink);
    const stranger = new Visitor(server.url);
    expect(visibleText((await stranger.page(firstLink)).html)).not.toContain("You are invited to");
    expect(visibleText((await stranger.page(secondLink)).html)).toContain("You are invited to Early Years Circle");

    expect((await priya.post(`/communities/${slug}/invite`, { intent: "revoke", invitationId: rows[0].id })).status).toBe(400);
    const revoked = await priya.post(`/communities/${slug}/invite`, { intent: "revoke", invitationId: rows[0].id, confirmed: "yes" });
    expect(visibleText(revoked.html)).toContain("The invitation to new.educator@school.example is revoked");
    expect(visibleText((await stranger.page(secondLink)).html)).not.toContain("You are invited to");
    expect(visibleText((await priya.page(`/communities/${slug}/invite`)).html)).toContain("No invitations are waiting.");
    // An admin without an email server reads what was sent, with the private links masked.
    const outbox = (await (await signedIn("admin@csl-commons.example")).page("/admin/outbox")).html;
    expect(visibleText(outbox)).toContain("invites you to join Early Years Circle");
    expect(visibleText(outbox)).toContain("[private link: shown only to its addressee]");
    expect(outbox).not.toMatch(/\/invite\/[a-z2-9]{32}/);
  });
});

describe("an invitation to someone who already has an account", () => {
  it("reaches their bell, leads to their invitations without the secret link, and only they can accept it", async () => {
    const priya = await signedIn("priya.sandhu@csl-commons.example");
    await priya.post(`/communities/${slug}/invite`, { emails: "daniel.okafor@csl-commons.example", role: "member" });
    const db = server.services.db;
    const notice = await db.selectFrom("notifications").select(["title", "href"]).where("user_id", "=", await idOf("daniel.okafor@csl-commons.example")).where("kind", "=", "invitation").executeTakeFirstOrThrow();
    expect(notice).toEqual({ title: "Priya Sandhu invites you to Early Years Circle", href: "/invitations" });
    // One email only: the invitation's own, with its link; the bell notice sends none.
    expect(await db.selectFrom("outbox").select("subject").where("to_address", "=", "daniel.okafor@csl-commons.example").where("subject", "like", "%Early Years Circle%").execute()).toHaveLength(1);
    const invitation = await db.selectFrom("invitations").select("id").where("email", "=", "daniel.okafor@csl-commons.example").where("accepted_at", "is", null).executeTakeFirstOrThrow();
    const sam = await signedIn("member@csl-commons.example");
    expect((await sam.post("/invitations", { invitationId: invitation.id })).status).toBe(410);
    const daniel = await signedIn("daniel.okafor@csl-commons.example");
    expect(visibleText((await daniel.page("/invitations")).html)).toContain("Priya Sandhu invites you to Early Years Circle.");
    const accepted = await daniel.post("/invitations", { invitationId: invitation.id });
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe(`/communities/${slug}`);
    expect(await roleIn("daniel.okafor@csl-commons.example")).toBe("member");
  });
});

describe("member profiles", () => {
  it("fellow members see a profile; someone who shares no community gets nothing", async () => {
    const daniel = await idOf("daniel.okafor@csl-commons.example");
    const sam = await signedIn("member@csl-commons.example");
    const page = await sam.page(`/people/${daniel}`);
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain("Daniel Okafor");
    expect(text).toContain("Communities you share");
    // Someone in the network who shares no community sees no one's profile, and is not seen.
    await createUser(server.services.db, { email: "newcomer@school.example", name: "New Comer", passwordHash: await hashPassword("circle-of-practice") });
    const newcomer = await signedIn("newcomer@school.example");
    expect((await newcomer.page(`/people/${daniel}`)).status).toBe(404);
    const danielPage = await signedIn("daniel.okafor@csl-commons.example");
    expect((await danielPage.page(`/people/${await idOf("newcomer@school.example")}`)).status).toBe(404);
    const priyaId = await idOf("priya.sandhu@csl-commons.example");
    expect((await sam.page(`/people/${priyaId}`)).status).toBe(200);
    expect((await sam.page("/people/not-an-id!")).status).toBe(404);
  });
});
