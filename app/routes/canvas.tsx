import { useSyncExternalStore } from "react";
import { Form, Link } from "react-router";
import { z } from "zod";
import "@xyflow/react/dist/style.css";
import type { Route } from "./+types/canvas";
import { CanvasEditor } from "../canvas/CanvasEditor";
import { actorOf, notFound, requireUser } from "../lib/auth.server";
import { setShare } from "../../db/queries/canvases";
import { listMembers } from "../../db/queries/communities";
import { canvasAccess } from "../lib/canvas.server";
import { forbidden } from "../lib/auth.server";
import { formError, readForm } from "../lib/forms";
import { Button, FormError, Notice } from "../components/ui";
import { may } from "../../shared/permissions";
import { addComment, comments, links, removeComment, variables } from "../../shared/cld/model";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.title ?? "Canvas"} · CSL Commons` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const { canvas, community, scope, role } = await canvasAccess(context, user, params.canvasId);
  if (!role) notFound("There is no canvas here.");
  const facilitate = may(actorOf(user), "community.facilitate", scope);
  const shares = facilitate ? await db.selectFrom("canvas_shares").select(["user_id", "role"]).where("canvas_id", "=", canvas.id).execute() : [];
  const members = facilitate ? (await listMembers(db, community.id)).filter((m) => m.role === "member") : [];
  return {
    sharing: facilitate
      ? { memberAccess: canvas.member_access, people: members.map((m) => ({ id: m.id, name: m.name, role: shares.find((s) => s.user_id === m.id)?.role ?? "" })) }
      : null,
    canvasId: canvas.id,
    title: canvas.title,
    community: { name: community.name, slug: community.slug },
    role,
    me: { id: user.id, name: user.name, facilitator: may(actorOf(user), "community.facilitate", scope) },
  };
}

const roleField = z.enum(["edit", "comment", "view"]);
export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const { db, canvasEdits } = context.services;
  const { canvas, community, scope, role } = await canvasAccess(context, user, params.canvasId);
  if (!role) notFound("There is no canvas here.");
  const facilitates = may(actorOf(user), "community.facilitate", scope);
  const form = await readForm(request);
  switch (form.get("intent")) {
    case "comment": {
      if (role === "view") forbidden("You can view this map but not comment on it.");
      const parsed = commentSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) return formError(form, "A comment needs some text (at most 2,000 characters) and the variable or link it is about.");
      const { targetKind, targetId, text } = parsed.data;
      await canvasEdits.apply(canvas.id, (doc) => {
        const exists = targetKind === "variable" ? variables(doc).has(targetId) : links(doc).has(targetId);
        if (exists) addComment(doc, { target: { kind: targetKind, id: targetId }, text, authorId: user.id, authorName: user.name, createdAt: Date.now() });
      });
      return { commented: true as const };
    }
    case "delete-comment": {
      const id = String(form.get("commentId") ?? "");
      await canvasEdits.apply(canvas.id, (doc) => {
        const comment = comments(doc).get(id);
        if (comment && (comment.authorId === user.id || facilitates)) removeComment(doc, id);
      });
      return { commented: true as const };
    }
    case "sharing": {
      if (!facilitates) forbidden("Only the community's facilitators change who may edit a map.");
      const access = roleField.safeParse(form.get("memberAccess"));
      if (!access.success) return formError(form, "Choose edit, comment or view for members.");
      await db.updateTable("canvases").set({ member_access: access.data, updated_at: new Date().toISOString() }).where("id", "=", canvas.id).execute();
      const members = await listMembers(db, community.id);
      for (const member of members.filter((m) => m.role === "member")) {
        const value = form.get(`share-${member.id}`);
        const share = value === "" || value === null ? null : roleField.safeParse(value);
        if (share && !share.success) return formError(form, `Choose a role for ${member.name}.`);
        await setShare(db, canvas.id, member.id, share ? share.data : null);
      }
      await context.services.access.changed({ canvasId: canvas.id });
      return { saved: true as const };
    }
    default:
      return formError(form, "That action is not one this page knows.");
  }
}

const commentSchema = z.object({
  targetKind: z.enum(["variable", "link"]),
  targetId: z.string().min(1).max(64),
  text: z.string().trim().min(1).max(2000),
});

const roleLabels = { edit: "Can edit", comment: "Can comment", view: "Can view" } as const;

function RoleOptions() {
  return Object.entries(roleLabels).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

export default function CanvasPage({ loaderData, actionData }: Route.ComponentProps) {
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
      {loaderData.sharing ? (
        <details className="rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900">
          <summary className="cursor-pointer font-semibold">Who may edit this map</summary>
          {actionData && "saved" in actionData ? <Notice>Saved. Open connections follow the new roles at once.</Notice> : null}
          <FormError message={actionData && "formError" in actionData ? actionData.formError : null} />
          <Form method="post" className="mt-3 space-y-3">
            <input type="hidden" name="intent" value="sharing" />
            <label className="block text-sm font-medium">
              Members
              <select name="memberAccess" defaultValue={loaderData.sharing.memberAccess} className="ml-2 rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-950">
                <RoleOptions />
              </select>
            </label>
            {loaderData.sharing.people.length > 0 ? (
              <fieldset>
                <legend className="text-sm font-medium">Exceptions for one person</legend>
                <ul className="mt-1 grid gap-1 sm:grid-cols-2">
                  {loaderData.sharing.people.map((p) => (
                    <li key={p.id}>
                      <label className="text-sm">
                        {p.name}
                        <select name={`share-${p.id}`} defaultValue={p.role} className="ml-2 rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-950">
                          <option value="">As members</option>
                          <RoleOptions />
                        </select>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            ) : null}
            <Button>Save</Button>
          </Form>
        </details>
      ) : null}
      {mounted ? <CanvasEditor canvasId={loaderData.canvasId} title={loaderData.title} me={loaderData.me} role={loaderData.role} /> : <p role="status">Opening the map…</p>}
    </div>
  );
}
