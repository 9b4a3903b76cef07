// The Yjs endpoint with stock y-websocket providers against a started server.
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { setShare } from "../../db/queries/canvases";
import { addLink, addVariable, readComments, readDiagram, updateLink } from "../../shared/cld/model";
import { closeCodes, messageAwareness } from "../../server/yjs/protocol";
import { joinCanvas, newCanvas, roundTrip, rawCanvasSocket, storedDocument, userId, type CanvasPeer } from "../helpers/canvasClient";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";
import { until } from "../helpers/wait";

const slug = "provincial-community-of-practice";
const daniel = "daniel.okafor@csl-commons.example";
const sam = "member@csl-commons.example";
const lena = "lena.fischer@csl-commons.example";

let server: TestServer;
const peers: CanvasPeer[] = [];
const join = async (canvasId: string, email: string) => {
  const peer = await joinCanvas(server.services.db, server.port, canvasId, email);
  peers.push(peer);
  await peer.synced;
  return peer;
};
const diagramOf = (peer: CanvasPeer) => JSON.stringify(readDiagram(peer.doc));

beforeAll(async () => {
  server = await startTestServer({ yjsOptions: { maxFrameBytes: 64 * 1024, awarenessPerSecond: 20, compactAfterBytes: 4096, unloadAfterMs: 200 } });
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await server?.stop();
});

/** The document as the database holds it. */
async function stored(canvasId: string): Promise<Y.Doc> {
  await server.yjs.settled(canvasId);
  return storedDocument(server.services.db, canvasId);
}

describe("co-editing a canvas", () => {
  it("three people editing at once converge to the same diagram, and it is stored", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const [a, b, c] = [await join(canvasId, daniel), await join(canvasId, sam), await join(canvasId, lena)];
    const workload = addVariable(a.doc, { label: "Workload", x: 0, y: 0 });
    const stress = addVariable(b.doc, { label: "Stress", x: 200, y: 0 });
    await until(() => readDiagram(c.doc).variables.length === 2, "both variables to reach Lena");
    const link = addLink(c.doc, { from: workload, to: stress });
    await until(() => readDiagram(a.doc).links.length === 1, "the link to reach Daniel");
    updateLink(a.doc, link, { polarity: "-" });
    updateLink(b.doc, link, { delay: true });
    await until(() => diagramOf(a) === diagramOf(b) && diagramOf(b) === diagramOf(c), "the three to converge");
    expect(readDiagram(a.doc).links[0]).toMatchObject({ polarity: "-", delay: true });
    expect(readDiagram(await stored(canvasId))).toEqual(readDiagram(a.doc));
  });

  it("shows each person's cursor to the others", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const a = await join(canvasId, daniel);
    const b = await join(canvasId, sam);
    a.provider.awareness.setLocalStateField("user", { name: "Daniel", cursor: { x: 10, y: 20 } });
    await until(() => [...b.provider.awareness.getStates().values()].some((s) => s.user?.name === "Daniel Okafor"), "Daniel's cursor to reach Sam");
  });
});

