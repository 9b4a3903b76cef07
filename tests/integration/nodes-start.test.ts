// Several nodes starting together on one empty PostgreSQL database (issue 15): each migration runs
// once (Kysely holds an advisory lock while it migrates), the demo network is seeded once, and
// every node starts and serves.
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connect";
import { migrations } from "../../db/migrations";
import { randomString } from "../../shared/ids";
import { startTestServer, Visitor, type TestServer } from "../helpers/server";

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("three nodes starting together (PostgreSQL)", () => {
  const schema = `nodes_${randomString(8)}`;
  const admin = url ? openDatabase(url).db : null;
  let nodes: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin!);
    await admin?.destroy();
  });

  it("migrate once, seed once, and all serve", async () => {
    await sql`create schema ${sql.id(schema)}`.execute(admin!);
    const started = await Promise.allSettled([0, 1, 2].map(() => startTestServer({ databaseUrl: url!, databaseSchema: schema })));
    nodes = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    expect(started.map((s) => (s.status === "rejected" ? String(s.reason) : "started"))).toEqual(["started", "started", "started"]);
    const db = nodes[0].services.db;
    const ran = await sql<{ name: string }>`select name from ${sql.id(schema, "kysely_migration")}`.execute(db);
    expect(ran.rows.map((r) => r.name).sort()).toEqual(Object.keys(migrations).sort());
    const admins = await db.selectFrom("users").select("id").where("email", "=", "admin@csl-commons.example").execute();
    expect(admins).toHaveLength(1);
    expect(await db.selectFrom("communities").select("id").where("slug", "=", "provincial-community-of-practice").execute()).toHaveLength(1);
    expect(await db.selectFrom("events").select("id").execute()).toHaveLength(1);
    for (const node of nodes) {
      const member = new Visitor(node.url);
      await member.signIn("member@csl-commons.example");
      expect((await member.page("/")).status).toBe(200);
    }
  });
});
