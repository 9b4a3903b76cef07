// The resources library's uploaded PDFs, on disk under FILES_DIR/resources/<resource id>.pdf.
// A file is checked to be a PDF (its header and its end-of-file marker), written to a temporary
// name and renamed into place, so a reader never gets half a file.
import fs from "node:fs/promises";
import path from "node:path";
import { randomString } from "../shared/ids";
import { maxResourcePdfBytes } from "../shared/resources/library";

export const pdfPath = (filesDir: string, resourceId: string) => path.join(filesDir, "resources", `${resourceId}.pdf`);

/** Why these bytes cannot be kept as the resource's PDF, or null when they can. */
export function pdfProblem(bytes: Uint8Array): string | null {
  if (bytes.byteLength > maxResourcePdfBytes) return `The PDF is larger than ${maxResourcePdfBytes / (1024 * 1024)} MB. Please upload a smaller one (save it for the web, or compress its images).`;
  const head = Buffer.from(bytes.subarray(0, 8)).toString("latin1");
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 2048))).toString("latin1");
  if (!/^%PDF-\d\.\d/.test(head) || !tail.includes("%%EOF")) return "That file is not a PDF. Please upload a PDF document.";
  return null;
}

/** Writes the PDF under a temporary name, then renames it into place. */
export async function savePdf(filesDir: string, resourceId: string, bytes: Uint8Array): Promise<void> {
  const target = pdfPath(filesDir, resourceId);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomString(8)}.part`;
  await fs.writeFile(temporary, bytes, { flush: true });
  await fs.rename(temporary, target);
}

export async function removePdf(filesDir: string, resourceId: string): Promise<void> {
  await fs.rm(pdfPath(filesDir, resourceId), { force: true });
}

/** A file name safe in a Content-Disposition header, with the original in filename* (RFC 6266). */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const base = name.replace(/[^\x20-\x7e]|["\\]/g, "_").replace(/[/\\]/g, "_") || "resource.pdf";
  return `${kind}; filename="${base}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
