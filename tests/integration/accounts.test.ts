// Accounts and sessions against a started server on a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, visibleText, Visitor, type TestServer } from "../helpers/server";
import { sha256Hex } from "../../server/auth/tokens";
import { zoneDatabase } from "../../shared/timezones";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const visitor = () => new Visitor(server.url);
const db = () => server.services.db;

async function latestMail(to: string) {
  return db().selectFrom("outbox").selectAll().where("to_address", "=", to).orderBy("created_at", "desc").executeTakeFirstOrThrow();
}

describe("signing in and out", () => {
  it("answers the health check and serves the sign-in page", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ status: "ok", tzdata: zoneDatabase().version });
    const login = await visitor().page("/login");
    expect(login.status).toBe(200);
    expect(visibleText(login.html)).toContain("Welcome to CSL Commons");
  });

  it("sends a person who is not signed in to the sign-in page, and back afterwards", async () => {
    const sam = visitor();
    const home = await sam.page("/communities");
    expect(home.status).toBe(302);
    expect(home.location).toBe("/login?redirectTo=%2Fcommunities");
    const signedIn = await sam.post("/login", { email: "member@csl-commons.example", password: "circle-of-practice", redirectTo: "/communities" });
    expect(signedIn.location).toBe("/communities");
    const cookie = signedIn.status === 302 ? sam.cookies.get("csl_session") : undefined;
    expect(cookie).toMatch(/^[a-z2-9]{24}\.[a-z2-9]{24}$/);
  });

  it("never redirects to another site after signing in", async () => {
    for (const redirectTo of ["//evil.example/x", "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/ /evil.example", "https://evil.example/", "javascript:alert(1)"]) {
      const result = await visitor().post("/login", { email: "member@csl-commons.example", password: "circle-of-practice", redirectTo });
      expect(result.location, JSON.stringify(redirectTo)).toBe("/");
    }
    // The form's hidden field comes from the address: /login?redirectTo=%2F%09%2Fevil.example
    const signedIn = visitor();
    await signedIn.signIn("member@csl-commons.example");
    expect((await signedIn.page("/login?redirectTo=%2F%09%2Fevil.example")).location).toBe("/");
    expect((await signedIn.page("/login?redirectTo=%2Fcommunities%3Fa%3D1")).location).toBe("/communities?a=1");
  });

  it("lets a demo member sign in, see the next meeting and sign out", async () => {
    const sam = visitor();
    await sam.signIn("member@csl-commons.example");
    const home = visibleText((await sam.page("/")).html);
    expect(home).toContain("Welcome, Sam");
    expect(home).toContain("Your next meeting");
    expect(home).toContain("Provincial CoP circle");
    const out = await sam.post("/logout", {});
    expect(out.location).toBe("/login");
    expect(sam.cookies.has("csl_session")).toBe(false);
    expect((await sam.page("/settings")).status).toBe(302);
  });

  it("says plainly when the email and password do not match, beside the form", async () => {
    const result = await visitor().post("/login", { email: "member@csl-commons.example", password: "wrong-password" });
    expect(result.status).toBe(400);
    expect(visibleText(result.html)).toContain("That email and password do not match an account");
    expect(result.html).toContain('value="member@csl-commons.example"');
    expect(result.html).not.toContain("wrong-password");
  });

  it("shows field errors for an empty or malformed form, never a 500", async () => {
    const result = await visitor().post("/login", { email: "not-an-email", password: "" });
    expect(result.status).toBe(400);
    const text = visibleText(result.html);
    expect(text).toContain("Enter an email address like name@school.ca");
    expect(text).toContain("Enter your password");
    const notAForm = await visitor().request("/login", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(notAForm.status).toBe(400);
  });

  it("throttles repeated failed sign-ins for one account with a clear message", async () => {
    const email = "lena.fischer@csl-commons.example";
    for (let i = 0; i < 4; i++) expect((await visitor().post("/login", { email, password: `wrong-${i}` })).status).toBe(400);
    const fifth = await visitor().post("/login", { email, password: "wrong-5" });
    expect(fifth.status).toBe(429);
    expect(visibleText(fifth.html)).toContain("Too many sign-in attempts for this account. Please wait 1 minute and try again, or reset your password");
    const blocked = await visitor().post("/login", { email, password: "circle-of-practice" });
    expect(blocked.status).toBe(429);
    // Another account from the same address is not blocked by it.
    await visitor().signIn("marcus.lee@csl-commons.example");
  });
});

