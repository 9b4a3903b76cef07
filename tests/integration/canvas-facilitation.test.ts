// Facilitating with a canvas against a started server: templates and imports make new canvases,
// the lock holds on the server, versions restore exactly, and every format downloads and reads back.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
// `meta` renamed: Vite's transform of this file would confuse it with `import.meta`.
import { addComment, addVariable, comments, loopLabels, meta as documentMeta, readDiagram, writeLoopLabels } from "../../shared/cld/model";
import { closeCodes } from "../../server/yjs/protocol";
import { findLoops } from "../../shared/cld/loops";
import { mapFormat } from "../../shared/cld/formats";
import { joinCanvas, newCanvas, roundTrip, storedDocument, type CanvasPeer } from "../helpers/canvasClient";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";
import { until } from "../helpers/wait";

const slug = "provincial-community-of-practice";
const daniel = "daniel.okafor@csl-commons.example";
const sam = "member@csl-commons.example";

let server: TestServer;
let facilitator: Visitor;
let member: Visitor;
const peers: CanvasPeer[] = [];
const join = async (canvasId: string, email: string) => {
  const peer = await joinCanvas(server.services.db, server.port, canvasId, email);
  peers.push(peer);
  await peer.synced;
  return peer;
};

beforeAll(async () => {
  server = await startTestServer({ yjsOptions: { unloadAfterMs: 200 } });
  facilitator = new Visitor(server.url);
  await facilitator.signIn(daniel);
  member = new Visitor(server.url);
  await member.signIn(sam);
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await server?.stop();
});

async function stored(canvasId: string): Promise<Y.Doc> {
  await server.yjs.settled(canvasId);
  return storedDocument(server.services.db, canvasId);
}

