// Importing a spreadsheet of contacts: upload (UTF-8, UTF-8 with BOM or Windows-1252), choose which
// column holds each field, see a preview and the report of every problem by row and column, then
// import: nothing while any row has a problem, unless the coordinator chooses the sound rows. An
// email already kept fills in that contact. Read off the main thread; admins and coordinators only.
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/contacts.import";
import { Button, Card, Field, FormError, Notice, PageHeader, Select, TextArea } from "../components/ui";
import { notFound, requireUser } from "../lib/auth.server";
import { formError, readForm } from "../lib/forms";
import { requireContactKeeper } from "../lib/contacts.server";
import { importContacts, type ImportConsent } from "../../db/queries/contacts";
import { nowIso } from "../../db/time";
import { newId } from "../../shared/ids";
import { importFieldNames, importFields, type Mapping } from "../../shared/network/contactImport";
import { decodeSpreadsheet } from "../../shared/network/decodeSpreadsheet";

export const meta = () => [{ title: "Import contacts · CSL Commons" }];

type Context = Route.LoaderArgs["context"];

/** The mapping a form or address gives (`m-email=1`), or null to guess it from the header. */
function mappingFrom(values: URLSearchParams | FormData): Mapping | null {
  if (!importFields.some((f) => values.has(`m-${f}`))) return null;
  const mapping: Mapping = {};
  for (const field of importFields) {
    const raw = String(values.get(`m-${field}`) ?? "");
    if (/^\d{1,3}$/.test(raw)) mapping[field] = Number(raw);
  }
  return mapping;
}

async function readImport(context: Context, importId: string, userId: string, mapping: Mapping | null) {
  const { db } = context.services;
  const stored = await db.selectFrom("contact_imports").selectAll().where("id", "=", importId).where("created_by", "=", userId).executeTakeFirst();
  if (!stored) notFound("That upload is gone (imported already, or never made). Upload the file again.");
  const organizations = (await db.selectFrom("organizations").select("name").execute()).map((o) => o.name);
  const reading = await context.services.cpu.run({ kind: "readSpreadsheet", text: stored.text, mapping, organizations });
  return { stored, reading };
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  requireContactKeeper(user);
  const url = new URL(request.url);
  const importId = url.searchParams.get("file");
  const count = (name: string) => Math.max(0, Number.parseInt(url.searchParams.get(name) ?? "0", 10) || 0);
  if (url.searchParams.has("created")) return { review: null, imported: { created: count("created"), updated: count("updated"), skipped: count("skipped"), fileName: (url.searchParams.get("from") ?? "the file").slice(0, 200) } };
  if (!importId) return { review: null, imported: null };
  const { stored, reading } = await readImport(context, importId, user.id, mappingFrom(url.searchParams));
  return {
    review: {
      importId,
      fileName: stored.file_name,
      encoding: stored.encoding,
      header: reading.header,
      rowCount: reading.rowCount,
      preview: reading.preview,
      mapping: reading.mapping,
      sound: reading.contacts.length,
      problems: reading.problems,
      problemCount: reading.problemCount,
    },
    imported: null,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireContactKeeper(user);
  const { db } = context.services;
  const form = await readForm(request);
  if (form.get("intent") === "upload") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return formError(form, "Choose a CSV file to upload.");
    const { text, encoding } = decodeSpreadsheet(new Uint8Array(await file.arrayBuffer()));
    const id = newId();
    await db.insertInto("contact_imports").values({ id, created_by: user.id, file_name: file.name.slice(0, 200) || "contacts.csv", encoding, text, created_at: nowIso() }).execute();
    throw redirect(`/network/contacts/import?file=${id}`);
  }
  if (form.get("intent") !== "import") return formError(form, "That action is not one this page knows.");
  const importId = String(form.get("importId") ?? "");
  const { stored, reading } = await readImport(context, importId, user.id, mappingFrom(form));
  const soundOnly = form.get("soundOnly") === "yes";
  if (reading.problemCount > 0 && !soundOnly)
    return data({ formError: `Nothing was imported: ${reading.problemCount === 1 ? "one row has a problem" : `${reading.problemCount} problems`} (listed below). Mend the file, or import only the sound rows.` }, { status: 422 });
  if (reading.contacts.length === 0) return data({ formError: "No row could be imported." }, { status: 422 });
  const basis = String(form.get("consent") ?? "");
  const source = String(form.get("consentSource") ?? "").trim().slice(0, 300);
  const wording = String(form.get("consentWording") ?? "").trim().slice(0, 2000);
  let consent: ImportConsent | null = null;
  if (basis === "express" || basis === "implied-event") {
    if (!source) return data({ formError: "Name where these people agreed (the sign-up sheet, the event) so the ledger can prove it." }, { status: 400 });
    if (basis === "express" && !wording) return data({ formError: "Give the words people agreed to when they signed up." }, { status: 400 });
    consent = { kind: basis, source: `${stored.file_name}: ${source}`, wording: basis === "express" ? wording : null };
  }
  const organizations = new Map((await db.selectFrom("organizations").select(["id", "name"]).execute()).map((o) => [o.name.toLowerCase(), o.id]));
  const result = await importContacts(
    db,
    reading.contacts.map((c) => ({ email: c.email, name: c.name, organizationId: c.organization ? (organizations.get(c.organization.toLowerCase()) ?? null) : null, role: c.role, region: c.region, notes: c.notes, tags: c.tags })),
    user.id,
    consent,
  );
  await db.deleteFrom("contact_imports").where("id", "=", importId).execute();
  // To the summary by its own address, so that a reload never imports twice.
  throw redirect(`/network/contacts/import?${new URLSearchParams({ created: String(result.created), updated: String(result.updated), skipped: String(reading.problemCount), from: stored.file_name })}`);
}

