// Downloads a canvas in one of the map formats: /canvases/<id>/export/<kumu|loopy|vensim|csl>.
import type { Route } from "./+types/canvas.export";
import { notFound, requireUser } from "../lib/auth.server";
import { canvasAccess, diagramForExport } from "../lib/canvas.server";
import { mapFormat } from "../../shared/cld/formats";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { canvas, role } = await canvasAccess(context, user, params.canvasId);
  if (!role) notFound("There is no canvas here.");
  const format = mapFormat(params.format);
  if (!format) notFound("Maps can be downloaded as kumu, loopy, vensim, xmile or csl.");
  const body = format.serialize(await diagramForExport(context, canvas));
  const slug = canvas.title.replace(/[^\p{L}\p{N} _-]+/gu, "").trim().replace(/\s+/g, "-") || "map";
  // "map.kumu.json", but "map.mdl" and "map.xmile": those extensions already say what the file is.
  const name = `${slug}${format.key === "vensim" || format.key === format.extension ? "" : `.${format.key}`}.${format.extension}`;
  return new Response(body, {
    headers: {
      "Content-Type": `${format.mediaType}; charset=utf-8`,
      "Content-Disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
