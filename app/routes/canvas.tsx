import { useSyncExternalStore } from "react";
import { Link } from "react-router";
import "@xyflow/react/dist/style.css";
import type { Route } from "./+types/canvas";
import { CanvasEditor } from "../canvas/CanvasEditor";
import { actorOf, notFound, requireUser } from "../lib/auth.server";
import { getCanvas, shareOf } from "../../db/queries/canvases";
import { getCommunity, getMembershipRole } from "../../db/queries/communities";
import { canvasRole, may } from "../../shared/permissions";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.title ?? "Canvas"} · CSL Commons` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const canvas = await getCanvas(db, params.canvasId);
  const community = canvas ? await getCommunity(db, canvas.community_id) : undefined;
  if (!canvas || !community) notFound("There is no canvas here.");
  const scope = { role: await getMembershipRole(db, community.id, user.id), visibility: community.visibility };
  const role = canvasRole(actorOf(user), scope, canvas.member_access, await shareOf(db, canvas.id, user.id));
  if (!role) notFound("There is no canvas here.");
  return {
    canvasId: canvas.id,
    title: canvas.title,
    community: { name: community.name, slug: community.slug },
    role,
    me: { id: user.id, name: user.name, facilitator: may(actorOf(user), "community.facilitate", scope) },
  };
}

export default function CanvasPage({ loaderData }: Route.ComponentProps) {
  // The map is drawn in the browser only: it needs the live document.
  const mounted = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  return (
    <div className="space-y-2">
      <p className="text-sm">
        <Link to={`/communities/${loaderData.community.slug}`}>{loaderData.community.name}</Link>
      </p>
      <noscript>
        <p className="rounded-md border border-amber-300 bg-amber-50 p-4">The causal loop map is drawn live and needs JavaScript.</p>
      </noscript>
      {mounted ? <CanvasEditor canvasId={loaderData.canvasId} title={loaderData.title} me={loaderData.me} role={loaderData.role} /> : <p role="status">Opening the map…</p>}
    </div>
  );
}