describe("invitations", () => {
  it("a facilitator invites by email and the invitee signs up through the link, once", async () => {
    const daniel = visitor();
    await daniel.signIn("daniel.okafor@csl-commons.example");
    const sent = await daniel.post("/communities/provincial-community-of-practice/invite", { emails: "New.Teacher@school.example", role: "member", message: "Welcome!" });
    expect(sent.status).toBe(200);
    expect(visibleText(sent.html)).toContain("1 invitation is on its way");
    const mail = await latestMail("new.teacher@school.example");
    const link = /\/invite\/[a-z2-9]{32}/.exec(mail.body_text)?.[0];
    expect(link).toBeDefined();
    expect(mail.body_text).toContain("Welcome!");

    const newcomer = visitor();
    const page = visibleText((await newcomer.page(link!)).html);
    expect(page).toContain("You are invited to Provincial Community of Practice");
    const tooShort = await newcomer.post(link!, { name: "Ana Ruiz", password: "short", confirm: "short" });
    expect(tooShort.status).toBe(400);
    expect(visibleText(tooShort.html)).toContain("Use at least 10 characters");
    const joined = await newcomer.post(link!, { name: "Ana Ruiz", password: "a-long-password", confirm: "a-long-password", email: "attacker@evil.example" });
    expect(joined.status).toBe(302);
    expect(joined.location).toBe("/communities/provincial-community-of-practice");
    const members = visibleText((await newcomer.page("/communities/provincial-community-of-practice/members")).html);
    expect(members).toContain("Ana Ruiz");
    const user = await db().selectFrom("users").selectAll().where("name", "=", "Ana Ruiz").executeTakeFirstOrThrow();
    expect(user.email).toBe("new.teacher@school.example");

    const again = visitor();
    const reused = await again.page(link!);
    expect(visibleText(reused.html)).toContain("This invitation has already been used");
    const reusedPost = await again.post(link!, { name: "Someone Else", password: "a-long-password", confirm: "a-long-password" });
    expect(reusedPost.status).toBe(410);
    expect(await db().selectFrom("users").select("id").where("name", "=", "Someone Else").executeTakeFirst()).toBeUndefined();
  });

  it("an invitation can be taken only by the address it was sent to", async () => {
    const daniel = visitor();
    await daniel.signIn("daniel.okafor@csl-commons.example");
    await daniel.post("/communities/provincial-community-of-practice/invite", { emails: "hana.sato@csl-commons.example", role: "facilitator" });
    const link = /\/invite\/[a-z2-9]{32}/.exec((await latestMail("hana.sato@csl-commons.example")).body_text)![0];
    const other = visitor();
    await other.signIn("fatima.haddad@csl-commons.example");
    expect(visibleText((await other.page(link)).html)).toContain("This invitation was sent to hana.sato@csl-commons.example, and you are signed in as fatima.haddad@csl-commons.example.");
    const taken = await other.post(link, {});
    expect(taken.status).toBe(403);
    const community = await db().selectFrom("communities").select("id").where("slug", "=", "provincial-community-of-practice").executeTakeFirstOrThrow();
    const fatima = await db().selectFrom("users").select("id").where("email", "=", "fatima.haddad@csl-commons.example").executeTakeFirstOrThrow();
    const role = () => db().selectFrom("memberships").select("role").where("community_id", "=", community.id).where("user_id", "=", fatima.id).executeTakeFirst();
    expect((await role())?.role).not.toBe("facilitator");
    const hana = visitor();
    await hana.signIn("hana.sato@csl-commons.example");
    expect((await hana.post(link, {})).status).toBe(302);
  });

  it("an expired invitation shows a clear page and changes nothing", async () => {
    const daniel = visitor();
    await daniel.signIn("daniel.okafor@csl-commons.example");
    await daniel.post("/communities/provincial-community-of-practice/invite", { emails: "late@school.example", role: "member" });
    const link = /\/invite\/([a-z2-9]{32})/.exec((await latestMail("late@school.example")).body_text)!;
    await db().updateTable("invitations").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("token_hash", "=", await sha256Hex(link[1])).execute();
    const page = await visitor().page(link[0]);
    expect(visibleText(page.html)).toContain("This invitation has expired");
    const post = await visitor().post(link[0], { name: "Late Person", password: "a-long-password", confirm: "a-long-password" });
    expect(post.status).toBe(410);
    expect(await db().selectFrom("users").select("id").where("email", "=", "late@school.example").executeTakeFirst()).toBeUndefined();
    expect(visibleText((await visitor().page("/invite/notarealtoken")).html)).toContain("This invitation link is not one we know");
  });

  it("members cannot invite, and invitation input is checked per address", async () => {
    const sam = visitor();
    await sam.signIn("member@csl-commons.example");
    expect((await sam.post("/communities/provincial-community-of-practice/invite", { emails: "x@example.org", role: "member" })).status).toBe(403);
    const daniel = visitor();
    await daniel.signIn("daniel.okafor@csl-commons.example");
    const bad = await daniel.post("/communities/provincial-community-of-practice/invite", { emails: "ok@example.org, not-an-email", role: "member" });
    expect(bad.status).toBe(400);
    expect(visibleText(bad.html)).toContain('"not-an-email" is not an email address');
  });
});

