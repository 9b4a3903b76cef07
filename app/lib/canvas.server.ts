// Finds a canvas with the asking person's role on it (null: no access at all); creates canvases
// from templates, files and versions; reads one out for export.
import type { AppLoadContext } from "react-router";
import type { User } from "../../db/schema";
import * as Y from "yjs";
import { canvasAccessFor, createCanvas } from "../../db/queries/canvases";
import type { ExportDiagram } from "../../shared/cld/formats";
import { assignLabels, findLoops } from "../../shared/cld/loops";
import { loopLabels, readDiagram, writeDiagram, type DiagramInput } from "../../shared/cld/model";
import { actorOf, notFound } from "./auth.server";

export async function canvasAccess(context: AppLoadContext, user: User, canvasId: string | undefined) {
  const access = await canvasAccessFor(context.services.db, actorOf(user), canvasId);
  if (!access) notFound("There is no canvas here.");
  return access;
}

/** A new canvas holding a diagram (a template or an import), written through the Yjs endpoint. */
export async function createCanvasWith(context: AppLoadContext, input: { communityId: string; title: string; createdBy: string; diagram?: DiagramInput; state?: Uint8Array }) {
  const canvas = await createCanvas(context.services.db, input);
  const { diagram, state } = input;
  if (diagram && diagram.variables.length) await context.services.canvasEdits.apply(canvas.id, (doc) => writeDiagram(doc, diagram));
  if (state) await context.services.canvasEdits.apply(canvas.id, (doc) => Y.applyUpdate(doc, state));
  return canvas;
}

/** The canvas as it is now, with its loops and their labels, ready for a map format. */
export async function diagramForExport(context: AppLoadContext, canvas: { id: string; title: string }): Promise<ExportDiagram> {
  return { title: canvas.title, ...diagramOfState(await context.services.canvasEdits.state(canvas.id)) };
}

/** A whole document (one Yjs update) read as its diagram, with its loops labelled as every editor labels them. */
export function diagramOfState(state: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const { variables, links } = readDiagram(doc);
  const { loops } = findLoops(
    variables.map((v) => v.id),
    links,
  );
  const labels = assignLabels(loops, new Map(loopLabels(doc).entries()));
  doc.destroy();
  return {
    variables,
    links,
    loops: loops.map((l) => ({ label: labels.get(l.key)?.label ?? "", name: labels.get(l.key)?.name, kind: l.kind, linkIds: l.linkIds, variableIds: l.variableIds })),
  };
}
