// Two nodes on one PostgreSQL database behind a real nginx running deploy/nginx.conf (its node list
// and port rewritten): pages, a live room's Socket.io WebSocket and a canvas's WebSocket all pass
// through it; /metrics is not served at the public address, and a node asked through the proxy
// refuses it too; a body over a route's own limit gets the node's own answer, not nginx's.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connect";
import { randomString } from "../../shared/ids";
import { newCanvas, rawCanvasSocket } from "../helpers/canvasClient";
import { meetingNow, Participant } from "../helpers/roomClient";
import {
  startTestServer,
  Visitor,
  visibleText,
  type TestServer,
} from "../helpers/server";
import { until } from "../helpers/wait";
import {
  freePort,
  nginxBinary,
  startNginx,
  type RunningNginx,
} from "../helpers/nginx";

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url || !nginxBinary)(
  "two nodes behind nginx (deploy/nginx.conf)",
  () => {
    const schema = `nginx_${randomString(8)}`;
    const admin = url ? openDatabase(url).db : null;
    let nodes: TestServer[] = [];
    let nginx: RunningNginx | null = null;
    let base = "";
    let port = 0;

    beforeAll(async () => {
      await sql`create schema ${sql.id(schema)}`.execute(admin!);
      port = await freePort();
      base = `http://127.0.0.1:${port}`;
      // As deployed: every node's PUBLIC_URL is the one public address.
      nodes = await Promise.all(
        [0, 1].map(() =>
          startTestServer({
            databaseUrl: url!,
            databaseSchema: schema,
            env: { PUBLIC_URL: base },
          }),
        ),
      );
      nginx = await startNginx(
        nodes.map((n) => n.port),
        port,
      );
    });
    afterAll(async () => {
      nginx?.stop();
      await Promise.all(nodes.map((n) => n.stop()));
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(
        admin!,
      );
      await admin?.destroy();
    });

    it("serves pages, a live room and a canvas through the one address", async () => {
      const member = new Visitor(base);
      await member.signIn("member@csl-commons.example");
      // Sessions live in the database: every page, from whichever node, knows the member.
      for (let i = 0; i < 4; i++)
        expect(visibleText((await member.page("/")).html)).toContain(
          "Welcome, Sam",
        );
      const meeting = await meetingNow(
        nodes[0],
        "provincial-community-of-practice",
      );
      const p = await Participant.withCookie(
        { url: base },
        member.cookieHeader,
      );
      expect((await p.join(meeting)).ok).toBe(true);
      p.close();
      const canvasId = await newCanvas(
        nodes[0].services.db,
        "provincial-community-of-practice",
        "daniel.okafor@csl-commons.example",
      );
      const canvas = await rawCanvasSocket(
        nodes[0].services.db,
        port,
        canvasId,
        "member@csl-commons.example",
      );
      await until(
        () => canvas.received.length > 0,
        "the canvas's first sync through nginx",
      );
      canvas.ws.close();
    });

    it("keeps /metrics from the public address, and a node refuses it when asked through a proxy", async () => {
      expect((await fetch(`${base}/metrics`)).status).toBe(404);
      // A spelling nginx passes on reaches a node, which sees X-Forwarded-For and refuses it.
      expect((await fetch(`${base}/metrics/`)).status).toBe(403);
      expect(
        (
          await fetch(`http://127.0.0.1:${nodes[0].port}/metrics`, {
            headers: { "x-forwarded-for": "203.0.113.7" },
          })
        ).status,
      ).toBe(403);
      expect(
        (await fetch(`http://127.0.0.1:${nodes[0].port}/metrics`)).status,
      ).toBe(200);
    });

    it("lets a route answer a body over its own limit in its own words", async () => {
      const big = await fetch(`${base}/stay-up-to-date`, {
        method: "POST",
        body: new URLSearchParams({ name: "x".repeat(2 * 1024 * 1024) }),
        headers: { origin: base },
      });
      expect(big.status).toBe(413);
      expect(visibleText(await big.text())).toContain("larger than 1 MB");
    });
  },
);
