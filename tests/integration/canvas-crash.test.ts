// kill -9 of the server in the middle of a stream of canvas edits: nothing another client had
// received may be lost, and everyone converges once the server is back.
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openDatabase, type DB } from "../../db/connect";
import { addVariable, readDiagram } from "../../shared/cld/model";
import { joinCanvas, newCanvas, storedDocument, type CanvasPeer } from "../helpers/canvasClient";
import { sqliteFile } from "../helpers/databases";
import { startServerProcess } from "../helpers/process";
import { until } from "../helpers/wait";

const file = sqliteFile();
let child: ChildProcess | null = null;
let db: DB | null = null;
const peers: CanvasPeer[] = [];

async function startProcess(port: number): Promise<number> {
  const started = await startServerProcess(file, port);
  child = started.proc;
  return Number(new URL(started.url).port);
}

afterAll(async () => {
  for (const p of peers) p.destroy();
  child?.kill("SIGKILL");
  await db?.destroy();
});

const labels = (doc: Y.Doc) => new Set(readDiagram(doc).variables.map((v) => v.label));

describe("a crash during a stream of edits", () => {
  it("keeps every update another client had received, and everyone converges after the restart", async () => {
    const port = await startProcess(0);
    db = openDatabase(file).db;
    const canvasId = await newCanvas(db, "provincial-community-of-practice", "daniel.okafor@csl-commons.example");
    const writer = await joinCanvas(db, port, canvasId, "daniel.okafor@csl-commons.example");
    const observer = await joinCanvas(db, port, canvasId, "member@csl-commons.example");
    peers.push(writer, observer);
    await Promise.all([writer.synced, observer.synced]);

    let n = 0;
    const stream = setInterval(() => addVariable(writer.doc, { label: `v${n++}`, x: n, y: n }), 5);
    await until(() => labels(observer.doc).size >= 150, "150 variables to reach the observer", 20_000);
    child!.kill("SIGKILL");
    const received = labels(observer.doc);
    await new Promise((r) => setTimeout(r, 100));
    clearInterval(stream);
    const written = n;
    expect(received.size).toBeGreaterThanOrEqual(150);

    const stored = labels(await storedDocument(db, canvasId));
    const missing = [...received].filter((label) => !stored.has(label));
    expect(missing).toEqual([]);

    await startProcess(port);
    await until(() => labels(observer.doc).size === written && labels(writer.doc).size === written, "writer and observer to converge on every variable", 20_000);
    const fresh = await joinCanvas(db, port, canvasId, "lena.fischer@csl-commons.example");
    peers.push(fresh);
    await fresh.synced;
    await until(() => labels(fresh.doc).size === written, "a newcomer to get everything", 10_000);
    expect(JSON.stringify(readDiagram(fresh.doc))).toBe(JSON.stringify(readDiagram(writer.doc)));
  }, 90_000);
});