describe("who may change a canvas", () => {
  it("a viewer's document changes and presence are refused, not applied and not broadcast", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    await server.services.db.updateTable("canvases").set({ member_access: "view" }).where("id", "=", canvasId).execute();
    const editor = await join(canvasId, daniel);
    addVariable(editor.doc, { label: "Trust", x: 0, y: 0 });
    const viewer = await join(canvasId, sam);
    await until(() => readDiagram(viewer.doc).variables.length === 1, "the viewer to see the canvas");
    addVariable(viewer.doc, { label: "Sneaky", x: 1, y: 1 });
    viewer.provider.awareness.setLocalStateField("cursor", { x: 9, y: 9 });
    // Barriers: the viewer's messages were handled, all stored work went out, and the editor has
    // everything sent before; then a later presence from a third person arrives at the editor.
    await roundTrip(viewer);
    await server.yjs.settled(canvasId);
    await roundTrip(editor);
    const third = await join(canvasId, "admin@csl-commons.example"); // members are viewers here; an admin edits
    third.provider.awareness.setLocalStateField("cursor", { x: 3, y: 3 });
    await until(() => [...editor.provider.awareness.getStates().values()].some((s) => s.cursor?.x === 3), "the third person's cursor to reach the editor");
    expect(readDiagram(editor.doc).variables.map((v) => v.label)).toEqual(["Trust"]);
    expect([...editor.provider.awareness.getStates().values()].some((s) => s.cursor?.x === 9)).toBe(false);
    expect(readDiagram(await stored(canvasId)).variables.map((v) => v.label)).toEqual(["Trust"]);

    // The viewer is told, in the protocol's own permission-denied message.
    const raw = await rawCanvasSocket(server.services.db, server.port, canvasId, sam);
    const update = Y.encodeStateAsUpdate((() => { const d = new Y.Doc(); addVariable(d, { label: "x", x: 0, y: 0 }); return d; })());
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, update);
    raw.ws.send(encoding.toUint8Array(encoder));
    await until(() => raw.received.some((m) => m[0] === 2), "the permission-denied message");
    raw.ws.close();
  });

  it("leaving the community disconnects an open canvas at once", async () => {
    const canvasId = await newCanvas(server.services.db, "systems-thinking-study-group", daniel);
    const grace = await join(canvasId, "grace.chen@csl-commons.example");
    const visitor = new Visitor(server.url);
    await visitor.signIn("grace.chen@csl-commons.example");
    await visitor.post("/communities/systems-thinking-study-group", { intent: "leave", confirmed: "yes" });
    await until(() => grace.closes.includes(closeCodes.revoked), "Grace's canvas to be closed");
    grace.provider.disconnect();
  });

  it("a revoked share downgrades an editor to viewer on the open connection", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const editor = await join(canvasId, daniel);
    const member = await join(canvasId, lena);
    await setShare(server.services.db, canvasId, await userId(server.services.db, lena), "view");
    await server.services.access.changed({ kind: "access", userId: await userId(server.services.db, lena), canvasId });
    addVariable(member.doc, { label: "After revoke", x: 0, y: 0 });
    await roundTrip(member);
    await server.yjs.settled(canvasId);
    await roundTrip(editor);
    expect(readDiagram(editor.doc).variables).toHaveLength(0);
  });
});

describe("sharing a canvas", () => {
  it("a facilitator makes members viewers from the page; open connections follow at once; members cannot change it", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const member = await join(canvasId, sam);
    const editor = await join(canvasId, daniel);
    const samPage = new Visitor(server.url);
    await samPage.signIn(sam);
    expect((await samPage.post(`/canvases/${canvasId}`, { intent: "sharing", memberAccess: "edit" })).status).toBe(403);
    const danielPage = new Visitor(server.url);
    await danielPage.signIn(daniel);
    const saved = await danielPage.post(`/canvases/${canvasId}`, { intent: "sharing", memberAccess: "view" });
    expect(saved.status).toBe(200);
    addVariable(member.doc, { label: "Refused", x: 0, y: 0 });
    await roundTrip(member);
    await server.yjs.settled(canvasId);
    await roundTrip(editor);
    expect(readDiagram(editor.doc).variables).toHaveLength(0);
    expect((await danielPage.post(`/canvases/${canvasId}`, { intent: "sharing", memberAccess: "owner" })).status).toBe(400);
  });
});