const canvasCount = async () => Number((await server.services.db.selectFrom("canvases").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const canvasIdFrom = (location: string | null) => /\/canvases\/([a-z2-9]{16})/.exec(location ?? "")?.[1] ?? "";

describe("new canvases from templates and files", () => {
  it("a facilitator starts a map from Fixes that Fail: its variables, links, delay and loops are there", async () => {
    const created = await facilitator.post(`/communities/${slug}`, { intent: "new-canvas", title: "Fixes that fail in our district", template: "fixes-that-fail" });
    expect(created.status).toBe(302);
    const doc = await stored(canvasIdFrom(created.location));
    const { variables, links } = readDiagram(doc);
    expect(variables.map((v) => v.label).sort()).toEqual(["Fix", "Problem symptom", "Unintended consequences"]);
    expect(links.filter((l) => l.delay)).toHaveLength(1);
    const loops = findLoops(variables.map((v) => v.id), links).loops;
    expect(loops.map((l) => l.kind).sort()).toEqual(["B", "R"]);
  });

  it("refuses a template that does not exist", async () => {
    const before = await canvasCount();
    const result = await facilitator.post(`/communities/${slug}`, { intent: "new-canvas", title: "Nope", template: "made-up" });
    expect(result.status).toBe(400);
    expect(await canvasCount()).toBe(before);
  });

  it("imports a Vensim sketch into a new canvas", async () => {
    const form = new FormData();
    form.set("intent", "import-canvas");
    form.set("format", "vensim");
    form.set("file", new Blob([fs.readFileSync(new URL("../fixtures/maps/vensim-crlf.mdl", import.meta.url))]), "teachers.mdl");
    const response = await member.request(`/communities/${slug}`, { method: "POST", body: form });
    expect(response.status).toBe(302);
    const doc = await stored(canvasIdFrom(response.headers.get("location")));
    expect(readDiagram(doc).variables).toHaveLength(4);
    expect(readDiagram(doc).links).toHaveLength(5);
  });

  it("imports a Stella model's causal part into a new canvas, with what was left out in the import's notes", async () => {
    const form = new FormData();
    form.set("intent", "import-canvas");
    form.set("format", "xmile");
    form.set("file", new Blob([fs.readFileSync(new URL("../fixtures/maps/stella-teacup.stmx", import.meta.url))]), "teacup.stmx");
    const response = await member.request(`/communities/${slug}`, { method: "POST", body: form });
    expect(response.status).toBe(302);
    const doc = await stored(canvasIdFrom(response.headers.get("location")));
    expect(readDiagram(doc).variables).toHaveLength(4);
    expect(readDiagram(doc).links).toHaveLength(3);
    const notes = documentMeta(doc).get("importNotes") as { file: string; notes: string[] };
    expect(notes.notes.join(" ")).toMatch(/4 equations were left out/);
  });

  it("a Kumu map with blank connection types keeps them unknown, and the import's notes stay with the new map", async () => {
    const form = new FormData();
    form.set("intent", "import-canvas");
    form.set("format", "kumu");
    const map = {
      elements: [{ _id: "e1", attributes: { label: "Workload" } }, { _id: "e2", attributes: { label: "Burnout" } }],
      connections: [
        { _id: "c1", from: "e1", to: "e2", direction: "directed", attributes: {} },
        { _id: "c2", from: "e2", to: "e1", direction: "directed", attributes: { "connection type": "+" } },
        { _id: "c3", from: "e1", to: "e2", direction: "undirected", attributes: {} },
      ],
      loops: [{ _id: "l1", connections: ["c1", "c2"], attributes: { label: "R1 Overload" } }],
    };
    form.set("file", new Blob([JSON.stringify(map, null, 2)]), "overload.json");
    const response = await member.request(`/communities/${slug}`, { method: "POST", body: form });
    expect(response.status).toBe(302);
    const doc = await stored(canvasIdFrom(response.headers.get("location")));
    expect(readDiagram(doc).links.map((l) => l.polarity).sort()).toEqual(["+", "?"]);
    const notes = documentMeta(doc).get("importNotes") as { file: string; notes: string[] };
    expect(notes.file).toBe("overload.json");
    expect(notes.notes.join(" ")).toMatch(/undirected.*left out/);
    expect(notes.notes.join(" ")).toMatch(/shown as "\?"/);
    expect([...loopLabels(doc).values()]).toEqual([{ label: "U1", name: "Overload" }]);
  });

  it("takes a pasted LOOPY link, and the download panel names what each format cannot carry", async () => {
    const data = '[[[1,10,10,0.5,"Trust",4],[2,300,10,0.5,"Openness",0]],[[1,2,0,1,0],[2,1,0,1,0]],[],3]';
    const response = await member.post(`/communities/${slug}`, { intent: "import-canvas", format: "kumu", pasted: `https://ncase.me/loopy/v1.1/?data=${encodeURIComponent(data)}` });
    expect(response.status).toBe(302);
    const id = canvasIdFrom(response.location);
    expect(readDiagram(await stored(id)).variables.map((v) => v.label).sort()).toEqual(["Openness", "Trust"]);
    const page = visibleText((await member.page(`/canvases/${id}`)).html);
    expect(page).toMatch(/Download as LOOPY link Cannot carry: delay marks/);
  });

  it("a broken file gets its problems line by line and creates nothing", async () => {
    const before = await canvasCount();
    const form = new FormData();
    form.set("intent", "import-canvas");
    form.set("format", "kumu");
    form.set("file", new Blob(['{\n  "elements": [{ "label": "A" }],\n  "connections": [\n    { "from": "A", "to": "Nowhere" }\n  ]\n}']), "broken.json");
    const response = await member.request(`/communities/${slug}`, { method: "POST", body: form });
    expect(response.status).toBe(422);
    const text = visibleText(await response.text());
    expect(text).toContain("Nothing was imported: broken.json has a problem.");
    expect(text).toContain('Line 4: Connection 1: there is no element "Nowhere".');
    expect(await canvasCount()).toBe(before);
  });
});

describe("imports that could hold the server", () => {
  const importFile = (format: string, name: string, body: string) => {
    const form = new FormData();
    form.set("intent", "import-canvas");
    form.set("format", format);
    form.set("file", new Blob([body]), name);
    return member.request(`/communities/${slug}`, { method: "POST", body: form });
  };

  it("a 1 MB file full of problems is read off the main thread: the server answers others meanwhile, and 50 problems are listed", async () => {
    const connections = Array.from({ length: 14_000 }, (_, i) => `    { "from": "A", "to": "Missing ${i}" }`).join(",\n");
    const body = `{\n  "elements": [{ "label": "A" }],\n  "connections": [\n${connections}\n  ]\n}`;
    expect(body.length).toBeGreaterThan(500_000);
    const order: string[] = [];
    const importing = importFile("kumu", "big.json", body).then(async (response) => {
      order.push("import");
      return response;
    });
    // While the file is read, the server still answers: the health check comes back first.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await fetch(`${server.url}/healthz`).then(() => order.push("health"));
    const response = await importing;
    expect(order).toEqual(["health", "import"]);
    expect(response.status).toBe(422);
    const text = visibleText(await response.text());
    expect(text.match(/Line \d+: Connection/g)).toHaveLength(50);
    expect(text).toContain("…and more problems after these, not listed.");
    expect(text).toContain('Line 4: Connection 1: there is no element "Missing 0".');
  });

  it("deeply nested JSON is a problem to report (422), not a failure of the server", async () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    const response = await importFile("csl", "deep.json", deep);
    expect(response.status).toBe(422);
    expect(visibleText(await response.text())).toMatch(/nested too deeply|Not valid JSON/);
  });
});

describe("renaming and deleting a map", () => {
  it("a facilitator renames and, once confirmed, deletes a map; open copies close; members can do neither", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const samPeer = await join(canvasId, sam);
    expect((await member.post(`/canvases/${canvasId}`, { intent: "rename", title: "Mine now" })).status).toBe(403);
    expect((await facilitator.post(`/canvases/${canvasId}`, { intent: "rename", title: "Why do teachers stay?" })).status).toBe(200);
    expect((await server.services.db.selectFrom("canvases").select("title").where("id", "=", canvasId).executeTakeFirstOrThrow()).title).toBe("Why do teachers stay?");
    expect((await member.post(`/canvases/${canvasId}`, { intent: "delete-map", confirmed: "yes" })).status).toBe(403);
    expect((await facilitator.post(`/canvases/${canvasId}`, { intent: "delete-map" })).status).toBe(400);
    const deleted = await facilitator.post(`/canvases/${canvasId}`, { intent: "delete-map", confirmed: "yes" });
    expect(deleted.status).toBe(302);
    expect(await server.services.db.selectFrom("canvases").select("id").where("id", "=", canvasId).executeTakeFirst()).toBeUndefined();
    await until(() => samPeer.closes.includes(closeCodes.revoked), "Sam's open copy to close");
    expect((await member.page(`/canvases/${canvasId}`)).status).toBe(404);
  });
});

