// The network's contacts: search (name, email, organization, tag, region, type, SEY2KT), paged;
// add a contact with how they agreed to hear from the network. Admins and coordinators only.
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/contacts";
import { Button, ButtonLink, Card, EmptyState, Field, FormError, Notice, PageHeader, Select, TextArea } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { failureOf, formError, invalid, readForm } from "../lib/forms";
import { communityOptions, organizationOptions, regionsInUse, requireContactKeeper } from "../lib/contacts.server";
import { ContactFilterFields } from "../network/ContactFilterFields";
import { readContact } from "../network/contactForm";
import { organizationExists } from "../../db/queries/users";
import { recordConsent, saveContact, searchContacts } from "../../db/queries/contacts";
import { contactFilterSchema, filterFromParams, filterParams } from "../../shared/network/contactSearch";
import { newId } from "../../shared/ids";
import { nowIso } from "../../db/time";
import { staffConsentWording } from "../../shared/network/consent";

export const meta = () => [{ title: "Contacts · CSL Commons" }];

const pageSize = 50;

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  requireContactKeeper(user);
  const url = new URL(request.url);
  const filter = filterFromParams(url.searchParams);
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  const found = await searchContacts(context.services.db, filter, page, pageSize);
  return {
    filter,
    page,
    pages: Math.max(1, Math.ceil(found.total / pageSize)),
    total: found.total,
    rows: found.rows,
    organizations: await organizationOptions(context),
    regions: await regionsInUse(context),
    communities: await communityOptions(context),
    segments: (await context.services.db.selectFrom("contact_segments").select(["id", "name", "filter"]).orderBy("name").execute()).map((g) => ({
      id: g.id,
      name: g.name,
      query: new URLSearchParams(filterParams(contactFilterSchema.parse(JSON.parse(g.filter)))).toString(),
    })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireContactKeeper(user);
  const form = await readForm(request);
  if (form.get("intent") === "segment") return saveSegment(context, form, user.id);
  if (form.get("intent") === "delete-segment") {
    await context.services.db.deleteFrom("contact_segments").where("id", "=", String(form.get("segmentId") ?? "")).execute();
    return { segmentDeleted: true as const };
  }
  const read = readContact(form);
  if (!read.ok) return invalid(read.failure);
  const { db } = context.services;
  if (read.fields.organizationId && !(await organizationExists(db, read.fields.organizationId))) return formError(form, "Choose an organization from the list.");
  const basis = String(form.get("consent") ?? "");
  const how = String(form.get("consentHow") ?? "").trim().slice(0, 300);
  if ((basis === "express" || basis === "implied-event") && !how) return formError(form, "Say how they agreed (for express consent) or which event they attended.");
  const saved = await saveContact(db, read.fields, user.id, { update: false });
  if (!saved.created) return formError(form, "A contact with this email is already kept: open it to change it.", 409);
  if (basis === "express" || basis === "implied-event") await recordConsent(db, { contactId: saved.id, kind: basis, method: basis === "express" ? "staff" : "event", source: how, wording: basis === "express" ? staffConsentWording : null, recordedBy: user.id });
  throw redirect(`/network/contacts/${saved.id}`);
}

/** Saves the search being looked at as a segment, by name (a name kept already is refused). */
async function saveSegment(context: Route.ActionArgs["context"], form: FormData, userId: string) {
  const name = String(form.get("segmentName") ?? "").trim();
  if (name.length < 2 || name.length > 80) return data({ segmentError: "Give the segment a name of 2 to 80 characters." }, { status: 400 });
  const filter = filterFromParams(new URLSearchParams(String(form.get("query") ?? "")));
  const { db } = context.services;
  if (await db.selectFrom("contact_segments").select("id").where("name", "=", name).executeTakeFirst()) return data({ segmentError: `A segment called “${name}” is kept already.` }, { status: 409 });
  await db.insertInto("contact_segments").values({ id: newId(), name, filter: JSON.stringify(filter), created_by: userId, created_at: nowIso() }).execute();
  return { segmentSaved: name };
}

export default function Contacts({ loaderData, actionData }: Route.ComponentProps) {
  const { filter, rows, total, page, pages } = loaderData;
  const failure = failureOf(actionData);
  const result = actionData as Record<string, unknown> | undefined;
  const link = (to: number) => `?${new URLSearchParams({ ...filterParams(filter), page: String(to) })}`;
  const select = "mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900";
  return (
    <div className="space-y-6">
      <PageHeader
        title="Contacts"
        description={<p>The people the network keeps in touch with, and how each agreed to hear from it.</p>}
        actions={
          <>
            <ButtonLink to="/network/contacts/import" variant="secondary">
              Import a spreadsheet
            </ButtonLink>
            <ButtonLink to="/network/contacts/duplicates" variant="secondary">
              Possible duplicates
            </ButtonLink>
            <ButtonLink to="/network/organizations" variant="secondary">
              Organizations
            </ButtonLink>
            <ButtonLink to={`/network/contacts.csv?${new URLSearchParams(filterParams(filter))}`} variant="secondary" reloadDocument>
              Download these as CSV
            </ButtonLink>
          </>
        }
      />
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <ContactFilterFields filter={filter} regions={loaderData.regions} communities={loaderData.communities} />
        <Button variant="secondary">Search</Button>
      </Form>
      {loaderData.segments.length ? (
        <nav aria-label="Saved segments" className="flex flex-wrap items-center gap-3 text-sm">
          <span className="font-medium">Segments:</span>
          {loaderData.segments.map((g) => (
            <span key={g.id} className="flex items-center gap-1">
              <Link to={`?${g.query}`}>{g.name}</Link>
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="delete-segment" />
                <input type="hidden" name="segmentId" value={g.id} />
                <button className="text-xs underline" aria-label={`Forget the segment ${g.name}`}>
                  forget
                </button>
              </Form>
            </span>
          ))}
        </nav>
      ) : null}
      {typeof result?.segmentSaved === "string" ? <Notice>Saved as the segment “{result.segmentSaved}”.</Notice> : null}
      <FormError message={typeof result?.segmentError === "string" ? result.segmentError : null} />
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="segment" />
        <input type="hidden" name="query" value={new URLSearchParams(filterParams(filter)).toString()} />
        <label className="text-sm font-medium">
          Save this search as a segment
          <input name="segmentName" required maxLength={80} className={select} />
        </label>
        <Button variant="secondary">Save</Button>
      </Form>
      <Card title={`${total} ${total === 1 ? "contact" : "contacts"}${pages > 1 ? `, page ${page} of ${pages}` : ""}`}>
        {rows.length === 0 ? (
          <EmptyState>No contact matches.</EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-stone-300 dark:border-stone-700">
                <th scope="col" className="py-1">
                  Name
                </th>
                <th scope="col">Email</th>
                <th scope="col">Organization</th>
                <th scope="col">Role</th>
                <th scope="col">Region</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-stone-200 dark:border-stone-800">
                  <td className="py-1">
                    <Link to={`/network/contacts/${r.id}`}>{r.name}</Link>
                    {r.user_id ? <span className="ml-1 text-xs">(has an account)</span> : null}
                  </td>
                  <td>{r.email}</td>
                  <td>{r.organization ?? "—"}</td>
                  <td>{r.role ?? "—"}</td>
                  <td>{r.region ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pages > 1 ? (
          <nav aria-label="Pages of contacts" className="mt-3 flex gap-3 text-sm">
            {page > 1 ? <Link to={link(page - 1)}>Previous page</Link> : null}
            {page < pages ? <Link to={link(page + 1)}>Next page</Link> : null}
          </nav>
        ) : null}
      </Card>
      <Card title="Add a contact">
        <Form method="post" className="grid gap-4 md:grid-cols-2">
          <FormError message={failure?.formError} />
          <Field label="Name" name="name" defaultValue={failure?.values.name ?? ""} error={failure?.errors.name} />
          <Field label="Email" name="email" type="email" defaultValue={failure?.values.email ?? ""} error={failure?.errors.email} />
          <Select label="Organization" name="organizationId" defaultValue={failure?.values.organizationId ?? ""} options={[{ value: "", label: "None" }, ...loaderData.organizations]} error={failure?.errors.organizationId} />
          <Field label="Role" name="role" defaultValue={failure?.values.role ?? ""} error={failure?.errors.role} />
          <Field label="Region" name="region" defaultValue={failure?.values.region ?? ""} error={failure?.errors.region} />
          <Field label="Tags (separated by commas)" name="tags" defaultValue={failure?.values.tags ?? ""} error={failure?.errors.tags} />
          <TextArea label="Notes" name="notes" rows={2} defaultValue={failure?.values.notes ?? ""} error={failure?.errors.notes} />
          <fieldset className="md:col-span-2">
            <legend className="font-medium">How they agreed to hear from the network</legend>
            <Select
              label="Basis"
              name="consent"
              defaultValue={failure?.values.consent ?? ""}
              options={[
                { value: "", label: "Not yet: no newsletter until they agree" },
                { value: "express", label: "They asked us (express consent)" },
                { value: "implied-event", label: "They attended one of our events (implied, for two years)" },
              ]}
            />
            <Field label="How, or which event" name="consentHow" defaultValue={failure?.values.consentHow ?? ""} hint="For example: asked by email on 12 November; the Spring gathering in Nanaimo." />
          </fieldset>
          <div>
            <Button>Add the contact</Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
