// A canvas's history (decision 0020): the server watches each change a person makes to the map's
// variables and links as it is applied, and keeps what happened, by whom and when, apart from the
// Yjs log, so that compaction never loses it. A person's run of changes to one element (dragging
// it about, retyping its label) within 30 seconds is kept as one change. Each node records the
// changes it received from its own connections, so a change is recorded once.
import * as Y from "yjs";
import type { DB } from "../../db/connect";
import { newId } from "../../shared/ids";
import { elementValue, type HistoryAction, type HistoryKind, type LinkValue, type VariableValue } from "../../shared/cld/history";
import { links, variables } from "../../shared/cld/model";

/** Past this many entries a canvas's history keeps additions and removals only. */
export const historyLimit = 20_000;
const mergeWithinMs = 30_000;

interface Row {
  id: string;
  canvas_id: string;
  at: string;
  user_id: string | null;
  kind: HistoryKind;
  element_id: string;
  action: HistoryAction;
  fields: string;
  value: string | null;
}

type Value = VariableValue | LinkValue;

export class CanvasHistory {
  private readonly last = new Map<string, Value>();
  /** The latest change row per element, while it may still absorb the same person's next change. */
  private readonly open = new Map<string, { row: Row; atMs: number; written: boolean }>();
  private pending: Row[] = [];
  private updated = new Map<string, Row>();
  private count = 0;
  /** The document's two maps of elements, to tell which element a change touched. */
  private readonly tops: Map<object, HistoryKind>;

  constructor(
    private readonly canvasId: string,
    private readonly doc: Y.Doc,
    private readonly now: () => number = Date.now,
  ) {
    this.tops = new Map<object, HistoryKind>([
      [variables(doc), "variable"],
      [links(doc), "link"],
    ]);
    for (const [top, kind] of this.tops) for (const id of (top as Y.Map<unknown>).keys()) this.remember(kind, id);
    doc.on("afterTransaction", (tr: Y.Transaction) => this.observe(tr));
  }

  /**
   * Reads how many entries the canvas has; a canvas whose history is empty but whose map is not
   * (a map from before history was kept) gets a "present" entry for each element.
   */
  async start(db: DB): Promise<void> {
    const row = await db.selectFrom("canvas_history").select((eb) => eb.fn.countAll<number>().as("n")).where("canvas_id", "=", this.canvasId).executeTakeFirst();
    this.count = Number(row?.n ?? 0);
    if (this.count > 0 || this.last.size === 0) return;
    const canvas = await db.selectFrom("canvases").select("created_at").where("id", "=", this.canvasId).executeTakeFirst();
    const at = canvas?.created_at ?? new Date(this.now()).toISOString();
    for (const [key, value] of this.last) {
      const [kind, id] = key.split(":") as [HistoryKind, string];
      // One id per element, so that two nodes loading the same old map at once write it once.
      this.pending.push({ id: `present:${this.canvasId}:${kind}:${id}`.slice(0, 255), canvas_id: this.canvasId, at, user_id: null, kind, element_id: id, action: "present", fields: "", value: JSON.stringify(value) });
    }
    await this.write(db);
  }

  private remember(kind: HistoryKind, id: string): void {
    const value = elementValue(this.doc, kind, id);
    if (value) this.last.set(`${kind}:${id}`, value);
    else this.last.delete(`${kind}:${id}`);
  }

  private observe(tr: Y.Transaction): void {
    const origin = tr.origin as { userId?: unknown } | null;
    const userId = origin && typeof origin === "object" && typeof origin.userId === "string" ? (origin.userId === "server" ? null : origin.userId) : undefined;
    const touched = new Map<string, { kind: HistoryKind; id: string; fields: Set<string>; structural: boolean }>();
    const note = (kind: HistoryKind, id: string, field: string | null) => {
      const key = `${kind}:${id}`;
      const entry = touched.get(key) ?? { kind, id, fields: new Set<string>(), structural: false };
      if (field === null) entry.structural = true;
      else entry.fields.add(field);
      touched.set(key, entry);
    };
    tr.changed.forEach((keys, type) => {
      const top = this.tops.get(type);
      if (top) for (const key of keys) if (key !== null) note(top, key, null);
      const parentKind = type.parent ? this.tops.get(type.parent) : undefined;
      const id = type._item?.parentSub;
      if (parentKind && id) for (const key of keys) if (key !== null) note(parentKind, id, key);
    });
    for (const { kind, id, fields, structural } of touched.values()) {
      const key = `${kind}:${id}`;
      const before = this.last.get(key);
      this.remember(kind, id);
      const after = this.last.get(key) ?? null;
      // Only what people do is recorded: loading, and other nodes' changes (recorded there), only update what is known.
      if (userId === undefined) continue;
      const action: HistoryAction = after === null ? "removed" : structural && !before ? "added" : "changed";
      if (action === "removed" && !before) continue;
      if (action === "changed" && JSON.stringify(before) === JSON.stringify(after)) continue;
      this.add(userId, kind, id, action, [...fields], action === "removed" ? before! : after!);
    }
  }

  private add(userId: string | null, kind: HistoryKind, id: string, action: HistoryAction, fields: string[], value: Value): void {
    const nowMs = this.now();
    const key = `${kind}:${id}`;
    const open = this.open.get(key);
    if (action === "changed" && open && open.row.user_id === userId && nowMs - open.atMs < mergeWithinMs && open.row.action === "changed") {
      open.row.value = JSON.stringify(value);
      open.row.fields = [...new Set([...open.row.fields.split(",").filter(Boolean), ...fields])].join(",");
      open.row.at = new Date(nowMs).toISOString();
      open.atMs = nowMs;
      if (open.written) this.updated.set(open.row.id, open.row);
      return;
    }
    if (action === "changed" && this.count + this.pending.length >= historyLimit) return;
    const row: Row = { id: newId(), canvas_id: this.canvasId, at: new Date(nowMs).toISOString(), user_id: userId, kind, element_id: id, action, fields: fields.join(","), value: JSON.stringify(value) };
    this.pending.push(row);
    this.open.set(key, { row, atMs: nowMs, written: false });
  }

  /** Writes what was recorded since the last write (an entry already there, by id, is left as it is). */
  async write(db: DB): Promise<void> {
    const rows = this.pending;
    const updated = [...this.updated.values()];
    this.pending = [];
    this.updated = new Map();
    for (let i = 0; i < rows.length; i += 500) await db.insertInto("canvas_history").values(rows.slice(i, i + 500)).onConflict((oc) => oc.column("id").doNothing()).execute();
    this.count += rows.length;
    for (const row of rows) {
      const open = this.open.get(`${row.kind}:${row.element_id}`);
      if (open?.row === row) open.written = true;
    }
    for (const row of updated) await db.updateTable("canvas_history").set({ at: row.at, fields: row.fields, value: row.value }).where("id", "=", row.id).execute();
    // A change older than the merging window cannot absorb another: no need to hold it.
    const nowMs = this.now();
    for (const [key, open] of this.open) if (nowMs - open.atMs >= mergeWithinMs) this.open.delete(key);
  }
}