describe("parts of a map only the server or a facilitator writes", () => {
  it("a member's raw client cannot forge or delete comments, nor set the lock banner; a facilitator presents", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const dan = await join(canvasId, daniel);
    const observer = await join(canvasId, "lena.fischer@csl-commons.example");
    addVariable(dan.doc, { label: "Workload", x: 0, y: 0 });
    const variableId = readDiagram(dan.doc).variables[0].id;
    // The comment names a variable the server has received but may not have stored yet: it waits for it.
    await roundTrip(dan);
    expect((await member.post(`/canvases/${canvasId}`, { intent: "comment", targetKind: "variable", targetId: variableId, text: "A real comment" })).status).toBe(200);
    await until(() => comments(observer.doc).size === 1, "the real comment to reach Lena");
    const realId = [...comments(observer.doc).keys()][0];

    const forger = await join(canvasId, sam);
    await until(() => comments(forger.doc).size === 1, "Sam's replica to hold the comment");
    addComment(forger.doc, { target: { kind: "variable", id: variableId }, text: "Daniel says: cancel the session", authorId: "someone", authorName: "Daniel Okafor", createdAt: Date.now() });
    await until(() => forger.closes.includes(closeCodes.revoked), "the forged comment to close Sam's connection");
    forger.destroy();
    const deleter = await join(canvasId, sam);
    await until(() => comments(deleter.doc).size === 1, "a fresh replica");
    comments(deleter.doc).delete(realId);
    await until(() => deleter.closes.includes(closeCodes.revoked), "deleting someone's comment to close the connection");
    deleter.destroy();
    const locker = await join(canvasId, sam);
    documentMeta(locker.doc).set("lock", { by: "Daniel Okafor" });
    await until(() => locker.closes.includes(closeCodes.revoked), "a forged lock banner to close the connection");
    locker.destroy();

    // Barrier: the facilitator presents, and that reaches Lena; nothing Sam forged came before it.
    documentMeta(dan.doc).set("present", { step: 2, by: "Daniel Okafor" });
    await until(() => (documentMeta(observer.doc).get("present") as { step?: number } | undefined)?.step === 2, "the presentation to reach Lena");
    expect([...comments(observer.doc).values()].map((c) => c.text)).toEqual(["A real comment"]);
    expect(documentMeta(observer.doc).get("lock")).toBeUndefined();
    const stored = await storedDocument(server.services.db, canvasId);
    expect([...comments(stored).values()].map((c) => c.text)).toEqual(["A real comment"]);
  });
});

