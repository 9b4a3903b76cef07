import fs from "node:fs";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { mapFormat, mapFormats, type ImportResult } from "../../shared/cld/formats";
import { readDiagram, writeDiagram, type DiagramInput } from "../../shared/cld/model";
import { archetypes } from "../../shared/cld/templates";

const sample = (name: string) => fs.readFileSync(new URL(`../fixtures/maps/${name}`, import.meta.url), "utf8");

function imported(result: ImportResult): DiagramInput {
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems)}`);
  return result.diagram;
}

/** What a round trip must keep: each variable, and each link with its polarity and delay, by label. */
function essence(diagram: DiagramInput) {
  const label = new Map(diagram.variables.map((v) => [v.id, v.label]));
  return {
    variables: diagram.variables.map((v) => v.label).sort(),
    links: diagram.links.map((l) => `${label.get(l.from)} -> ${label.get(l.to)} ${l.polarity}${l.delay ? " ||" : ""}`).sort(),
  };
}

/** Through a canvas document and out again in the same format, then back in. */
function roundTrip(key: string, diagram: DiagramInput): DiagramInput {
  const doc = new Y.Doc();
  writeDiagram(doc, diagram);
  const { variables, links } = readDiagram(doc);
  const format = mapFormat(key)!;
  return imported(format.parse(format.serialize({ title: "Round trip", variables, links, loops: [] })));
}

describe("Kumu JSON", () => {
  it("reads a project backup: _ids for repeated labels, every connection type, delays, mutual links, positions", () => {
    const result = mapFormat("kumu")!.parse(sample("kumu-backup.json"));
    const diagram = imported(result);
    expect(essence(diagram)).toEqual({
      variables: ["Burnout", "Collegial trust", "Mentoring", "Mentoring", "Teacher workload", "Teachers leaving"],
      links: [
        "Burnout -> Collegial trust -",
        "Burnout -> Teachers leaving + ||",
        "Collegial trust -> Mentoring +",
        "Mentoring -> Burnout -",
        "Mentoring -> Collegial trust +",
        "Mentoring -> Teachers leaving - ||",
        "Teacher workload -> Burnout +",
        "Teachers leaving -> Mentoring +",
        "Teachers leaving -> Teacher workload +",
      ],
    });
    expect(diagram.variables.find((v) => v.label === "Teacher workload")).toMatchObject({ x: -120, y: 40, notes: "Hours per week" });
    expect(result.ok && result.notes).toEqual(["Connection 6 is mutual; it became a link each way."]);
  });

  it("reads a hand-written blueprint whose connections name elements by label", () => {
    const result = mapFormat("kumu")!.parse(sample("kumu-blueprint.json"));
    expect(essence(imported(result)).links).toEqual(["Class size -> Time per student -", "Student engagement -> Class size +", "Time per student -> Student engagement + ||"]);
    expect(result.ok && result.notes[0]).toMatch(/undirected/);
  });

  it("round-trips both samples without losing a variable, link, polarity or delay", () => {
    for (const name of ["kumu-backup.json", "kumu-blueprint.json"]) {
      const first = imported(mapFormat("kumu")!.parse(sample(name)));
      expect(essence(roundTrip("kumu", first))).toEqual(essence(first));
    }
  });

  it("reports each unreadable connection on its line and imports nothing", () => {
    const text = `{
  "elements": [
    { "label": "A" },
    { "label": "B" },
    { "label": "B" }
  ],
  "connections": [
    { "from": "A", "to": "C", "connection type": "+" },
    { "from": "A", "to": "B", "connection type": "+" },
    { "from": "B", "to": "A", "connection type": "maybe" }
  ]
}`;
    const result = mapFormat("kumu")!.parse(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { line: 8, message: 'Connection 1: there is no element "C".' },
      { line: 9, message: 'Connection 2: "B" is the label of 2 elements; name the element by its _id.' },
      { line: 10, message: 'Connection 3: "B" is the label of 2 elements; name the element by its _id.' },
      { line: 10, message: 'Connection 3: the connection type "maybe" is not a polarity (+, -, ++, --, +-, -+, Same or Opposite).' },
    ]);
  });

  it("reports broken JSON and a wrong shape with lines", () => {
    const broken = mapFormat("kumu")!.parse('{\n  "elements": [\n    { "label": "A" },\n  ]\n}');
    expect(broken).toMatchObject({ ok: false, problems: [{ line: 4 }] });
    const shape = mapFormat("kumu")!.parse('{\n  "elements": [\n    { "label": "A" }\n  ],\n  "connections": [\n    { "from": 3 }\n  ]\n}');
    expect(shape.ok).toBe(false);
    if (!shape.ok) expect(shape.problems.map((p) => p.line)).toEqual([6, 6]);
  });
});

describe("LOOPY", () => {
  it("reads a LOOPY link, encoded twice, with the strength's sign as polarity", () => {
    const diagram = imported(mapFormat("loopy")!.parse(sample("loopy.txt")));
    expect(essence(diagram)).toEqual({
      variables: ["Staff turnover, 100% real", "Trust in leadership", "Workload"],
      links: ["Staff turnover, 100% real -> Workload +", "Trust in leadership -> Staff turnover, 100% real -", "Workload -> Trust in leadership -"],
    });
    expect(diagram.variables.find((v) => v.label === "Workload")).toMatchObject({ x: 450, y: 450 });
  });

  it("reads the data part alone and once-encoded data", () => {
    const data = '[[[1,10,10,0.5,"A%20b",0],[2,50,10,0.5,"C",1]],[[1,2,0,1,0]],[],3]';
    expect(essence(imported(mapFormat("loopy")!.parse(data))).links).toEqual(["A b -> C +"]);
    expect(essence(imported(mapFormat("loopy")!.parse(`data=${encodeURIComponent(data)}`))).links).toEqual(["A b -> C +"]);
  });

  it("round-trips a LOOPY model", () => {
    const first = imported(mapFormat("loopy")!.parse(sample("loopy.txt")));
    expect(essence(roundTrip("loopy", first))).toEqual(essence(first));
  });

  it("reports each unreadable node and edge and imports nothing", () => {
    const result = mapFormat("loopy")!.parse('[[[1,10,10,0.5,"A",0],[2,10,10,0.5,"",0]],[[1,9,0,1],[1,1,0,0]],[],3]');
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 1, message: "Node 2 has no label." },
        { line: 1, message: "Edge 1 joins node 9, which is not in the model." },
        { line: 1, message: "Edge 2 has a strength of 0, so no polarity." },
      ],
    });
    expect(mapFormat("loopy")!.parse("https://example.org/not-loopy").ok).toBe(false);
  });
});

describe("Vensim sketch", () => {
  it("reads a CRLF sketch: quoted names, codes 43/45/S/O/83, delay marks, a shadow variable, a cloud left out", () => {
    const result = mapFormat("vensim")!.parse(sample("vensim-crlf.mdl"));
    expect(essence(imported(result))).toEqual({
      variables: ["Hiring", "Teachers leaving", "Trust, and respect", "Workload"],
      links: ["Hiring -> Workload +", "Teachers leaving -> Hiring - ||", "Teachers leaving -> Trust, and respect -", "Trust, and respect -> Workload +", "Workload -> Teachers leaving + ||"],
    });
    expect(result.ok && result.notes.join(" ")).toMatch(/2 sketch objects/);
  });

  it("reads the same sketch with LF line ends", () => {
    const lf = sample("vensim-crlf.mdl").replace(/\r\n/g, "\n");
    expect(essence(imported(mapFormat("vensim")!.parse(lf)))).toEqual(essence(imported(mapFormat("vensim")!.parse(sample("vensim-crlf.mdl")))));
  });

  it("round-trips the sketch", () => {
    const first = imported(mapFormat("vensim")!.parse(sample("vensim-crlf.mdl")));
    expect(essence(roundTrip("vensim", first))).toEqual(essence(first));
  });

  it("reports each unreadable line by its number and imports nothing", () => {
    const text = ["\\\\\\---/// Sketch information", "V300", "*View 1", "10,1,A,10,10,40,20,8,3,0,0,0,0,0,0", "10,2,,10", "1,3,1,9,1,0,43,0,0,64,0,-1--1--1,,1|(0,0)|", "1,4,1,1,1,0,99,0,0,64,0,-1--1--1,,1|(0,0)|", "7,garbage", "///---\\\\\\"].join("\n");
    const result = mapFormat("vensim")!.parse(text);
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 5, message: "Line 5: a variable line needs 10,id,name,x,y,…" },
        { line: 8, message: 'Line 8: "7,garbage" is not a sketch object this import reads.' },
        { line: 7, message: 'Line 7: "99" is not a polarity (43 for +, 45 for -, S or O).' },
      ],
    });
    expect(mapFormat("vensim")!.parse("no sketch here")).toMatchObject({ ok: false, problems: [{ line: null }] });
  });
});

describe("every format", () => {
  it("round-trips every archetype, including its delays (LOOPY, which has no delay marks, keeps the rest)", () => {
    for (const format of mapFormats) {
      for (const archetype of archetypes) {
        const back = essence(roundTrip(format.key, archetype.diagram));
        const expected = essence(archetype.diagram);
        if (format.key === "loopy") expected.links = expected.links.map((l) => l.replace(" ||", ""));
        expect(back, `${format.key} ${archetype.key}`).toEqual(expected);
      }
    }
  });

  it("our JSON reports a dangling link on its line", () => {
    const text = '{\n  "format": "csl-commons.cld",\n  "version": 1,\n  "variables": [{ "id": "a", "label": "A", "x": 0, "y": 0 }],\n  "links": [\n    { "id": "l", "from": "a", "to": "b", "polarity": "+" }\n  ]\n}';
    expect(mapFormat("csl")!.parse(text)).toEqual({ ok: false, problems: [{ line: 6, message: 'links.0.to: there is no variable "b".' }] });
  });
});
