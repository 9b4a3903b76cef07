import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addLink, addVariable, readDiagram, removeVariable, updateVariable, variables } from "../../shared/cld/model";

describe("the causal loop document", () => {
  it("moves a variable as one value, and still reads documents with separate x and y", () => {
    const doc = new Y.Doc();
    const id = addVariable(doc, { label: "Trust", x: 10, y: 20 });
    updateVariable(doc, id, { x: 30 });
    expect(readDiagram(doc).variables[0]).toMatchObject({ x: 30, y: 20 });
    expect(variables(doc).get(id)!.has("x")).toBe(false);
    const old = new Y.Map<unknown>();
    variables(doc).set("legacy", old);
    old.set("label", "Old");
    old.set("x", 5);
    old.set("y", 6);
    expect(readDiagram(doc).variables.find((v) => v.id === "legacy")).toMatchObject({ x: 5, y: 6 });
  });

  it("removes a variable's links with it and skips links whose ends are gone", () => {
    const doc = new Y.Doc();
    const a = addVariable(doc, { label: "A", x: 0, y: 0 });
    const b = addVariable(doc, { label: "B", x: 0, y: 0 });
    addLink(doc, { from: a, to: b, polarity: "-" });
    removeVariable(doc, b);
    expect(readDiagram(doc)).toMatchObject({ variables: [{ label: "A" }], links: [] });
  });
});