describe("the facilitator's lock", () => {
  it("freezes everyone else's edits on the server until it is lifted; facilitators still edit", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const dan = await join(canvasId, daniel);
    const samPeer = await join(canvasId, sam);
    expect((await member.post(`/canvases/${canvasId}`, { intent: "lock" })).status).toBe(403);
    expect((await facilitator.post(`/canvases/${canvasId}`, { intent: "lock" })).status).toBe(200);
    await until(() => samPeer.doc.getMap("meta").get("lock") !== undefined && samPeer.doc.getMap("meta").get("lock") !== null, "the lock to reach Sam");

    addVariable(samPeer.doc, { label: "Sneaked in while locked", x: 0, y: 0 });
    addVariable(dan.doc, { label: "Facilitator's variable", x: 100, y: 0 });
    await until(() => readDiagram(samPeer.doc).variables.some((v) => v.label === "Facilitator's variable"), "the facilitator's edit to reach Sam");
    await roundTrip(samPeer);
    await server.yjs.settled(canvasId);
    await roundTrip(dan);
    expect(readDiagram(dan.doc).variables.map((v) => v.label)).toEqual(["Facilitator's variable"]);
    expect(readDiagram(await stored(canvasId)).variables.map((v) => v.label)).toEqual(["Facilitator's variable"]);

    // Once unlocked, what Sam's document held is asked for again, so nothing he does later waits
    // behind the refused edit: both arrive, and everyone converges.
    expect((await facilitator.post(`/canvases/${canvasId}`, { intent: "unlock" })).status).toBe(200);
    await until(() => samPeer.doc.getMap("meta").get("lock") === null, "the unlock to reach Sam");
    addVariable(samPeer.doc, { label: "After the pause", x: 0, y: 100 });
    await until(() => readDiagram(dan.doc).variables.some((v) => v.label === "After the pause"), "Sam's edit to reach Daniel once unlocked");
    await until(() => JSON.stringify(readDiagram(dan.doc)) === JSON.stringify(readDiagram(samPeer.doc)), "Daniel and Sam to converge");
    expect(readDiagram(await stored(canvasId))).toEqual(readDiagram(dan.doc));
  });

  it("holds for someone who joins after the lock, and across a reload of the document", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    await facilitator.post(`/canvases/${canvasId}`, { intent: "lock" });
    await new Promise((r) => setTimeout(r, 400)); // lets the document unload (200 ms here), so it is loaded again with the lock
    const samPeer = await join(canvasId, sam);
    addVariable(samPeer.doc, { label: "Late and locked", x: 0, y: 0 });
    await roundTrip(samPeer);
    expect(readDiagram(await stored(canvasId)).variables).toEqual([]);
  });
});

