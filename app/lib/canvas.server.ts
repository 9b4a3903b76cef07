// Finds a canvas with the asking person's role on it (null: no access at all); creates canvases
// from templates, files and versions; reads one out for export.
import { data, type AppLoadContext } from "react-router";
import type { User } from "../../db/schema";
import * as Y from "yjs";
import { canvasAccessFor, createCanvas } from "../../db/queries/canvases";
import type { ExportDiagram } from "../../shared/cld/formats";
import { meta as documentMeta, writeDiagram, type DiagramInput } from "../../shared/cld/model";
import { actorOf, notFound } from "./auth.server";
import type { CanvasChange } from "../../server/canvasEdits";
import { CanvasFull } from "../../server/yjs/canvasDocument";
import { diagramOfState as diagramOfDocument } from "../../server/canvasDiagram";

export async function canvasAccess(context: AppLoadContext, user: User, canvasId: string | undefined) {
  const access = await canvasAccessFor(context.services.db, actorOf(user), canvasId);
  if (!access) notFound("There is no canvas here.");
  return access;
}

/**
 * Makes a change to a canvas through the Yjs endpoint, stored before anyone sees it. Returns null
 * once stored, or what to tell the person when it could not be: nothing is reported as saved
 * that was not.
 */
export async function changeCanvas(context: AppLoadContext, canvasId: string, change: CanvasChange): Promise<string | null> {
  try {
    await context.services.canvasEdits.apply(canvasId, change);
    return null;
  } catch (error) {
    if (CanvasFull.is(error)) return "This map has reached its storage limit. Save a version and start a new map from it to keep going.";
    context.services.log.error({ err: error, canvasId }, "canvas change not stored");
    return "That could not be saved just now. Nothing was changed; please try again in a moment.";
  }
}

/** A new canvas holding a diagram (a template or an import), written through the Yjs endpoint; none is left behind when that fails. */
export async function createCanvasWith(context: AppLoadContext, input: { communityId: string; title: string; createdBy: string; diagram?: DiagramInput; state?: Uint8Array; importNotes?: { file: string; notes: string[] } }) {
  const canvas = await createCanvas(context.services.db, input);
  const { diagram, state, importNotes } = input;
  const failed =
    (diagram && diagram.variables.length
      ? await changeCanvas(context, canvas.id, (doc) => {
          writeDiagram(doc, diagram);
          // What the import read how, and left out, stays with the map for whoever opens it.
          if (importNotes?.notes.length) documentMeta(doc).set("importNotes", { file: importNotes.file.slice(0, 200), notes: importNotes.notes.slice(0, 50).map((n) => n.slice(0, 500)) });
        })
      : null) ??
    (state ? await changeCanvas(context, canvas.id, (doc) => Y.applyUpdate(doc, state)) : null);
  if (failed) {
    await context.services.db.deleteFrom("canvases").where("id", "=", canvas.id).execute();
    throw data(failed, { status: 503 });
  }
  return canvas;
}

/** The canvas as it is now, with its loops and their labels, ready for a map format. */
export async function diagramForExport(context: AppLoadContext, canvas: { id: string; title: string }): Promise<ExportDiagram> {
  const { loopBounds: _, ...diagram } = await diagramOfState(context, await context.services.canvasEdits.state(canvas.id));
  return { title: canvas.title, ...diagram };
}

/** A whole document (one Yjs update) read as its diagram, with its loops labelled. */
export const diagramOfState = (context: AppLoadContext, state: Uint8Array) => diagramOfDocument(context.services, state);
