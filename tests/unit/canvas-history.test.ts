import { describe, expect, it } from "vitest";
import { contributionsOf, describeEvent, provenanceOf, replay, type HistoryEvent } from "../../shared/cld/history";

const e = (over: Partial<HistoryEvent>): HistoryEvent => ({ at: "2026-12-07T10:00:00.000Z", userId: "ana", kind: "variable", elementId: "a", action: "added", fields: [], value: { label: "A", x: 0, y: 0 }, ...over });

const events: HistoryEvent[] = [
  e({ action: "present", userId: null, elementId: "t", value: { label: "Trust", x: 0, y: 0 } }),
  e({ elementId: "a", value: { label: "Workload", x: 10, y: 0 } }),
  e({ userId: "ben", elementId: "b", value: { label: "Stress", x: 200, y: 0 } }),
  e({ userId: "ben", kind: "link", elementId: "l", value: { from: "a", to: "b", polarity: "+", delay: false } }),
  e({ userId: "ben", action: "changed", elementId: "a", fields: ["label"], value: { label: "Workload per teacher", x: 10, y: 0 } }),
  e({ action: "removed", elementId: "b", value: { label: "Stress", x: 200, y: 0 } }),
];

describe("a canvas's history", () => {
  it("replays the map step by step; a link shows only while both its ends do", () => {
    expect(replay(events, 0)).toEqual({ variables: [], links: [] });
    expect(replay(events, 4).links).toEqual([{ id: "l", from: "a", to: "b", polarity: "+", delay: false }]);
    const end = replay(events, events.length);
    expect(end.variables.map((v) => v.label)).toEqual(["Trust", "Workload per teacher"]);
    expect(end.links).toEqual([]);
  });

  it("says who added and last changed an element; adding again starts afresh", () => {
    expect(provenanceOf(events, "a")).toEqual({ added: { by: "ana", at: events[1].at, present: false }, changed: { by: "ben", at: events[4].at } });
    expect(provenanceOf(events, "t")).toEqual({ added: { by: null, at: events[0].at, present: true }, changed: null });
    expect(provenanceOf([...events, e({ userId: "cy", elementId: "b" })], "b")).toMatchObject({ added: { by: "cy" }, changed: null });
    expect(provenanceOf(events, "nothing")).toEqual({ added: null, changed: null });
  });

  it("counts each person's share, what was there before history began being nobody's", () => {
    expect(contributionsOf(events)).toEqual([
      { userId: "ben", variablesAdded: 1, linksAdded: 1, changes: 1, removals: 0 },
      { userId: "ana", variablesAdded: 1, linksAdded: 0, changes: 0, removals: 1 },
    ]);
  });

  it("tells each step in words", () => {
    const name = (id: string | null) => ({ ana: "Ana", ben: "Ben" })[id ?? ""] ?? "CSL Commons";
    const label = (id: string) => ({ a: "Workload", b: "Stress" })[id] ?? "?";
    expect(events.map((x) => describeEvent(x, name, label))).toEqual([
      "The variable “Trust” was on the map when its history began.",
      "Ana added the variable “Workload”.",
      "Ben added the variable “Stress”.",
      "Ben added the link from “Workload” to “Stress”.",
      "Ben changed the variable “Workload per teacher” (label).",
      "Ana removed the variable “Stress”.",
    ]);
    expect(describeEvent(e({ action: "changed", fields: ["pos", "x"] }), name, label)).toBe("Ana changed the variable “A” (position).");
  });
});