describe("versions", () => {
  it("restoring a named version yields exactly that version's content, as a new canvas", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const dan = await join(canvasId, daniel);
    addVariable(dan.doc, { label: "Workload", x: 0, y: 0 });
    addVariable(dan.doc, { label: "Burnout", x: 200, y: 0 });
    await until(async () => readDiagram(await stored(canvasId)).variables.length === 2, "both variables stored");
    const atVersion = readDiagram(await stored(canvasId));
    expect((await facilitator.post(`/canvases/${canvasId}`, { intent: "save-version", name: "Before the break" })).status).toBe(200);
    addVariable(dan.doc, { label: "Added after the version", x: 0, y: 200 });
    await until(async () => readDiagram(await stored(canvasId)).variables.length === 3, "the later variable stored");

    const version = await server.services.db.selectFrom("canvas_versions").select("id").where("canvas_id", "=", canvasId).executeTakeFirstOrThrow();
    const page = await member.page(`/canvases/${canvasId}/versions/${version.id}`);
    expect(page.status).toBe(200);
    expect(visibleText(page.html)).toContain("Before the break");
    expect(page.html).toContain("Workload");
    expect(page.html).not.toContain("Added after the version");

    const restored = await member.post(`/canvases/${canvasId}/versions/${version.id}`, {});
    expect(restored.status).toBe(302);
    const restoredId = canvasIdFrom(restored.location);
    expect(restoredId).not.toBe(canvasId);
    expect(readDiagram(await stored(restoredId))).toEqual(atVersion);
    expect(readDiagram(await stored(canvasId)).variables).toHaveLength(3);
  });

  it("lists who contributed, and a stranger to the community sees no version", async () => {
    const canvasId = await newCanvas(server.services.db, slug, daniel);
    const dan = await join(canvasId, daniel);
    const samPeer = await join(canvasId, sam);
    const lena = await join(canvasId, "lena.fischer@csl-commons.example");
    addVariable(dan.doc, { label: "One", x: 0, y: 0 });
    // Lena only has the map open: her editor stores loop labels, as one editor does; that is not a change to the map.
    writeLoopLabels(lena.doc, new Map([["x>y", { label: "R1" }]]));
    await roundTrip(lena);
    addVariable(samPeer.doc, { label: "Two", x: 0, y: 0 });
    await until(async () => (await server.services.db.selectFrom("canvas_contributors").select("user_id").where("canvas_id", "=", canvasId).execute()).length === 2, "both contributions recorded");
    await server.yjs.settled(canvasId);
    const counted = await server.services.db.selectFrom("canvas_contributors").innerJoin("users", "users.id", "canvas_contributors.user_id").select("users.email").where("canvas_id", "=", canvasId).execute();
    expect(counted.map((c) => c.email).sort()).toEqual([daniel, sam].sort());
    const page = visibleText((await facilitator.page(`/canvases/${canvasId}`)).html);
    expect(page).toMatch(/Daniel Okafor · \d+ change/);
    expect(page).toMatch(/Sam Whitehorse · \d+ change/);
  });

  it("a version of an invitation-only community's map is not shown to someone outside it", async () => {
    const priya = new Visitor(server.url);
    await priya.signIn("priya.sandhu@csl-commons.example");
    const canvasId = await newCanvas(server.services.db, "early-years-circle", "priya.sandhu@csl-commons.example");
    expect((await priya.post(`/canvases/${canvasId}`, { intent: "save-version", name: "Ours" })).status).toBe(200);
    const version = await server.services.db.selectFrom("canvas_versions").select("id").where("canvas_id", "=", canvasId).executeTakeFirstOrThrow();
    expect((await priya.page(`/canvases/${canvasId}/versions/${version.id}`)).status).toBe(200);
    expect([403, 404]).toContain((await facilitator.page(`/canvases/${canvasId}/versions/${version.id}`)).status);
    expect([403, 404]).toContain((await facilitator.post(`/canvases/${canvasId}/versions/${version.id}`, {})).status);
    expect([403, 404]).toContain((await facilitator.request(`/canvases/${canvasId}/export/kumu`)).status);
  });
});

describe("downloads", () => {
  it("every format downloads and reads back with every variable, link, polarity and delay", async () => {
    const created = await facilitator.post(`/communities/${slug}`, { intent: "new-canvas", title: "Shifting the burden", template: "shifting-the-burden" });
    const canvasId = canvasIdFrom(created.location);
    const original = readDiagram(await stored(canvasId));
    const label = new Map(original.variables.map((v) => [v.id, v.label]));
    const essence = (d: { variables: { id: string; label: string }[]; links: { from: string; to: string; polarity: string; delay: boolean }[] }, keepDelay = true) => {
      const names = new Map(d.variables.map((v) => [v.id, v.label]));
      return { variables: d.variables.map((v) => v.label).sort(), links: d.links.map((l) => `${names.get(l.from)}>${names.get(l.to)}${l.polarity}${keepDelay && l.delay ? "||" : ""}`).sort() };
    };
    expect(label.size).toBe(4);
    for (const key of ["kumu", "loopy", "vensim", "xmile", "csl"]) {
      const response = await member.request(`/canvases/${canvasId}/export/${key}`);
      expect(response.status, key).toBe(200);
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="Shifting-the-burden\./);
      const parsed = mapFormat(key)!.parse(await response.text());
      expect(parsed.ok, key).toBe(true);
      if (parsed.ok) expect(essence(parsed.diagram as never, key !== "loopy"), key).toEqual(essence(original, key !== "loopy"));
    }
    expect((await member.request(`/canvases/${canvasId}/export/pdf`)).status).toBe(404);
  });
});
