// The resources library's form, read the same way for a new resource and an edit: the fields
// (zod), at most one of a link or a PDF besides the page's own text, and the PDF checked to be
// one and small enough before anything is stored.
import { z } from "zod";
import type { User } from "../../db/schema";
import type { ResourceInput } from "../../db/queries/resources";
import { domainIds } from "../../shared/domains";
import { may } from "../../shared/permissions";
import { resourceAudiences, resourceKinds, stripMarks } from "../../shared/resources/library";
import { pdfProblem } from "../../server/resourceFiles";
import { actorOf, forbidden } from "./auth.server";
import { formValues, parseForm, type FormFailure } from "./forms";

export function requireLibrarian(user: User): void {
  if (!may(actorOf(user), "network.resources")) forbidden("The resources library is kept by the network's admins and coordinators.");
}

const text = (max: number, message: string) => z.preprocess((v) => stripMarks(String(v ?? "")).trim(), z.string().max(max, message));

const resourceSchema = z.object({
  title: text(150, "Keep the title under 150 characters.").pipe(z.string().min(3, "Give it a title.")),
  summary: text(400, "Keep the summary under 400 characters.").pipe(z.string().min(10, "Say in a sentence what it offers.")),
  body: text(50_000, "Keep the page under 50,000 characters."),
  linkUrl: z.preprocess((v) => String(v ?? "").trim(), z.union([z.literal(""), z.url({ protocol: /^https?$/, message: "Give the link as an https:// address." })])).transform((v) => v || null),
  domain: z.enum(domainIds, { message: "Choose a domain." }),
  kind: z.enum(resourceKinds, { message: "Choose a kind." }),
  audience: z.enum(resourceAudiences, { message: "Choose who it is for." }),
  tags: text(400, "Keep the tags under 400 characters."),
  visibility: z.enum(["public", "members"], { message: "Choose who may see it." }),
});

export interface ReadResource {
  input: ResourceInput;
  /** A PDF chosen with this submission. */
  pdf: { name: string; bytes: Uint8Array } | null;
  removePdf: boolean;
}

/** The resource's fields and its PDF, or what is wrong with them beside the fields. */
export async function readResourceForm(form: FormData, hasPdfAlready: boolean): Promise<{ ok: true; value: ReadResource } | { ok: false; failure: FormFailure }> {
  const parsed = parseForm(resourceSchema, form);
  if (!parsed.ok) return parsed;
  const upload = form.get("pdf");
  const pdf = upload instanceof File && upload.size > 0 ? { name: upload.name.slice(0, 200) || "resource.pdf", bytes: new Uint8Array(await upload.arrayBuffer()) } : null;
  const problem = pdf ? pdfProblem(pdf.bytes) : null;
  const removePdf = form.get("removePdf") === "yes" && !pdf;
  const fail = (field: string, message: string) => ({ ok: false as const, failure: { errors: { [field]: message }, values: formValues(form) } });
  if (problem) return fail("pdf", problem);
  const d = parsed.data;
  const willHavePdf = Boolean(pdf) || (hasPdfAlready && !removePdf);
  if (!d.body && !d.linkUrl && !willHavePdf) return fail("body", "Write the page, give a link, or upload a PDF.");
  if (d.linkUrl && willHavePdf) return fail("linkUrl", "A resource is a link or a PDF, not both.");
  return {
    ok: true,
    value: {
      input: { title: d.title, summary: d.summary, body: d.body, linkUrl: d.linkUrl, domain: d.domain, kind: d.kind, audience: d.audience, tags: d.tags, visibility: d.visibility },
      pdf,
      removePdf,
    },
  };
}
