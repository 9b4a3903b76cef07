// Reads a canvas's history (migration 0024), oldest first, with the names of the people in it.
import type { DB } from "../connect";
import type { HistoryEvent } from "../../shared/cld/history";

export interface CanvasHistoryReading {
  events: HistoryEvent[];
  /** Names by user id. */
  people: Record<string, string>;
}

export async function canvasHistory(db: DB, canvasId: string): Promise<CanvasHistoryReading> {
  const rows = await db
    .selectFrom("canvas_history")
    .leftJoin("users", "users.id", "canvas_history.user_id")
    .select(["canvas_history.id", "canvas_history.at", "canvas_history.user_id", "canvas_history.kind", "canvas_history.element_id", "canvas_history.action", "canvas_history.fields", "canvas_history.value", "users.name"])
    .where("canvas_history.canvas_id", "=", canvasId)
    .orderBy("canvas_history.at")
    .orderBy("canvas_history.id")
    .execute();
  const people: Record<string, string> = {};
  const events: HistoryEvent[] = [];
  for (const r of rows) {
    if (r.user_id && r.name) people[r.user_id] = r.name;
    let value: HistoryEvent["value"] = null;
    try {
      value = r.value ? (JSON.parse(r.value) as HistoryEvent["value"]) : null;
    } catch {
      value = null;
    }
    events.push({ at: r.at, userId: r.user_id, kind: r.kind, elementId: r.element_id, action: r.action, fields: r.fields ? r.fields.split(",") : [], value });
  }
  return { events, people };
}