describe("comments", () => {
  it("a commenter comments through the server but cannot change the map; a viewer cannot comment", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    await server.services.db.updateTable("canvases").set({ member_access: "comment" }).where("id", "=", canvasId).execute();
    await setShare(server.services.db, canvasId, await userId(server.services.db, lena), "view");
    const editor = await join(canvasId, daniel);
    const trust = addVariable(editor.doc, { label: "Trust", x: 0, y: 0 });
    const commenter = await join(canvasId, sam);
    await until(() => readDiagram(commenter.doc).variables.length === 1, "the map to reach the commenter");
    addVariable(commenter.doc, { label: "Not allowed", x: 0, y: 0 });

    const samPage = new Visitor(server.url);
    await samPage.signIn(sam);
    const posted = await samPage.post(`/canvases/${canvasId}`, { intent: "comment", targetKind: "variable", targetId: trust, text: "Trust takes years <b>to build</b>" });
    expect(posted.status).toBe(200);
    await until(() => readComments(editor.doc).length === 1, "the comment to reach the editor");
    expect(readComments(editor.doc)[0]).toMatchObject({ text: "Trust takes years <b>to build</b>", authorName: "Sam Whitehorse", target: { kind: "variable", id: trust } });
    expect(readDiagram(editor.doc).variables.map((v) => v.label)).toEqual(["Trust"]);
    expect(readComments(await stored(canvasId))).toHaveLength(1);
    // Naming someone with @ tells them (in the bell; by email if they chose it).
    expect((await samPage.post(`/canvases/${canvasId}`, { intent: "comment", targetKind: "variable", targetId: trust, text: "@Daniel Okafor is this the loop you meant?" })).status).toBe(200);
    const told = await server.services.db.selectFrom("notifications").select(["title", "href"]).where("user_id", "=", await userId(server.services.db, daniel)).where("kind", "=", "mention").execute();
    expect(told).toEqual([{ title: "Sam Whitehorse mentioned you on “Why do new teachers leave?”", href: `/canvases/${canvasId}` }]);
    await until(() => readComments(editor.doc).length === 2, "the second comment");

    expect((await samPage.post(`/canvases/${canvasId}`, { intent: "comment", targetKind: "variable", targetId: trust, text: "x".repeat(2001) })).status).toBe(400);
    const lenaPage = new Visitor(server.url);
    await lenaPage.signIn(lena);
    expect((await lenaPage.post(`/canvases/${canvasId}`, { intent: "comment", targetKind: "variable", targetId: trust, text: "Hello" })).status).toBe(403);
    const commentId = readComments(editor.doc).find((c) => c.text.startsWith("Trust"))!.id;
    expect((await lenaPage.post(`/canvases/${canvasId}`, { intent: "delete-comment", commentId })).status).toBe(403);
    const missing = await samPage.post(`/canvases/${canvasId}`, { intent: "comment", targetKind: "link", targetId: "no-such-link", text: "Orphan" });
    expect(missing.status).toBe(409);
    expect(visibleText(missing.html)).toContain("That link is no longer on the map, so the comment was not added.");
    // The request is answered after its change (if any) is stored and sent: a round trip on the editor's connection suffices.
    await roundTrip(editor);
    expect(readComments(editor.doc)).toHaveLength(2);
    await samPage.post(`/canvases/${canvasId}`, { intent: "delete-comment", commentId });
    await until(() => readComments(editor.doc).length === 1, "the author's own deletion");
  });
});