describe("password reset and sessions", () => {
  it("resets a password by emailed one-time link, ending every old session", async () => {
    const email = "grace.chen@csl-commons.example";
    const laptop = visitor();
    await laptop.signIn(email);
    const asked = await visitor().post("/forgot-password", { email });
    expect(visibleText(asked.html)).toContain("If an account uses that email");
    const unknown = await visitor().post("/forgot-password", { email: "nobody@example.org" });
    expect(visibleText(unknown.html)).toContain("If an account uses that email");
    const link = /\/reset-password\/[a-z2-9]{32}/.exec((await latestMail(email)).body_text)![0];
    await visitor().post("/forgot-password", { email });
    const newer = /\/reset-password\/[a-z2-9]{32}/.exec((await latestMail(email)).body_text)![0];
    expect(newer).not.toBe(link);

    const weak = await visitor().post(link, { password: "password123", confirm: "password123" });
    expect(weak.status).toBe(400);
    expect(visibleText(weak.html)).toContain("This password would be easy to guess. This is a commonly used password.");
    const demo = await visitor().post(link, { password: "circle-of-practice", confirm: "circle-of-practice" });
    expect(visibleText(demo.html)).toContain("That is the demo network's published password.");
    const mismatch = await visitor().post(link, { password: "new-password-2026", confirm: "different-password" });
    expect(mismatch.status).toBe(400);
    expect(visibleText(mismatch.html)).toContain("The two passwords are not the same");
    const done = await visitor().post(link, { password: "new-password-2026", confirm: "new-password-2026" });
    expect(done.location).toBe("/login?reset=done");

    expect((await laptop.page("/settings")).status).toBe(302);
    expect((await visitor().post("/login", { email, password: "circle-of-practice" })).status).toBe(400);
    await visitor().signIn(email, "new-password-2026");
    const reused = await visitor().post(link, { password: "another-password-1", confirm: "another-password-1" });
    expect(reused.status).toBe(410);
    expect(visibleText((await visitor().page(link)).html)).toContain("This reset link cannot be used");
    // The other link sent before the reset no longer works either.
    expect((await visitor().post(newer, { password: "another-password-1", confirm: "another-password-1" })).status).toBe(410);
  });

  it("ends a session 90 days after sign-in however active it was", async () => {
    const email = "hana.sato@csl-commons.example";
    const busy = visitor();
    await busy.signIn(email);
    expect((await busy.page("/settings")).status).toBe(200);
    const sessionId = busy.cookies.get("csl_session")!.split(".")[0];
    // Used every day: its sliding expiry is always ahead, but it began 90 days ago.
    await db()
      .updateTable("sessions")
      .set({ created_at: new Date(Date.now() - 90 * 86_400_000 - 1000).toISOString(), expires_at: new Date(Date.now() + 20 * 86_400_000).toISOString() })
      .where("id", "=", sessionId)
      .execute();
    expect((await busy.page("/settings")).status).toBe(302);
    expect(await db().selectFrom("sessions").select("id").where("id", "=", sessionId).executeTakeFirst()).toBeUndefined();
  });

  it("lists one's own sessions and signs out everywhere", async () => {
    const email = "owen.macdonald@csl-commons.example";
    const phone = visitor();
    const desk = visitor();
    await phone.signIn(email);
    await desk.signIn(email);
    const settings = visibleText((await desk.page("/settings")).html);
    expect(settings).toContain("Where you are signed in");
    expect(settings.match(/Signed in /g)?.length).toBe(2);
    const out = await desk.post("/settings", { intent: "end-all" });
    expect(out.location).toBe("/login");
    expect((await phone.page("/settings")).status).toBe(302);
    expect((await desk.page("/settings")).status).toBe(302);
  });

  it("changing the password ends the other sessions and keeps this one", async () => {
    const email = "noah.bergstrom@csl-commons.example";
    const other = visitor();
    const me = visitor();
    await other.signIn(email);
    await me.signIn(email);
    const wrong = await me.post("/settings", { intent: "password", current: "nope", password: "fresh-password-1", confirm: "fresh-password-1" });
    expect(wrong.status).toBe(400);
    expect(visibleText(wrong.html)).toContain("That is not your current password");
    const changed = await me.post("/settings", { intent: "password", current: "circle-of-practice", password: "fresh-password-1", confirm: "fresh-password-1" });
    expect(changed.location).toBe("/settings?password=changed");
    expect((await me.page("/settings")).status).toBe(200);
    expect((await other.page("/settings")).status).toBe(302);
  });
});

