// A resource's PDF, as a download: its own type and its name (helmet adds nosniff to every answer);
// members-only files only to members.
import fs from "node:fs";
import { Readable } from "node:stream";
import type { Route } from "./+types/resource.file";
import { notFound, requireUser } from "../lib/auth.server";
import { resourceBySlug } from "../../db/queries/resources";
import { contentDisposition, pdfPath } from "../../server/resourceFiles";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const resource = await resourceBySlug(context.services.db, params.slug);
  if (!resource?.file_name) notFound("There is no such file.");
  if (resource.visibility === "members") requireUser(context, request);
  const file = pdfPath(context.services.config.filesDir, resource.id);
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat) {
    context.services.log.error({ resourceId: resource.id, file }, "a resource's PDF is missing from disk");
    notFound("The file is missing.");
  }
  return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(stat.size),
      "Content-Disposition": contentDisposition("attachment", resource.file_name),
      "Cache-Control": resource.visibility === "public" ? "public, max-age=300" : "private, no-store",
    },
  });
}
