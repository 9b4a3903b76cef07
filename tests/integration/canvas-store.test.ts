// How a canvas is stored, on SQLite and PostgreSQL with delayed database answers: compaction
// racing the group commit loses nothing (the load-time compaction once dropped rows in flight), a burst of 20,000 updates is written in bounded chunks
// without disconnecting anyone, a write that fails closes only its own senders, a change the
// server makes fails the request when it is not stored, and a canvas has a storage quota.
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import * as Y from "yjs";
import type { DB, Dialect } from "../../db/connect";
import { readComments, readDiagram, variables } from "../../shared/cld/model";
import { dialects, openTestDatabase } from "../helpers/databases";
import { joinCanvas, newCanvas, storedDocument, type CanvasPeer } from "../helpers/canvasClient";
import { startTestServer, visibleText, Visitor, type TestServer } from "../helpers/server";
import { until } from "../helpers/wait";

const slug = "provincial-community-of-practice";
const daniel = "daniel.okafor@csl-commons.example";
const priya = "priya.sandhu@csl-commons.example";

/** Makes the database itself refuse some writes to canvas_updates (a trigger), until restored. */
async function refuseCanvasWrites(db: DB, dialect: Dialect, condition: string): Promise<() => Promise<void>> {
  if (dialect === "sqlite") {
    await sql.raw(`create trigger refuse_canvas_updates before insert on canvas_updates when ${condition} begin select raise(abort, 'injected failure'); end`).execute(db);
    return async () => void (await sql.raw("drop trigger refuse_canvas_updates").execute(db));
  }
  await sql.raw(`create or replace function refuse_canvas_updates() returns trigger as $$ begin if ${condition.replaceAll("NEW.", "new.")} then raise exception 'injected failure'; end if; return new; end $$ language plpgsql`).execute(db);
  await sql.raw("create trigger refuse_canvas_updates before insert on canvas_updates for each row execute function refuse_canvas_updates()").execute(db);
  return async () => void (await sql.raw("drop trigger refuse_canvas_updates on canvas_updates").execute(db));
}

