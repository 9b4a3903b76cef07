// A canvas's history as JSON (/canvases/<id>/history): who added, changed and removed each
// variable and link, and when, for the provenance beside a selected element, the replay and each
// person's share. Anyone who may see the map may see how it was built.
import type { Route } from "./+types/canvas.history";
import { notFound, requireUser } from "../lib/auth.server";
import { canvasAccess } from "../lib/canvas.server";
import { canvasHistory } from "../../db/queries/canvasHistory";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { canvas, role } = await canvasAccess(context, user, params.canvasId);
  if (!role) notFound("There is no canvas here.");
  const history = await canvasHistory(context.services.db, canvas.id);
  return Response.json(history, { headers: { "Cache-Control": "no-store" } });
}
