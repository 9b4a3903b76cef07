// The deployment start (`npm run serve`) against the demo start (`npm start`): a deployment
// needs PUBLIC_URL and never runs with the demo's published password; emailed links come from
// PUBLIC_URL whatever Host header a request carries.
import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { StartRefused } from "../../server/deploymentChecks";
import { hashPassword } from "../../server/auth/passwords";
import { openTestDatabase, type TestDatabase } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";

/** A POST with a forged Host header, as an attacker would send it (fetch cannot forge Host). */
function postWithHost(url: string, host: string, form: Record<string, string>): Promise<number> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers: { host, "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
    request.end(body);
  });
}

describe("the deployment start", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it("refuses to run without PUBLIC_URL", async () => {
    await expect(startTestServer({ deployment: true, env: { SEED_DEMO: "false" } })).rejects.toThrow(/Set PUBLIC_URL/);
  });

  it("refuses to run while demo accounts keep the published password, and runs once they are changed", async () => {
    const database: TestDatabase = await openTestDatabase("sqlite");
    cleanup.push(() => database.close());
    const demo = await startTestServer({ databaseUrl: database.url });
    await demo.stop();
    const refused = startTestServer({ deployment: true, databaseUrl: database.url, env: { PUBLIC_URL: "https://commons.example.org", SEED_DEMO: "false" } });
    await expect(refused).rejects.toBeInstanceOf(StartRefused);
    await expect(refused).rejects.toThrow(/admin@csl-commons\.example/);
    await sql`update users set password_hash = ${await hashPassword("a long private passphrase 4 the network")}`.execute(database.db);
    const server = await startTestServer({ deployment: true, databaseUrl: database.url, env: { PUBLIC_URL: "https://commons.example.org", SEED_DEMO: "false" } });
    cleanup.push(() => server.stop());
  });

  it("builds a reset link from PUBLIC_URL, never from the request's Host header", async () => {
    const server: TestServer = await startTestServer({ env: { PUBLIC_URL: "https://commons.example.org" } });
    cleanup.push(() => server.stop());
    expect(await postWithHost(`${server.url}/forgot-password`, "evil.example", { email: "member@csl-commons.example" })).toBe(200);
    const mail = await server.services.db.selectFrom("outbox").select("body_text").where("to_address", "=", "member@csl-commons.example").executeTakeFirstOrThrow();
    expect(mail.body_text).toMatch(/https:\/\/commons\.example\.org\/reset-password\/[a-z2-9]{32}/);
    expect(mail.body_text).not.toContain("evil.example");
  });

  it("the demo start links to its own address when PUBLIC_URL is unset, whatever the Host header says", async () => {
    const server: TestServer = await startTestServer();
    cleanup.push(() => server.stop());
    expect(await postWithHost(`${server.url}/forgot-password`, "evil.example", { email: "member@csl-commons.example" })).toBe(200);
    const mail = await server.services.db.selectFrom("outbox").select("body_text").where("to_address", "=", "member@csl-commons.example").executeTakeFirstOrThrow();
    expect(mail.body_text).toContain(`${server.url}/reset-password/`);
    expect(mail.body_text).not.toContain("evil.example");
  });
});
