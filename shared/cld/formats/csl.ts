// Our own JSON: everything the canvas holds, documented in docs/canvas-formats.md.
import { z } from "zod";
import { newId } from "../../ids";
import { lineAt, readJsonShaped, tooBig, type ExportDiagram, type ImportProblem, type MapFormat } from "./common";

const label = z.string().trim().min(1, "needs a label").max(200, "is longer than 200 characters");
const schema = z.object({
  format: z.literal("csl-commons.cld", { message: 'should be "csl-commons.cld"' }),
  version: z.literal(1, { message: "should be 1" }),
  title: z.string().max(200).optional(),
  variables: z.array(
    z.object({
      id: z.string().min(1).max(64),
      label,
      x: z.number().finite(),
      y: z.number().finite(),
      notes: z.string().max(5000).optional(),
      color: z.string().max(40).optional(),
    }),
  ),
  links: z.array(
    z.object({
      id: z.string().min(1).max(64),
      from: z.string().min(1),
      to: z.string().min(1),
      polarity: z.enum(["+", "-", "?"], { message: 'should be "+", "-" or "?" (not known yet)' }),
      delay: z.boolean().optional(),
      curvature: z.number().min(-1).max(1).optional(),
      label: z.string().max(200).optional(),
    }),
  ),
  loops: z.array(z.object({ label: z.string(), name: z.string().optional(), kind: z.enum(["R", "B"]).optional(), linkIds: z.array(z.string()) })).optional(),
});

export const cslFormat: MapFormat = {
  key: "csl",
  name: "CSL Commons JSON",
  extension: "json",
  mediaType: "application/json",
  cannotCarry: [],
  parse(text) {
    const read = readJsonShaped(text, schema);
    if (!read.ok) return read;
    const file = read.value;
    const big = tooBig(file.variables.length, file.links.length);
    if (big) return { ok: false, problems: [big] };
    const problems: ImportProblem[] = [];
    const ids = new Map<string, string>();
    file.variables.forEach((v, i) => {
      if (ids.has(v.id)) problems.push({ line: lineAt(read.json, ["variables", i, "id"]), message: `variables.${i}: the id "${v.id}" is used twice.` });
      ids.set(v.id, newId());
    });
    file.links.forEach((l, i) => {
      for (const end of ["from", "to"] as const) {
        if (!ids.has(l[end])) problems.push({ line: lineAt(read.json, ["links", i, end]), message: `links.${i}.${end}: there is no variable "${l[end]}".` });
      }
    });
    if (problems.length) return { ok: false, problems };
    return {
      ok: true,
      notes: [],
      diagram: {
        variables: file.variables.map((v) => ({ id: ids.get(v.id)!, label: v.label, x: v.x, y: v.y, notes: v.notes, color: v.color })),
        links: file.links.map((l) => ({ from: ids.get(l.from)!, to: ids.get(l.to)!, polarity: l.polarity, delay: l.delay ?? false, curvature: l.curvature, label: l.label })),
      },
    };
  },
  serialize(diagram: ExportDiagram) {
    return `${JSON.stringify(
      {
        format: "csl-commons.cld",
        version: 1,
        title: diagram.title,
        variables: diagram.variables.map(({ id, label, x, y, notes, color }) => ({ id, label, x: Math.round(x), y: Math.round(y), notes, color })),
        links: diagram.links.map(({ id, from, to, polarity, delay, curvature, label }) => ({ id, from, to, polarity, delay, curvature, label })),
        loops: diagram.loops.map(({ label, name, kind, linkIds }) => ({ label, name, kind, linkIds })),
      },
      null,
      2,
    )}\n`;
  },
};
