// One contact: their details (edited with a history of who changed what), and the proof of their
// consent: every ledger row with its basis, how it was collected, the exact wording, time and, for
// web forms, the address and browser. Admins and coordinators only.
import { Form, Link } from "react-router";
import type { Route } from "./+types/contact";
import { Button, Card, Field, FormError, Notice, PageHeader, Select, TextArea } from "../components/ui";
import { notFound, requireUser } from "../lib/auth.server";
import { failureOf, formError, invalid, readForm } from "../lib/forms";
import { organizationOptions, requireContactKeeper } from "../lib/contacts.server";
import { readContact } from "../network/contactForm";
import { organizationExists } from "../../db/queries/users";
import { consentOf, getContact, historyOf, ledgerOf, recordConsent, tagsOf, updateContact } from "../../db/queries/contacts";
import { staffConsentWording } from "../../shared/network/consent";
import { formatDateTime } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.contact.name ?? "Contact"} · CSL Commons` }];

const kindNames: Record<string, string> = {
  express: "Express consent",
  "implied-membership": "Implied by membership",
  "implied-event": "Implied by attending an event",
  unsubscribe: "Unsubscribed",
};
const methodNames: Record<string, string> = {
  form: "web form",
  import: "import",
  staff: "entered by staff",
  membership: "membership",
  event: "event",
  "unsubscribe-link": "unsubscribe link",
};

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  requireContactKeeper(user);
  const { db } = context.services;
  const contact = await getContact(db, params.contactId);
  if (!contact) notFound("There is no such contact.");
  const when = (iso: string) => formatDateTime(iso, defaultTimezone);
  const state = await consentOf(db, contact.id);
  return {
    contact: { ...contact, tags: (await tagsOf(db, contact.id)).join(", ") },
    organizations: await organizationOptions(context),
    consent:
      state.live
        ? state.basis === "express"
          ? `May be sent newsletters: express consent since ${when(state.since)}`
          : `May be sent newsletters until ${when(state.expires)} (consent implied since ${when(state.since)})`
        : state.reason === "unsubscribed"
          ? `No newsletter: unsubscribed on ${when(state.since!)}, and only a new sign-up changes that`
          : state.reason === "expired"
            ? `No newsletter: implied consent expired on ${when(state.since!)}`
            : "No newsletter: no consent recorded",
    ledger: (await ledgerOf(db, contact.id)).map((r) => ({ ...r, kind: kindNames[r.kind] ?? r.kind, method: methodNames[r.method] ?? r.method, at: when(r.at) })),
    history: (await historyOf(db, contact.id)).map((h) => ({ id: h.id, by: h.by ?? "the platform", at: when(h.changed_at), changes: describeChanges(h.changes) })),
  };
}

/** A history row in words: "created", or "name: A → B; tags: x → x, y". */
function describeChanges(json: string): string {
  const changes = JSON.parse(json) as Record<string, unknown>;
  if (typeof changes.event === "string") return changes.event;
  const show = (v: unknown) => (Array.isArray(v) ? v.join(", ") || "none" : v === null || v === "" ? "none" : String(v));
  return Object.entries(changes as Record<string, [unknown, unknown]>)
    .map(([field, [before, after]]) => `${field.replace("_id", "")}: ${show(before)} → ${show(after)}`)
    .join("; ");
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireContactKeeper(user);
  const { db } = context.services;
  const contact = await getContact(db, params.contactId);
  if (!contact) notFound("There is no such contact.");
  const form = await readForm(request);
  if (form.get("intent") === "consent") {
    const kind = String(form.get("kind") ?? "");
    const how = String(form.get("how") ?? "").trim().slice(0, 300);
    if (kind !== "express" && kind !== "implied-event" && kind !== "unsubscribe") return formError(form, "Choose what to record.");
    if (!how) return formError(form, "Say how (or at which event) so the record stands on its own.");
    await recordConsent(db, { contactId: contact.id, kind, method: kind === "implied-event" ? "event" : "staff", source: how, wording: kind === "express" ? staffConsentWording : null, recordedBy: user.id });
    return { consentRecorded: true as const };
  }
  const read = readContact(form);
  if (!read.ok) return invalid(read.failure);
  if (read.fields.organizationId && !(await organizationExists(db, read.fields.organizationId))) return formError(form, "Choose an organization from the list.");
  const result = await updateContact(db, contact.id, read.fields, user.id);
  if (result === "email-taken") return formError(form, "Another contact has this email: open that one instead.", 409);
  return { saved: true as const };
}

export default function ContactPage({ loaderData, actionData }: Route.ComponentProps) {
  const { contact } = loaderData;
  const failure = failureOf(actionData);
  const data = actionData as Record<string, unknown> | undefined;
  const value = (name: string, saved: string | null) => failure?.values[name] ?? saved ?? "";
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/network/contacts">Contacts</Link>
      </p>
      <PageHeader
        title={contact.name}
        description={<p>{contact.email}{contact.user_id ? " · has an account on the platform" : ""}</p>}
        actions={
          <Link to={`/network/contacts/${contact.id}/consent.csv`} reloadDocument>
            Proof of consent as CSV
          </Link>
        }
      />
      <FormError message={failure?.formError} />
      <Card title="Consent">
        <p className="font-medium" role="status">
          {loaderData.consent}
        </p>
        {data?.consentRecorded ? <Notice>Recorded in the ledger.</Notice> : null}
        {loaderData.ledger.length ? (
          <table className="mt-3 w-full text-left text-sm">
            <caption className="sr-only">Proof of consent</caption>
            <thead>
              <tr className="border-b border-stone-300 dark:border-stone-700">
                <th scope="col" className="py-1">
                  When
                </th>
                <th scope="col">What</th>
                <th scope="col">How</th>
                <th scope="col">Wording shown</th>
                <th scope="col">Recorded by</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.ledger.map((r) => (
                <tr key={r.id} className="border-b border-stone-200 align-top dark:border-stone-800">
                  <td className="py-1">{r.at}</td>
                  <td>{r.kind}</td>
                  <td>
                    {r.method}
                    {r.source ? `: ${r.source}` : ""}
                    {r.ip ? ` (from ${r.ip}, ${r.user_agent ?? "unknown browser"})` : ""}
                  </td>
                  <td>{r.wording ?? "—"}</td>
                  <td>{r.recorded_by ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <Form method="post" className="mt-4 flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="consent" />
          <Select
            label="Record"
            name="kind"
            defaultValue="express"
            options={[
              { value: "express", label: "They asked us (express consent)" },
              { value: "implied-event", label: "They attended an event (implied)" },
              { value: "unsubscribe", label: "They asked to stop (unsubscribe)" },
            ]}
          />
          <Field label="How, or which event" name="how" />
          <Button variant="secondary">Record</Button>
        </Form>
      </Card>
      <Card title="Details">
        {data?.saved ? <Notice>Saved.</Notice> : null}
        <Form method="post" className="grid gap-4 md:grid-cols-2">
          <Field label="Name" name="name" defaultValue={value("name", contact.name)} error={failure?.errors.name} />
          <Field label="Email" name="email" type="email" defaultValue={value("email", contact.email)} error={failure?.errors.email} />
          <Select label="Organization" name="organizationId" defaultValue={value("organizationId", contact.organization_id)} options={[{ value: "", label: "None" }, ...loaderData.organizations]} />
          <Field label="Role" name="role" defaultValue={value("role", contact.role)} error={failure?.errors.role} />
          <Field label="Region" name="region" defaultValue={value("region", contact.region)} error={failure?.errors.region} />
          <Field label="Tags (separated by commas)" name="tags" defaultValue={value("tags", contact.tags)} />
          <TextArea label="Notes" name="notes" rows={3} defaultValue={value("notes", contact.notes)} error={failure?.errors.notes} />
          <div>
            <Button>Save</Button>
          </div>
        </Form>
      </Card>
      <Card title="History">
        <ul className="space-y-1 text-sm">
          {loaderData.history.map((h) => (
            <li key={h.id}>
              {h.at} · {h.by}: {h.changes}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