describe("bad input", () => {
  it("closes only the connection that sends malformed, oversized or flooding messages", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const good = await join(canvasId, daniel);
    addVariable(good.doc, { label: "Safe", x: 0, y: 0 });

    const garbage = await rawCanvasSocket(server.services.db, server.port, canvasId, lena);
    garbage.ws.send(Buffer.from([0, 7, 200, 1, 2, 3]));
    expect(await garbage.closed).toBe(closeCodes.malformed);

    const badUpdate = await rawCanvasSocket(server.services.db, server.port, canvasId, lena);
    badUpdate.ws.send(Buffer.from([0, 2, 5, 255, 255, 255, 255, 255]));
    expect(await badUpdate.closed).toBe(closeCodes.malformed);

    const big = await rawCanvasSocket(server.services.db, server.port, canvasId, lena);
    big.ws.send(Buffer.alloc(100 * 1024, 1));
    expect(await big.closed).toBe(1009);

    const chatty = await rawCanvasSocket(server.services.db, server.port, canvasId, lena);
    const awarenessMessage = (clock: number, state: string, clientId = 424242) => {
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, clientId);
      encoding.writeVarUint(inner, clock);
      encoding.writeVarString(inner, state);
      const outer = encoding.createEncoder();
      encoding.writeVarUint(outer, messageAwareness);
      encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
      return encoding.toUint8Array(outer);
    };
    for (let i = 1; i <= 200 && chatty.ws.readyState === chatty.ws.OPEN; i++) chatty.ws.send(awarenessMessage(i, JSON.stringify({ cursor: i })));
    expect(await chatty.closed).toBe(closeCodes.awarenessFlood);

    const huge = await rawCanvasSocket(server.services.db, server.port, canvasId, lena);
    huge.ws.send(awarenessMessage(1, JSON.stringify({ blob: "x".repeat(10_000) })));
    expect(await huge.closed).toBe(closeCodes.awarenessTooLarge);

    // Presence is bound to who is signed in, must be JSON, and one connection speaks for a few clients at most.
    const watcher = await join(canvasId, sam);
    const impostor = await rawCanvasSocket(server.services.db, server.port, canvasId, lena);
    impostor.ws.send(awarenessMessage(1, JSON.stringify({ user: { name: "Daniel Okafor", facilitator: true, color: "#123456" }, cursor: { x: 1, y: 2 } }), 515151));
    await until(() => watcher.provider.awareness.getStates().has(515151), "the impostor's presence to reach Sam");
    expect(watcher.provider.awareness.getStates().get(515151)).toEqual({ user: { name: "Lena Fischer", facilitator: false, editor: true, color: "#123456" }, cursor: { x: 1, y: 2 } });
    const broken = await rawCanvasSocket(server.services.db, server.port, canvasId, lena);
    broken.ws.send(awarenessMessage(1, "{not json", 616161));
    expect(await broken.closed).toBe(closeCodes.malformed);
    const many = await rawCanvasSocket(server.services.db, server.port, canvasId, lena);
    const manyClients = (n: number) => {
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, n);
      for (let i = 0; i < n; i++) {
        encoding.writeVarUint(inner, 900_000 + i);
        encoding.writeVarUint(inner, 1);
        encoding.writeVarString(inner, JSON.stringify({ cursor: i }));
      }
      const outer = encoding.createEncoder();
      encoding.writeVarUint(outer, messageAwareness);
      encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
      return encoding.toUint8Array(outer);
    };
    many.ws.send(manyClients(50));
    expect(await many.closed).toBe(closeCodes.awarenessTooLarge);
    // Barrier: a later, valid presence reaches Sam; nothing the broken and crowded sockets sent came first.
    good.provider.awareness.setLocalStateField("cursor", { x: 5, y: 5 });
    await until(() => [...watcher.provider.awareness.getStates().values()].some((s) => s.cursor?.x === 5), "Grace's later cursor to reach Sam");
    expect([...watcher.provider.awareness.getStates().keys()].some((id) => id >= 900_000 && id < 900_050)).toBe(false);
    watcher.destroy();

    addVariable(good.doc, { label: "Still fine", x: 0, y: 0 });
    const later = await join(canvasId, sam);
    await until(() => readDiagram(later.doc).variables.length === 2, "the canvas to be intact for a newcomer");
    expect(good.closes).toEqual([]);
  });
});

describe("storage", () => {
  it("compacts the log into a snapshot without losing an update, and unloads an idle canvas", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const a = await join(canvasId, daniel);
    for (let i = 0; i < 120; i++) {
      addVariable(a.doc, { label: `Variable ${i} with a fairly long label to grow the log`, x: i, y: i });
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    // A second person seeing all 120 means the server applied them, and it applies only what it stored.
    const witness = await join(canvasId, lena);
    await until(() => readDiagram(witness.doc).variables.length === 120, "all 120 variables to reach a second person");
    const snapshot = await server.services.db.selectFrom("canvas_snapshots").select("seq_upto").where("canvas_id", "=", canvasId).executeTakeFirst();
    expect(snapshot?.seq_upto).toBeGreaterThan(0);
    expect(readDiagram(await stored(canvasId)).variables).toHaveLength(120);
    a.destroy();
    witness.destroy();
    const fresh = await join(canvasId, sam);
    expect(readDiagram(fresh.doc).variables).toHaveLength(120);
  });
});
