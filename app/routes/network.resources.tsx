// The resources library for those who keep it (admins and coordinators): every resource, and a new
// one (a page in Markdown, a link or an uploaded PDF).
import { Link, redirect } from "react-router";
import type { Route } from "./+types/network.resources";
import { Card, PageHeader } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { failureOf, invalid, readForm } from "../lib/forms";
import { readResourceForm, requireLibrarian } from "../lib/resources.server";
import { ResourceForm } from "../resources/ResourceForm";
import { createResource, deleteResource } from "../../db/queries/resources";
import { domains } from "../../shared/domains";
import { newId } from "../../shared/ids";
import { resourceKindNames, resourceVisibilityNames } from "../../shared/resources/library";
import { removePdf, savePdf } from "../../server/resourceFiles";

export const meta = () => [{ title: "Resources library · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  requireLibrarian(requireUser(context, request));
  const rows = await context.services.db.selectFrom("resources").select(["id", "slug", "title", "domain", "kind", "visibility", "file_name", "updated_at"]).orderBy("title").execute();
  return { resources: rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title, what: `${domains[r.domain].label} · ${resourceKindNames[r.kind]}${r.file_name ? " · PDF" : ""} · ${resourceVisibilityNames[r.visibility]}` })) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireLibrarian(user);
  const form = await readForm(request);
  const read = await readResourceForm(form, false);
  if (!read.ok) return invalid(read.failure);
  const { db, config } = context.services;
  const id = newId();
  // The file first, then the row that names it: a failed insert takes the file away again.
  if (read.value.pdf) await savePdf(config.filesDir, id, read.value.pdf.bytes);
  try {
    const resource = await createResource(db, read.value.input, user.id, read.value.pdf ? { name: read.value.pdf.name, bytes: read.value.pdf.bytes.byteLength } : undefined, id);
    throw redirect(`/resources/${resource.slug}`);
  } catch (error) {
    if (!(error instanceof Response)) {
      await removePdf(config.filesDir, id);
      await deleteResource(db, id).catch(() => false);
    }
    throw error;
  }
}

export default function NetworkResources({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="space-y-6">
      <PageHeader title="Resources library" description={<p>Public resources are on the <Link to="/resources">resources page</Link> for anyone; members-only ones for signed-in members.</p>} />
      <div className="grid gap-6 lg:grid-cols-[1fr_1.3fr]">
        <Card title={`${loaderData.resources.length} resources`}>
          <ul className="space-y-2">
            {loaderData.resources.map((r) => (
              <li key={r.id}>
                <Link to={`/network/resources/${r.id}`} className="font-medium">
                  {r.title}
                </Link>
                <p className="text-sm text-stone-700 dark:text-stone-300">{r.what}</p>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Add a resource">
          <ResourceForm failure={failureOf(actionData)} submitLabel="Publish" />
        </Card>
      </div>
    </div>
  );
}
