// Sign-in and reset throttling, counted in the database: concurrent failures from one school's
// address are all counted, a correct password is never refused for the address's sake, an
// account's lock survives a restart and a reset lifts it, and reset requests are capped per
// email without telling who has an account.
import { afterAll, describe, expect, it } from "vitest";
import { dialects, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { startTestServer, visibleText, Visitor, type TestServer } from "../helpers/server";

describe.each(dialects)("throttling on %s", (dialect) => {
  let database: TestDatabase;
  let server: TestServer;
  const start = async () => (server = await startTestServer({ databaseUrl: database.url, databaseSchema: database.schema }));
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });
  const visitor = () => new Visitor(server.url);
  const outboxFor = (email: string) => server.services.db.selectFrom("outbox").select("body_text").where("to_address", "=", email).orderBy("created_at", "desc").execute();

  it("locks an account after five wrong passwords, keeps the lock across a restart, and a reset lifts it", async () => {
    database = await openTestDatabase(dialect);
    await start();
    const email = "lena.fischer@csl-commons.example";
    const attempts = await Promise.all(Array.from({ length: 5 }, (_, i) => visitor().post("/login", { email, password: `wrong-${i}` })));
    expect(attempts.filter((a) => a.status === 429)).toHaveLength(1);
    expect((await server.services.db.selectFrom("throttles").select("count").where("key", "=", `login-account:${email}`).executeTakeFirstOrThrow()).count).toBe(5);

    await server.stop();
    await start();
    const locked = await visitor().post("/login", { email, password: "circle-of-practice" });
    expect(locked.status).toBe(429);
    expect(visibleText(locked.html)).toContain("or reset your password: the reset works at once and lifts this wait");

    expect((await visitor().post("/forgot-password", { email })).status).toBe(200);
    const link = /\/reset-password\/[a-z2-9]{32}/.exec((await outboxFor(email))[0].body_text)![0];
    expect((await visitor().post(link, { password: "lantern river quiet 42", confirm: "lantern river quiet 42" })).status).toBe(302);
    await visitor().signIn(email, "lantern river quiet 42");
  });

  it("counts every failure from one address at once, yet lets a correct password through", async () => {
    const counted = () => server.services.db.selectFrom("throttles").select("count").where("key", "=", "login-address:127.0.0.1").executeTakeFirstOrThrow();
    const before = (await counted()).count; // the five wrong passwords above
    const spray = await Promise.all(Array.from({ length: 36 }, (_, i) => visitor().post("/login", { email: `guess-${i}@school.example`, password: "Winter2026!" })));
    expect((await counted()).count).toBe(before + 36);
    expect(spray.filter((r) => r.status === 429)).toHaveLength(before + 36 - 30);
    const wrong = await visitor().post("/login", { email: "marcus.lee@csl-commons.example", password: "not-it" });
    expect(wrong.status).toBe(429);
    expect(visibleText(wrong.html)).toContain("many failed sign-ins from your network");
    await visitor().signIn("marcus.lee@csl-commons.example");
  });

  it("sends at most three reset links an hour to one email, and answers the same whether or not it has an account", async () => {
    for (const email of ["owen.macdonald@csl-commons.example", "nobody-here@school.example"]) {
      const replies = await Promise.all(Array.from({ length: 5 }, () => visitor().post("/forgot-password", { email })));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429]);
      expect(visibleText(replies.find((r) => r.status === 429)!.html)).toContain("Several reset links have been asked for in the last hour");
    }
    expect(await outboxFor("owen.macdonald@csl-commons.example")).toHaveLength(3);
  });
});
