// Email through a real SMTP server on loopback, open sign-up, and the demo seed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoNetwork } from "../../db/seed";
import { startTestServer, visibleText, Visitor, type TestServer } from "../helpers/server";
import { startSmtp, type ReceivedMail } from "../helpers/smtp";

describe("with an email server and open sign-up", () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let received: ReceivedMail[];
  let server: TestServer;

  beforeAll(async () => {
    smtp = await startSmtp();
    received = smtp.received;
    server = await startTestServer({ env: { SMTP_URL: smtp.url, OPEN_SIGNUP: "true" } });
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
  });

  it("records a password reset in the outbox, sends it over SMTP and marks it sent", async () => {
    await new Visitor(server.url).post("/forgot-password", { email: "member@csl-commons.example" });
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
    expect(received[0].to).toEqual(["member@csl-commons.example"]);
    expect(received[0].body).toMatch(/reset-password\/[a-z2-9]{32}/);
    await expect
      .poll(async () => (await server.services.db.selectFrom("outbox").select("sent_at").where("to_address", "=", "member@csl-commons.example").executeTakeFirst())?.sent_at, { timeout: 5000 })
      .toBeTruthy();
  });

  it("does not show invitation links to the facilitator when email is sent", async () => {
    const daniel = new Visitor(server.url);
    await daniel.signIn("daniel.okafor@csl-commons.example");
    const sent = await daniel.post("/communities/provincial-community-of-practice/invite", { emails: "someone@school.example", role: "member" });
    expect(visibleText(sent.html)).toContain("1 invitation is on its way");
    expect(sent.html).not.toMatch(/\/invite\/[a-z2-9]{32}/);
  });

  it("lets anyone create an account when open sign-up is on, once per email", async () => {
    const visitor = new Visitor(server.url);
    expect(visibleText((await visitor.page("/login")).html)).toContain("Create an account");
    const created = await visitor.post("/signup", { name: "Riley Open", email: "riley@school.example", password: "riley-password-1", confirm: "riley-password-1" });
    expect(created.location).toBe("/profile");
    expect((await visitor.page("/profile")).status).toBe(200);
    const again = await new Visitor(server.url).post("/signup", { name: "Riley Again", email: "RILEY@school.example", password: "riley-password-1", confirm: "riley-password-1" });
    expect(again.status).toBe(400);
    expect(visibleText(again.html)).toContain("There is already an account with this email");
  });

  it("seeds the demo network once: a second seed changes nothing", async () => {
    const count = async () => Number((await server.services.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    const again = await seedDemoNetwork(server.services.db, { onlyIfEmpty: false });
    expect(again.created).toBe(false);
    expect(await count()).toBe(before);
  });
});

describe("without open sign-up", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("says that joining is by invitation", async () => {
    const page = await new Visitor(server.url).page("/signup");
    expect(page.status).toBe(404);
    expect(visibleText(page.html)).toContain("Joining CSL Commons is by invitation");
    expect((await new Visitor(server.url).post("/signup", { name: "X", email: "x@example.org", password: "long-enough-1", confirm: "long-enough-1" })).status).toBe(404);
  });
});