describe.each(dialects)("canvas storage on %s", (dialect) => {
  const servers: TestServer[] = [];
  const peers: CanvasPeer[] = [];
  const start = async (yjsOptions: NonNullable<Parameters<typeof startTestServer>[0]>["yjsOptions"]) => {
    const server = await startTestServer({ dialect, databaseLatencyMs: 5, yjsOptions });
    servers.push(server);
    return server;
  };
  const join = async (server: TestServer, canvasId: string, email: string) => {
    const peer = await joinCanvas(server.services.db, server.port, canvasId, email);
    peers.push(peer);
    await peer.synced;
    return peer;
  };
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    for (const server of servers) await server.stop();
  });

  it("the compaction a long log gets after loading never drops updates still being written", async () => {
    const database = await openTestDatabase(dialect);
    const at = { databaseUrl: database.url, databaseSchema: database.schema };
    const first = await startTestServer({ ...at, yjsOptions: { compactAfterBytes: 1024 * 1024 } });
    const canvasId = await newCanvas(first.services.db, slug, daniel);
    const early = await joinCanvas(first.services.db, first.port, canvasId, daniel);
    await early.synced;
    for (let i = 0; i < 80; i++) variables(early.doc).set(`e${i}`, { label: `Early ${i}`, x: i, y: 0 } as never);
    await until(async () => variables(await storedDocument(first.services.db, canvasId)).size === 80, "the early log to be stored");
    early.destroy();
    await first.stop();
    // Loaded again with a long log: a compaction is due five seconds after loading. An editor
    // writes until just after it, so that no later compaction folds the log again.
    const second = await startTestServer({ ...at, databaseLatencyMs: 20, yjsOptions: { compactAfterBytes: 2500 } });
    const editor = await join(second, canvasId, daniel);
    const loadedAt = Date.now();
    let written = 0;
    while (Date.now() - loadedAt < 5150) {
      variables(editor.doc).set(`w${written}`, { label: `While compacting ${written}`, x: written, y: 1 } as never);
      written++;
      await new Promise((r) => setTimeout(r, 10));
    }
    const total = 80 + written;
    await until(async () => variables(await storedDocument(second.services.db, canvasId)).size === total, "every variable to be stored", 20_000);
    await second.stop();
    expect(variables(await storedDocument(database.db, canvasId)).size).toBe(total);
    await database.close();
  }, 60_000);

  it("keeps a person alone on a canvas connected: the server speaks before the provider's silence timeout", async () => {
    const server = await start({ keepAliveMs: 200 });
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const alone = await join(server, canvasId, daniel);
    const heard = () => (alone.provider as unknown as { wsLastMessageReceived: number }).wsLastMessageReceived;
    const first = heard();
    await until(() => heard() > first, "a first keep-alive");
    const second = heard();
    await until(() => heard() > second, "a second keep-alive");
    expect(alone.closes).toEqual([]);
  });

  it("writes a burst of 20,000 tiny updates from one editor in bounded chunks; nobody is disconnected", async () => {
    const server = await start({ rowsPerWrite: 500, maxFrameBytes: 64 * 1024 * 1024 });
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const [busy, bystander] = [await join(server, canvasId, daniel), await join(server, canvasId, priya)];
    const ticks = busy.doc.getMap("burst");
    for (let i = 0; i < 20_000; i++) ticks.set(`k${i % 50}`, i);
    variables(bystander.doc).set("calm", { label: "Calm", x: 0, y: 0 } as never);
    await until(() => (busy.doc.getMap("burst").get("k49") as number) === 19_999 && variables(busy.doc).has("calm"), "the burst and the bystander's change to meet", 30_000);
    await until(async () => (await storedDocument(server.services.db, canvasId)).getMap("burst").get("k49") === 19_999, "the burst to be stored", 30_000);
    expect(busy.closes).toEqual([]);
    expect(bystander.closes).toEqual([]);
  });

  it("a write that fails closes only the senders whose updates it held", async () => {
    const server = await start({ rowsPerWrite: 1 });
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const [calm, unlucky] = [await join(server, canvasId, daniel), await join(server, canvasId, priya)];
    const restore = await refuseCanvasWrites(server.services.db, dialect, "NEW.bytes > 3000");
    variables(unlucky.doc).set("huge", { label: "x".repeat(5000), x: 0, y: 0 } as never);
    variables(calm.doc).set("small", { label: "Trust", x: 0, y: 0 } as never);
    await until(() => unlucky.closes.includes(1011), "the unlucky sender to be told its change was not saved");
    await until(async () => variables(await storedDocument(server.services.db, canvasId)).has("small"), "the calm editor's change to be stored");
    expect(calm.closes).toEqual([]);
    await restore();
  });

  it("a comment that cannot be stored is reported as not saved, and nothing appears", async () => {
    const server = await start({});
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const editor = await join(server, canvasId, daniel);
    variables(editor.doc).set("v1", { label: "Workload", x: 0, y: 0 } as never);
    await until(async () => variables(await storedDocument(server.services.db, canvasId)).has("v1"), "the variable to be stored");
    const browser = new Visitor(server.url);
    await browser.signIn(daniel);
    const restore = await refuseCanvasWrites(server.services.db, dialect, "1 = 1");
    const refused = await browser.post(`/canvases/${canvasId}`, { intent: "comment", targetKind: "variable", targetId: "v1", text: "Is this the root?" });
    await restore();
    expect(refused.status).toBe(503);
    expect(visibleText(refused.html)).toContain("That could not be saved just now. Nothing was changed");
    // Barrier: a later comment is stored and reaches the editor; the refused one never did.
    expect((await browser.post(`/canvases/${canvasId}`, { intent: "comment", targetKind: "variable", targetId: "v1", text: "Second try" })).status).toBe(200);
    await until(() => readComments(editor.doc).length > 0, "the later comment to reach the editor");
    expect(readComments(editor.doc).map((c) => c.text)).toEqual(["Second try"]);
  });

  it("a full canvas refuses further changes with a clear message, and the server's changes too", async () => {
    const server = await start({ quotaBytes: 1200, compactAfterBytes: 1024 * 1024 });
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const editor = await join(server, canvasId, daniel);
    for (let i = 0; i < 10; i++) variables(editor.doc).set(`v${i}`, { label: `A long variable name number ${i} `.repeat(10), x: i, y: 0 } as never);
    await until(async () => variables(await storedDocument(server.services.db, canvasId)).size > 0, "some changes to be stored");
    const browser = new Visitor(server.url);
    await browser.signIn(daniel);
    const refused = await browser.post(`/canvases/${canvasId}`, { intent: "comment", targetKind: "variable", targetId: "v0", text: "One more" });
    expect(refused.status).toBe(503);
    expect(visibleText(refused.html)).toContain("This map has reached its storage limit");
    const stored = await storedDocument(server.services.db, canvasId);
    expect(Y.encodeStateAsUpdate(stored).byteLength).toBeLessThanOrEqual(1200);
    expect(readDiagram(stored).variables.length).toBeLessThan(10);
  });
});