const select = "mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900";

export default function ImportContacts({ loaderData, actionData }: Route.ComponentProps) {
  const { review } = loaderData;
  const result = actionData as { formError?: string } | undefined;
  if (loaderData.imported) {
    const { created, updated, skipped, fileName } = loaderData.imported;
    return (
      <div className="space-y-6">
        <PageHeader title="Contacts imported" />
        <Notice>
          From {fileName}: {created} new {created === 1 ? "contact" : "contacts"}, {updated} filled in{skipped ? `, ${skipped} ${skipped === 1 ? "row" : "rows"} left out for their problems` : ""}.
        </Notice>
        <p>
          <Link to="/network/contacts">Back to the contacts</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/network/contacts">Contacts</Link>
      </p>
      <PageHeader title="Import contacts" description={<p>A CSV file saved from a spreadsheet, with a header row. Nothing is imported until you have seen the report.</p>} />
      <FormError message={result?.formError} />
      {!review ? (
        <Card title="Upload">
          <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="upload" />
            <label className="text-sm font-medium">
              CSV file
              <input type="file" name="file" accept=".csv,text/csv" required className="mt-1 block text-sm" />
            </label>
            <Button>Upload and check</Button>
          </Form>
        </Card>
      ) : (
        <>
          <Card title={`${review.fileName}: ${review.rowCount} ${review.rowCount === 1 ? "row" : "rows"}`}>
            <p className="mb-3 text-sm">
              Read as {review.encoding === "utf-8" ? "UTF-8" : "Windows-1252 (as Excel saves it)"}. {review.sound} {review.sound === 1 ? "row is" : "rows are"} ready;{" "}
              {review.problemCount === 0 ? "no problem found." : `${review.problemCount} ${review.problemCount === 1 ? "problem" : "problems"} found.`}
            </p>
            <Form method="get" className="flex flex-wrap items-end gap-3">
              <input type="hidden" name="file" value={review.importId} />
              {importFields.map((field) => (
                <label key={field} className="text-sm font-medium">
                  {importFieldNames[field]}
                  <select name={`m-${field}`} defaultValue={review.mapping[field] === undefined ? "" : String(review.mapping[field])} className={select}>
                    <option value="">(none)</option>
                    {review.header.map((h, k) => (
                      <option key={k} value={k}>
                        {h || `Column ${k + 1}`}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
              <Button variant="secondary">Check again with these columns</Button>
            </Form>
            {review.preview.length ? (
              <table className="mt-4 w-full text-left text-sm">
                <caption className="text-left font-semibold">The first rows, as read</caption>
                <thead>
                  <tr className="border-b border-stone-300 dark:border-stone-700">
                    {importFields
                      .filter((f) => review.mapping[f] !== undefined)
                      .map((f) => (
                        <th key={f} scope="col" className="py-1 pr-2">
                          {importFieldNames[f]}
                        </th>
                      ))}
                  </tr>
                </thead>
                <tbody>
                  {review.preview.map((row, i) => (
                    <tr key={i} className="border-b border-stone-200 dark:border-stone-800">
                      {importFields
                        .filter((f) => review.mapping[f] !== undefined)
                        .map((f) => (
                          <td key={f} className="py-1 pr-2">
                            {row[review.mapping[f]!] ?? ""}
                          </td>
                        ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </Card>
          {review.problems.length ? (
            <Card title="Problems">
              <table className="w-full text-left text-sm">
                <thead>
                  <tr className="border-b border-stone-300 dark:border-stone-700">
                    <th scope="col" className="py-1">
                      Row
                    </th>
                    <th scope="col">Column</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {review.problems.map((p, i) => (
                    <tr key={i} className="border-b border-stone-200 dark:border-stone-800">
                      <td className="py-1">{p.row}</td>
                      <td>{p.column}</td>
                      <td>{p.problem}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {review.problemCount > review.problems.length ? <p className="mt-2 text-sm">The first {review.problems.length} of {review.problemCount} problems are listed.</p> : null}
            </Card>
          ) : null}
          <Card title="Import">
            <Form method="post" className="grid gap-4 md:grid-cols-2">
              <input type="hidden" name="intent" value="import" />
              <input type="hidden" name="importId" value={review.importId} />
              {importFields.map((field) => (review.mapping[field] === undefined ? null : <input key={field} type="hidden" name={`m-${field}`} value={review.mapping[field]} />))}
              <Select
                label="How these people agreed to hear from the network"
                name="consent"
                defaultValue=""
                options={[
                  { value: "", label: "Not known: contacts only, no newsletter until they agree" },
                  { value: "express", label: "They signed up (express consent)" },
                  { value: "implied-event", label: "They attended an event (implied, for two years)" },
                ]}
              />
              <Field label="Where (the sign-up sheet or the event)" name="consentSource" hint="Kept in each person's consent record with the file's name." />
              <TextArea label="The words they agreed to (for sign-ups)" name="consentWording" rows={2} />
              <div className="flex flex-wrap items-end gap-3 md:col-span-2">
                {review.problemCount === 0 ? (
                  <Button>Import {review.sound === 1 ? "1 contact" : `${review.sound} contacts`}</Button>
                ) : (
                  <Button name="soundOnly" value="yes" variant="secondary">
                    Import only the {review.sound === 1 ? "1 sound row" : `${review.sound} sound rows`}
                  </Button>
                )}
              </div>
            </Form>
          </Card>
        </>
      )}
    </div>
  );
}
