// "Stay up to date" against a started server and a real SMTP server: double opt-in, the
// confirmation as express consent with its wording, time, address and browser; links that cannot
// be used say so and reveal nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";
import { startSmtp } from "../helpers/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let server: TestServer;
const publicUrl = "https://csl.example.org";

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startTestServer({ env: { SMTP_URL: smtp.url, PUBLIC_URL: publicUrl } });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const linkIn = (body: string) => /https:\/\/csl\.example\.org\/stay-up-to-date\/([a-z2-9]{32})/.exec(body.replace(/=\r?\n/g, ""))?.[1];

describe("staying up to date", () => {
  it("asks for a ticked box, emails a confirmation link from PUBLIC_URL, and only the confirmation is consent", async () => {
    const visitor = new Visitor(server.url);
    const unticked = await visitor.post("/stay-up-to-date", { name: "Mina Patel", email: "mina.patel@school.example" });
    expect(unticked.status).toBe(400);
    expect(visibleText(unticked.html)).toContain("Tick the box to say you want the newsletter.");
    expect((await visitor.page("/stay-up-to-date")).html).not.toMatch(/name="agree"[^>]*checked/);
    const sent = await visitor.post("/stay-up-to-date", { name: "Mina Patel", email: "Mina.Patel@School.example", agree: "yes" }, { "user-agent": "Story browser 1.0" });
    expect(sent.status).toBe(200);
    expect(visibleText(sent.html)).toContain("until then, nothing will be sent");
    await expect.poll(() => smtp.received.filter((m) => m.to.includes("mina.patel@school.example")).length, { timeout: 5000 }).toBe(1);
    // Not a contact yet.
    expect(await server.services.db.selectFrom("contacts").select("id").where("email", "=", "mina.patel@school.example").execute()).toHaveLength(0);
    const token = linkIn(smtp.received.find((m) => m.to.includes("mina.patel@school.example"))!.body);
    expect(token).toBeTruthy();
    // Opening the link asks; the button confirms, once.
    const ask = await visitor.page(`/stay-up-to-date/${token}`);
    expect(ask.status).toBe(200);
    expect(visibleText(ask.html)).toContain("Yes, confirm");
    const confirmed = await visitor.post(`/stay-up-to-date/${token}`, {});
    expect(confirmed.status).toBe(200);
    expect(visibleText(confirmed.html)).toContain("Confirmed.");
    // A second click records nothing more.
    expect(visibleText((await visitor.post(`/stay-up-to-date/${token}`, {})).html)).toContain("Confirmed.");
    const contact = await server.services.db.selectFrom("contacts").selectAll().where("email", "=", "mina.patel@school.example").executeTakeFirstOrThrow();
    const ledger = await server.services.db.selectFrom("consents").innerJoin("consent_wordings", "consent_wordings.hash", "consents.wording_hash").selectAll().where("contact_id", "=", contact.id).execute();
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ kind: "express", method: "form", user_agent: "Story browser 1.0" });
    expect(ledger[0].ip).toBeTruthy();
    expect(ledger[0].text).toContain("I can unsubscribe at any time");
    const admin = new Visitor(server.url);
    await admin.signIn("admin@csl-commons.example");
    expect(visibleText((await admin.page(`/network/contacts/${contact.id}`)).html)).toContain("web form: Stay up to date form, confirmed by email (from");
  });

  it("thanks a robot (the hidden field filled) and stores and sends nothing", async () => {
    const robot = await new Visitor(server.url).post("/stay-up-to-date", { name: "Bot", email: "bot@spam.example", agree: "yes", website: "https://spam.example" });
    expect(visibleText(robot.html)).toContain("until then, nothing will be sent");
    expect(await server.services.db.selectFrom("newsletter_signups").select("id").where("email", "=", "bot@spam.example").execute()).toHaveLength(0);
    expect(await server.services.db.selectFrom("outbox").select("id").where("to_address", "=", "bot@spam.example").execute()).toHaveLength(0);
  });

  it("a forged, malformed or expired link is refused the same way", async () => {
    const visitor = new Visitor(server.url);
    for (const token of ["a".repeat(32), "not-a-token"]) {
      const page = await visitor.page(`/stay-up-to-date/${token}`);
      expect(page.status).toBe(404);
      expect(visibleText(page.html)).toContain("This link cannot be used");
    }
    await visitor.post("/stay-up-to-date", { name: "Late Person", email: "late@school.example", agree: "yes" });
    await expect.poll(() => smtp.received.filter((m) => m.to.includes("late@school.example")).length, { timeout: 5000 }).toBe(1);
    const token = linkIn(smtp.received.find((m) => m.to.includes("late@school.example"))!.body)!;
    await server.services.db.updateTable("newsletter_signups").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("email", "=", "late@school.example").execute();
    expect((await visitor.page(`/stay-up-to-date/${token}`)).status).toBe(404);
    expect((await visitor.post(`/stay-up-to-date/${token}`, {})).status).toBe(404);
    expect(await server.services.db.selectFrom("contacts").select("id").where("email", "=", "late@school.example").execute()).toHaveLength(0);
  });
});
