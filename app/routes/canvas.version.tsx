import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/canvas.version";
import { StaticMap } from "../canvas/StaticMap";
import { actorOf, forbidden, notFound, requireUser } from "../lib/auth.server";
import { canvasAccess, createCanvasWith, diagramOfState } from "../lib/canvas.server";
import { Button, PageHeader } from "../components/ui";
import { may } from "../../shared/permissions";
import { formatDateTime } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";
import { LoopBoundsNote } from "../canvas/LoopBoundsNote";
import { loopKindNames } from "../../shared/cld/loops";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.version.name ?? "Version"} · CSL Commons` }];

async function versionOf(context: Route.LoaderArgs["context"], request: Request, params: Route.LoaderArgs["params"]) {
  const user = requireUser(context, request);
  const access = await canvasAccess(context, user, params.canvasId);
  if (!access.role) notFound("There is no canvas here.");
  const version = await context.services.db.selectFrom("canvas_versions").selectAll().where("id", "=", params.versionId).where("canvas_id", "=", access.canvas.id).executeTakeFirst();
  if (!version) notFound("There is no such version of this map.");
  return { user, ...access, version };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, canvas, scope, version } = await versionOf(context, request, params);
  const { variables, links, loops, loopBounds } = await diagramOfState(context, Buffer.from(version.data, "base64"));
  return {
    canvas: { id: canvas.id, title: canvas.title },
    version: { name: version.name, created: formatDateTime(version.created_at, defaultTimezone) },
    variables,
    links,
    loops: loops.map((l) => ({ label: l.label, name: l.name, kind: l.kind, variables: l.variableIds.map((id) => variables.find((v) => v.id === id)?.label ?? "") })),
    loopBounds,
    mayRestore: may(actorOf(user), "canvas.create", scope),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, canvas, community, scope, version } = await versionOf(context, request, params);
  if (!may(actorOf(user), "canvas.create", scope)) forbidden("Only members of the community restore versions of its maps.");
  const restored = await createCanvasWith(context, { communityId: community.id, title: `${canvas.title} (${version.name})`.slice(0, 120), createdBy: user.id, state: Buffer.from(version.data, "base64") });
  throw redirect(`/canvases/${restored.id}`);
}

export default function VersionPage({ loaderData }: Route.ComponentProps) {
  const { canvas, version, variables, links, loops } = loaderData;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/canvases/${canvas.id}`}>Back to the live map</Link>
      </p>
      <PageHeader title={`${canvas.title}: ${version.name}`} description={<p>Saved {version.created}. This is how the map looked then; it cannot be changed.</p>} />
      <StaticMap title={version.name} variables={variables} links={links} />
      {loops.length ? (
        <ul className="grid gap-1 sm:grid-cols-2">
          {loops.map((l) => (
            <li key={l.label}>
              <strong>{l.label}</strong> {loopKindNames[l.kind]}
              {l.name ? ` · ${l.name}` : ""}: {l.variables.join(" → ")}
            </li>
          ))}
        </ul>
      ) : null}
      <LoopBoundsNote list={loaderData.loopBounds} />
      {loaderData.mayRestore ? (
        <Form method="post">
          <Button>Restore as a new map</Button>
        </Form>
      ) : null}
    </div>
  );
}
