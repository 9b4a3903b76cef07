// One resource of the library, to change (its PDF replaced or removed) or delete.
import { Link, redirect } from "react-router";
import type { Route } from "./+types/network.resource";
import { Card, ConfirmAction, FormError, PageHeader } from "../components/ui";
import { notFound, requireUser } from "../lib/auth.server";
import { confirmed, failureOf, formError, invalid, readForm } from "../lib/forms";
import { readResourceForm, requireLibrarian } from "../lib/resources.server";
import { ResourceForm } from "../resources/ResourceForm";
import { deleteResource, resourceById, updateResource } from "../../db/queries/resources";
import { removePdf, savePdf } from "../../server/resourceFiles";

export const meta = () => [{ title: "Edit a resource · CSL Commons" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireLibrarian(requireUser(context, request));
  const r = await resourceById(context.services.db, params.resourceId);
  if (!r) notFound("There is no such resource.");
  return {
    slug: r.slug,
    values: { title: r.title, summary: r.summary, body: r.body, linkUrl: r.link_url ?? "", domain: r.domain, kind: r.kind, audience: r.audience, tags: r.tags, visibility: r.visibility, fileName: r.file_name },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireLibrarian(user);
  const { db, config } = context.services;
  const existing = await resourceById(db, params.resourceId);
  if (!existing) notFound("There is no such resource.");
  const form = await readForm(request);
  if (form.get("intent") === "delete") {
    if (!confirmed(form)) return formError(form, "Confirm that you want to delete this resource.");
    await deleteResource(db, existing.id);
    await removePdf(config.filesDir, existing.id);
    throw redirect("/network/resources");
  }
  const read = await readResourceForm(form, Boolean(existing.file_name));
  if (!read.ok) return invalid(read.failure);
  const { pdf, removePdf: remove } = read.value;
  // A new PDF is in place before the row names its size; a removed one goes after the row forgets it.
  if (pdf) await savePdf(config.filesDir, existing.id, pdf.bytes);
  await updateResource(db, existing.id, read.value.input, pdf ? { name: pdf.name, bytes: pdf.bytes.byteLength } : remove ? null : undefined);
  if (remove) await removePdf(config.filesDir, existing.id);
  // An edit keeps the resource's address.
  throw redirect(`/resources/${existing.slug}`);
}

export default function NetworkResource({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/network/resources">The resources library</Link> · <Link to={`/resources/${loaderData.slug}`}>Its public page</Link>
      </p>
      <PageHeader title={`Edit “${loaderData.values.title}”`} />
      <FormError message={failure?.formError} />
      <Card>
        <ResourceForm values={loaderData.values} failure={failure?.formError ? undefined : failure} submitLabel="Save" />
      </Card>
      <Card title="Delete">
        <ConfirmAction label="Delete this resource" question="Delete it for everyone? Its page and its PDF go at once." confirmLabel="Delete it" intent="delete" />
      </Card>
    </div>
  );
}
