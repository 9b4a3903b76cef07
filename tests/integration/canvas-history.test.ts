// A canvas's history on SQLite and PostgreSQL, over real y-websocket connections: who added and
// changed each variable and link (two people editing at once), a run of moves kept as one change,
// the history kept whole across compaction (the replay ends in the map as stored), a map from
// before history began, and who may read it.
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { canvasHistory } from "../../db/queries/canvasHistory";
import { contributionsOf, provenanceOf, replay } from "../../shared/cld/history";
import { addLink, addVariable, readDiagram, removeVariable, updateLink, updateVariable } from "../../shared/cld/model";
import { dialects, openTestDatabase } from "../helpers/databases";
import { joinCanvas, newCanvas, storedDocument, userId, type CanvasPeer } from "../helpers/canvasClient";
import { startTestServer, Visitor, type TestServer } from "../helpers/server";
import { until } from "../helpers/wait";

const slug = "provincial-community-of-practice";
const daniel = "daniel.okafor@csl-commons.example";
const priya = "priya.sandhu@csl-commons.example";
const marcus = "marcus.lee@csl-commons.example";
const hana = "hana.sato@csl-commons.example";

describe.each(dialects)("canvas history on %s", (dialect) => {
  const servers: TestServer[] = [];
  const peers: CanvasPeer[] = [];
  /** A server on a fresh database of this dialect, or on the one given. */
  const start = async (options: Parameters<typeof startTestServer>[0] = {}) => {
    const server = await startTestServer(options.databaseUrl ? options : { dialect, ...options });
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

  it("keeps who added and who changed each element while two people edit at once, a run of moves as one change, across compaction", async () => {
    const server = await start({ yjsOptions: { compactAfterBytes: 600 } });
    const db = server.services.db;
    const canvasId = await newCanvas(db, slug, daniel);
    const [d, p] = await Promise.all([join(server, canvasId, daniel), join(server, canvasId, priya)]);
    const [danielId, priyaId] = await Promise.all([userId(db, daniel), userId(db, priya)]);

    // At once: Daniel adds the problem and the fix, Priya adds the consequence.
    const problem = addVariable(d.doc, { label: "Problem symptom", x: 0, y: 0 });
    const fix = addVariable(d.doc, { label: "Fix", x: 300, y: 0 });
    const consequence = addVariable(p.doc, { label: "Unintended consequences", x: 300, y: 300 });
    await until(() => readDiagram(d.doc).variables.length === 3 && readDiagram(p.doc).variables.length === 3, "both to see three variables");
    const link = addLink(p.doc, { from: problem, to: fix, polarity: "+" });
    updateVariable(p.doc, fix, { label: "Quick fix" });
    for (let i = 1; i <= 12; i++) updateVariable(d.doc, problem, { x: i * 10, y: i * 5 });
    const gone = addVariable(d.doc, { label: "A stray thought", x: 600, y: 600 });
    await until(() => readDiagram(p.doc).variables.some((v) => v.id === gone), "the stray thought to reach Priya");
    removeVariable(p.doc, gone);
    updateLink(d.doc, link, { delay: true });

    const expected = () => readDiagram(d.doc);
    await until(async () => {
      const stored = readDiagram(await storedDocument(db, canvasId));
      return stored.variables.length === 3 && stored.variables.find((v) => v.id === problem)?.x === 120 && stored.links[0]?.delay === true;
    }, "every change to be stored");
    await until(async () => (await db.selectFrom("canvas_snapshots").select("canvas_id").where("canvas_id", "=", canvasId).executeTakeFirst()) !== undefined, "the log to be compacted");

    await until(async () => (await canvasHistory(db, canvasId)).events.some((e) => e.action === "removed"), "the removal to be recorded");
    const { events, people } = await canvasHistory(db, canvasId);
    expect(people).toMatchObject({ [danielId]: "Daniel Okafor", [priyaId]: "Priya Sandhu" });
    expect(provenanceOf(events, problem)).toMatchObject({ added: { by: danielId, present: false }, changed: { by: danielId } });
    expect(provenanceOf(events, fix)).toMatchObject({ added: { by: danielId }, changed: { by: priyaId } });
    expect(provenanceOf(events, consequence)).toMatchObject({ added: { by: priyaId }, changed: null });
    expect(provenanceOf(events, link)).toMatchObject({ added: { by: priyaId }, changed: { by: danielId } });
    // Twelve moves within seconds are one change.
    expect(events.filter((e) => e.elementId === problem && e.action === "changed")).toHaveLength(1);
    expect(events.find((e) => e.elementId === problem && e.action === "changed")?.value).toEqual({ label: "Problem symptom", x: 120, y: 60 });
    expect(events.find((e) => e.elementId === gone && e.action === "removed")).toMatchObject({ userId: priyaId, value: { label: "A stray thought" } });
    expect(contributionsOf(events)).toEqual(
      expect.arrayContaining([
        { userId: danielId, variablesAdded: 3, linksAdded: 0, changes: 2, removals: 0 },
        { userId: priyaId, variablesAdded: 1, linksAdded: 1, changes: 1, removals: 1 },
      ]),
    );

    // The replay, step by step, ends in the map as it stands, though the log was folded.
    const end = replay(events, events.length);
    const now = expected();
    expect(end.variables.map((v) => `${v.label}@${v.x},${v.y}`).sort()).toEqual(now.variables.map((v) => `${v.label}@${v.x},${v.y}`).sort());
    expect(end.links.map((l) => `${l.from}>${l.to}${l.polarity}${l.delay ? "||" : ""}`)).toEqual(now.links.map((l) => `${l.from}>${l.to}${l.polarity}${l.delay ? "||" : ""}`));
    expect(replay(events, 0)).toEqual({ variables: [], links: [] });
  });

  it("a map from before history began shows its elements as already there, then records what follows; only those who may see the map read it", async () => {
    const database = await openTestDatabase(dialect);
    const at = { databaseUrl: database.url, databaseSchema: database.schema };
    const first = await startTestServer(at);
    const canvasId = await newCanvas(first.services.db, "early-years-circle", priya);
    const peer = await joinCanvas(first.services.db, first.port, canvasId, priya);
    await peer.synced;
    const trust = addVariable(peer.doc, { label: "Trust", x: 0, y: 0 });
    await until(async () => readDiagram(await storedDocument(first.services.db, canvasId)).variables.length === 1, "the variable to be stored");
    peer.destroy();
    await first.stop();
    // As if the map had been made before history was kept (the document loads when someone joins).
    const second = await start(at);
    await sql`delete from canvas_history where canvas_id = ${canvasId}`.execute(second.services.db);
    const later = await join(second, canvasId, hana);
    addVariable(later.doc, { label: "Sharing", x: 200, y: 0 });
    await until(async () => (await canvasHistory(second.services.db, canvasId)).events.length === 2, "the history to hold the old variable and the new one");
    const { events } = await canvasHistory(second.services.db, canvasId);
    expect(events[0]).toMatchObject({ action: "present", userId: null, elementId: trust, value: { label: "Trust" } });
    expect(events[1]).toMatchObject({ action: "added", userId: await userId(second.services.db, hana) });

    const member = new Visitor(second.url);
    await member.signIn(hana);
    const response = await member.request(`/canvases/${canvasId}/history`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { events: unknown[] }).events).toHaveLength(2);
    const outsider = new Visitor(second.url);
    await outsider.signIn(marcus);
    expect((await outsider.request(`/canvases/${canvasId}/history`)).status).toBe(404);
  });
});