describe("guards on every request", () => {
  it("refuses a state-changing request from another site", async () => {
    const sam = visitor();
    await sam.signIn("member@csl-commons.example");
    const crossSite = await sam.post("/profile", { name: "Hacked" }, { Origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    const fetchMetadata = await sam.post("/profile", { name: "Hacked" }, { "Sec-Fetch-Site": "cross-site" });
    expect(fetchMetadata.status).toBe(403);
    const sameOrigin = await sam.post("/profile", { name: "Sam Whitehorse", domains: ["self"] }, { Origin: server.url, "Sec-Fetch-Site": "same-origin" });
    expect(sameOrigin.status).toBe(200);
    const user = await db().selectFrom("users").select("name").where("email", "=", "member@csl-commons.example").executeTakeFirstOrThrow();
    expect(user.name).toBe("Sam Whitehorse");
  });

  it("answers 413 to a body over 1 MB", async () => {
    const sam = visitor();
    await sam.signIn("member@csl-commons.example");
    const response = await sam.request("/profile", { method: "POST", body: `name=${"a".repeat(1024 * 1024 + 10)}`, headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(response.status).toBe(413);
  });

  it("stores text that looks like HTML or SQL as typed and shows it escaped", async () => {
    const hana = visitor();
    await hana.signIn("hana.sato@csl-commons.example");
    const name = `Hana <script>alert("x")</script>'; DROP TABLE users;--`;
    const saved = await hana.post("/profile", { name, pronouns: "", roleTitle: "", organizationId: "", bio: "<b>bold</b>" });
    expect(saved.status).toBe(200);
    const stored = await db().selectFrom("users").select(["name", "bio"]).where("email", "=", "hana.sato@csl-commons.example").executeTakeFirstOrThrow();
    expect(stored).toEqual({ name, bio: "<b>bold</b>" });
    const directory = (await hana.page("/communities/provincial-community-of-practice/members")).html;
    expect(directory).not.toContain('<script>alert("x")</script>');
    expect(directory).toContain("Hana &lt;script&gt;");
  });

  it("checks profile fields and keeps what was typed", async () => {
    const sam = visitor();
    await sam.signIn("member@csl-commons.example");
    const result = await sam.post("/profile", { name: "", pronouns: "x".repeat(41), domains: ["self", "astrology"] });
    expect(result.status).toBe(400);
    const text = visibleText(result.html);
    expect(text).toContain("Enter your name");
    expect(text).toContain("Keep pronouns under 40 characters");
    expect(text).toContain("Choose from the three domains");
  });

  it("shows a 404 page for unknown pages and hides invitation-only communities from outsiders", async () => {
    const sam = visitor();
    await sam.signIn("marcus.lee@csl-commons.example");
    const unknown = await sam.page("/no/such/page");
    expect(unknown.status).toBe(404);
    expect(visibleText(unknown.html)).toContain("We could not find that page");
    expect((await sam.page("/communities/early-years-circle")).status).toBe(404);
    expect((await visitor().page("/calendar/nonsense.ics")).status).toBe(404);
  });

  it("keeps network administration to admins", async () => {
    const sam = visitor();
    await sam.signIn("member@csl-commons.example");
    expect((await sam.page("/admin/outbox")).status).toBe(403);
    expect((await sam.page("/communities/new")).status).toBe(403);
    expect((await sam.post("/communities/new", { name: "Mine", visibility: "open" })).status).toBe(403);
    const admin = visitor();
    await admin.signIn("admin@csl-commons.example");
    expect(visibleText((await admin.page("/admin/outbox")).html)).toContain("Outbox");
    const created = await admin.post("/communities/new", { name: "District Leaders Circle", description: "For district staff", visibility: "invite" });
    expect(created.location).toBe("/communities/district-leaders-circle");
  });
});
