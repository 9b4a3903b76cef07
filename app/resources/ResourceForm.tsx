// The resources library's form, for a new resource and an edit (multipart: it may carry a PDF).
import { Form } from "react-router";
import { Button, Field, Select, TextArea } from "../components/ui";
import { domainIds, domains } from "../../shared/domains";
import { maxResourcePdfBytes, resourceAudienceNames, resourceAudiences, resourceKindNames, resourceKinds } from "../../shared/resources/library";
import type { FormFailure } from "../lib/forms";

export interface ResourceFormValues {
  title: string;
  summary: string;
  body: string;
  linkUrl: string;
  domain: string;
  kind: string;
  audience: string;
  tags: string;
  visibility: string;
  fileName: string | null;
}

export function ResourceForm({ values, failure, submitLabel }: { values?: Partial<ResourceFormValues>; failure?: FormFailure; submitLabel: string }) {
  const v = { ...values, ...failure?.values } as Partial<ResourceFormValues>;
  const e = failure?.errors ?? {};
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-4">
      <input type="hidden" name="intent" value="save" />
      <Field label="Title" name="title" defaultValue={v.title} error={e.title} required maxLength={150} />
      <TextArea label="Summary" name="summary" defaultValue={v.summary} error={e.summary} rows={2} maxLength={400} hint="One or two sentences, shown in the list and in search." />
      <TextArea label="Page (Markdown)" name="body" defaultValue={v.body} error={e.body} rows={12} maxLength={50_000} hint="Headings (#), lists (-), **bold**, *italic* and [links](https://…). Raw HTML is shown as text." />
      <Field label="Link (instead of a PDF)" name="linkUrl" type="url" defaultValue={v.linkUrl} error={e.linkUrl} hint="A video, an article or a tool elsewhere." />
      <div>
        <label htmlFor="resource-pdf" className="block text-sm font-medium">
          PDF (instead of a link)
        </label>
        <input id="resource-pdf" type="file" name="pdf" accept="application/pdf,.pdf" aria-describedby="resource-pdf-hint" aria-invalid={e.pdf ? true : undefined} className="mt-1 block text-sm" />
        <p id="resource-pdf-hint" className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          Up to {maxResourcePdfBytes / (1024 * 1024)} MB.{v.fileName ? ` Now: ${v.fileName}. A new file replaces it.` : ""}
        </p>
        {e.pdf ? <p className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">{e.pdf}</p> : null}
        {v.fileName ? (
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" name="removePdf" value="yes" /> Remove the PDF
          </label>
        ) : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Select label="Domain" name="domain" defaultValue={v.domain ?? "self"} error={e.domain} options={domainIds.map((d) => ({ value: d, label: domains[d].label }))} />
        <Select label="Kind" name="kind" defaultValue={v.kind ?? "practice"} error={e.kind} options={resourceKinds.map((k) => ({ value: k, label: resourceKindNames[k] }))} />
        <Select label="For" name="audience" defaultValue={v.audience ?? "everyone"} error={e.audience} options={resourceAudiences.map((a) => ({ value: a, label: resourceAudienceNames[a] }))} />
        <Select label="Who may see it" name="visibility" defaultValue={v.visibility ?? "public"} error={e.visibility} options={[{ value: "public", label: "Everyone (public)" }, { value: "members", label: "Members only" }]} />
      </div>
      <Field label="Tags" name="tags" defaultValue={v.tags} error={e.tags} hint="Separated by commas: deep listening, check-in." maxLength={400} />
      <Button>{submitLabel}</Button>
    </Form>
  );
}
