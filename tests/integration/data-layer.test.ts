// The data layer on every configured database: the same migrations and queries must give
// the same results on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation, createInvitation, findInvitation } from "../../db/queries/invitations";
import { addMember, createCommunity, getMembershipRole, listCommunitiesFor, listMembers, removeMember } from "../../db/queries/communities";
import { getOccurrence, getSeries, createSeries, occurrencesInWindow, rsvpSummary, setRsvp, updateOccurrence } from "../../db/queries/meetings";
import { createUser, findUserByEmail } from "../../db/queries/users";
import { createSession, invalidateUserSessions, sessionLifetimeMs, validateSessionToken } from "../../server/auth/sessions";
import { sha256Hex } from "../../server/auth/tokens";
import { defaultAgenda } from "../../shared/agenda";
import { dialects, openTestDatabase, type TestDatabase } from "../helpers/databases";

describe.each(dialects)("data layer on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  const person = (email: string, name = "Test Person") => createUser(t.db, { email, name, passwordHash: "x" });

  it("keeps one account per email, whatever its case", async () => {
    await person("Ada@Example.org", "Ada");
    expect((await findUserByEmail(t.db, "ada@example.ORG"))?.name).toBe("Ada");
    await expect(person("ADA@example.org")).rejects.toThrow();
  });

  it("stores text that looks like SQL or HTML exactly as typed", async () => {
    const name = `Robert'); DROP TABLE users;-- <script>alert(1)</script>`;
    const user = await person("bobby@example.org", name);
    expect((await findUserByEmail(t.db, "bobby@example.org"))?.name).toBe(name);
    expect(user.name).toBe(name);
  });

  it("validates a session token only with its secret, and ends every session of a user", async () => {
    const user = await person("sessions@example.org");
    const { token, session } = await createSession(t.db, user.id, "vitest");
    const valid = await validateSessionToken(t.db, token);
    expect(valid?.user.id).toBe(user.id);
    expect(valid?.refreshed).toBe(false);
    const [id] = token.split(".");
    expect(await validateSessionToken(t.db, `${id}.${"a".repeat(24)}`)).toBeNull();
    expect(await validateSessionToken(t.db, "garbage")).toBeNull();
    // Only the hash of the secret is stored.
    expect(session.secret_hash).toBe(await sha256Hex(token.split(".")[1]));
    expect(session.secret_hash).not.toContain(token.split(".")[1]);
    await invalidateUserSessions(t.db, user.id);
    expect(await validateSessionToken(t.db, token)).toBeNull();
  });

  it("extends a session used in the second half of its life and removes an expired one", async () => {
    const user = await person("sliding@example.org");
    const { token, session } = await createSession(t.db, user.id, null);
    const soon = new Date(Date.now() + sessionLifetimeMs / 4).toISOString();
    await t.db.updateTable("sessions").set({ expires_at: soon }).where("id", "=", session.id).execute();
    const refreshed = await validateSessionToken(t.db, token);
    expect(refreshed?.refreshed).toBe(true);
    expect(Date.parse(refreshed!.session.expires_at)).toBeGreaterThan(Date.now() + sessionLifetimeMs * 0.9);
    await t.db.updateTable("sessions").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("id", "=", session.id).execute();
    expect(await validateSessionToken(t.db, token)).toBeNull();
    expect(await t.db.selectFrom("sessions").select("id").where("id", "=", session.id).executeTakeFirst()).toBeUndefined();
  });

  it("lets an invitation be used once, even when two people race for it", async () => {
    const inviter = await person("inviter@example.org");
    const community = await createCommunity(t.db, { name: "Early Years Circle", description: "", visibility: "invite", createdBy: inviter.id });
    const hash = await sha256Hex("invitation-token");
    await createInvitation(t.db, { email: "new@example.org", communityId: community.id, role: "member", invitedBy: inviter.id, tokenHash: hash });
    const invitation = (await findInvitation(t.db, hash))!;
    expect(invitation.state).toBe("valid");
    expect(invitation.community_name).toBe("Early Years Circle");
    const a = await person("racer-a@example.org");
    const b = await person("racer-b@example.org");
    const results = await Promise.all([acceptInvitation(t.db, invitation, a.id), acceptInvitation(t.db, invitation, b.id)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await findInvitation(t.db, hash))!.state).toBe("used");
    const members = await listMembers(t.db, community.id);
    expect(members).toHaveLength(1);
  });

  it("lists open communities to everyone and invitation-only ones to their members", async () => {
    const creator = await person("creator@example.org");
    const open = await createCommunity(t.db, { name: "Provincial Circle", description: "All welcome", visibility: "open", createdBy: creator.id });
    const closed = await createCommunity(t.db, { name: "Leaders' Circle", description: "", visibility: "invite", createdBy: creator.id });
    const again = await createCommunity(t.db, { name: "Provincial Circle", description: "", visibility: "open", createdBy: creator.id });
    expect(again.slug).toBe("provincial-circle-2");
    const member = await person("member@example.org");
    await addMember(t.db, closed.id, member.id, "member");
    const visible = await listCommunitiesFor(t.db, member.id, false);
    expect(visible.map((c) => c.slug)).toEqual(expect.arrayContaining([open.slug, closed.slug]));
    const outsider = await person("outsider@example.org");
    expect((await listCommunitiesFor(t.db, outsider.id, false)).map((c) => c.slug)).not.toContain(closed.slug);
    await addMember(t.db, closed.id, member.id, "facilitator");
    expect(await getMembershipRole(t.db, closed.id, member.id)).toBe("facilitator");
    await addMember(t.db, closed.id, member.id, "member");
    expect(await getMembershipRole(t.db, closed.id, member.id)).toBe("facilitator");
    await removeMember(t.db, closed.id, member.id);
    expect(await getMembershipRole(t.db, closed.id, member.id)).toBeNull();
  });

  it("expands a bi-weekly series, moves and cancels single occurrences, and counts RSVPs", async () => {
    const facilitator = await person("facilitator@example.org");
    const community = await createCommunity(t.db, { name: "Series Circle", description: "", visibility: "open", createdBy: facilitator.id });
    const series = await createSeries(t.db, {
      communityId: community.id,
      title: "Provincial CoP",
      description: "",
      startLocal: "2026-09-09T15:30",
      timezone: "America/Vancouver",
      durationMinutes: 90,
      rrule: "FREQ=WEEKLY;INTERVAL=2",
      videoUrl: null,
      agenda: defaultAgenda,
      createdBy: facilitator.id,
    });
    const from = new Date("2026-10-01T00:00:00Z");
    const to = new Date("2026-12-01T00:00:00Z");
    const before = await occurrencesInWindow(t.db, [series], from, to);
    expect(before.map((o) => o.startsAt)).toEqual([
      "2026-10-07T22:30:00.000Z",
      "2026-10-21T22:30:00.000Z",
      "2026-11-04T22:30:00.000Z",
      "2026-11-18T22:30:00.000Z",
    ]);
    expect(before.map((o) => o.key)).toEqual(["2026-10-07", "2026-10-21", "2026-11-04", "2026-11-18"]);
    const fresh = (await getSeries(t.db, series.id))!;
    const second = (await getOccurrence(t.db, fresh, "2026-10-21"))!;
    await updateOccurrence(t.db, second, { movedTo: "2026-10-22T15:30" });
    const third = (await getOccurrence(t.db, fresh, "2026-11-04"))!;
    await updateOccurrence(t.db, third, { status: "cancelled" });
    await setRsvp(t.db, third, facilitator.id, "yes");
    await setRsvp(t.db, third, facilitator.id, "maybe");
    const after = await occurrencesInWindow(t.db, [series], from, to);
    expect(after.find((o) => o.key === second.key)).toMatchObject({ startsAt: "2026-10-22T22:30:00.000Z", endsAt: "2026-10-23T00:00:00.000Z", moved: true, sequence: 1 });
    expect(after.find((o) => o.key === third.key)).toMatchObject({ status: "cancelled", sequence: 1 });
    // An RSVP is no change to the calendar event.
    expect(after.find((o) => o.key === "2026-11-18")?.sequence).toBe(0);
    const reread = (await getOccurrence(t.db, fresh, "2026-11-04"))!;
    const summary = await rsvpSummary(t.db, reread.meetingId, facilitator.id);
    expect(summary.counts).toEqual({ yes: 0, maybe: 1, no: 0 });
    expect(summary.mine).toBe("maybe");
    expect(await getOccurrence(t.db, fresh, "2026-10-14")).toBeUndefined();
  });
});
