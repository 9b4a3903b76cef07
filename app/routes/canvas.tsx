import { useSyncExternalStore } from "react";
import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import "@xyflow/react/dist/style.css";
import type { Route } from "./+types/canvas";
import { CanvasEditor } from "../canvas/CanvasEditor";
import { actorOf, notFound, requireUser } from "../lib/auth.server";
import { setShare } from "../../db/queries/canvases";
import { listMembers } from "../../db/queries/communities";
import { canvasAccess, changeCanvas } from "../lib/canvas.server";
import { forbidden } from "../lib/auth.server";
import { confirmed, formError, readForm } from "../lib/forms";
import { mapFormat } from "../../shared/cld/formats";
import { mentionedIn } from "../../shared/mentions";
import { notify } from "../../server/notices";
import { canvasAccessFor } from "../../db/queries/canvases";
import { Button, ConfirmAction, FormError, Notice } from "../components/ui";
import { may } from "../../shared/permissions";
import { addComment, comments, links, meta as documentMeta, removeComment, variables } from "../../shared/cld/model";
import { newId } from "../../shared/ids";
import { formatShortDate } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.title ?? "Canvas"} · CSL Commons` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { db } = context.services;
  const { canvas, community, scope, role } = await canvasAccess(context, user, params.canvasId);
  if (!role) notFound("There is no canvas here.");
  const facilitate = may(actorOf(user), "community.facilitate", scope);
  const shares = facilitate ? await db.selectFrom("canvas_shares").select(["user_id", "role"]).where("canvas_id", "=", canvas.id).execute() : [];
  const members = facilitate ? (await listMembers(db, community.id)).filter((m) => m.role === "member") : [];
  const versions = await db
    .selectFrom("canvas_versions")
    .innerJoin("users", "users.id", "canvas_versions.created_by")
    .select(["canvas_versions.id", "canvas_versions.name", "canvas_versions.created_at", "users.name as by"])
    .where("canvas_id", "=", canvas.id)
    .orderBy("canvas_versions.created_at", "desc")
    .execute();
  const contributors = await db
    .selectFrom("canvas_contributors")
    .innerJoin("users", "users.id", "canvas_contributors.user_id")
    .select(["users.name", "canvas_contributors.changes"])
    .where("canvas_id", "=", canvas.id)
    .orderBy("canvas_contributors.changes", "desc")
    .execute();
  return {
    locked: canvas.locked_by !== null,
    versions: versions.map((v) => ({ id: v.id, name: v.name, by: v.by, created: formatShortDate(v.created_at, defaultTimezone) })),
    contributors: contributors.map((c) => ({ name: c.name, changes: Number(c.changes) })),
    mayRestore: may(actorOf(user), "canvas.create", scope),
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
      let found = false;
      const failed = await changeCanvas(context, canvas.id, (doc) => {
        found = targetKind === "variable" ? variables(doc).has(targetId) : links(doc).has(targetId);
        if (found) addComment(doc, { target: { kind: targetKind, id: targetId }, text, authorId: user.id, authorName: user.name, createdAt: Date.now() });
      });
      if (failed) return formError(form, failed, 503);
      if (!found) return formError(form, `That ${targetKind} is no longer on the map, so the comment was not added.`, 409);
      // Fellow members named with @ hear of it, if they can see the map.
      const people = (await listMembers(db, community.id)).filter((m) => m.id !== user.id);
      const mentioned = mentionedIn(text, people);
      const notices = [];
      for (const id of mentioned) {
        const person = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
        if (person && (await canvasAccessFor(db, actorOf(person), canvas.id))?.role) {
          notices.push({ userId: id, kind: "mention" as const, key: `mention:${canvas.id}:${Date.now()}:${user.id}`, title: `${user.name} mentioned you on “${canvas.title}”`, body: `“${text.slice(0, 300)}”`, href: `/canvases/${canvas.id}` });
        }
      }
      await notify(context.services, notices);
      return { commented: true as const };
    }
    case "delete-comment": {
      const id = String(form.get("commentId") ?? "");
      let refused = false;
      const failed = await changeCanvas(context, canvas.id, (doc) => {
        const comment = comments(doc).get(id);
        refused = Boolean(comment && comment.authorId !== user.id && !facilitates);
        if (comment && !refused) removeComment(doc, id);
      });
      if (failed) return formError(form, failed, 503);
      if (refused) forbidden("Only its author or a facilitator removes a comment.");
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
      await context.services.access.changed({ kind: "access", canvasId: canvas.id });
      return { saved: true as const };
    }
    case "lock":
    case "unlock": {
      if (!facilitates) forbidden("Only the community's facilitators lock a map.");
      const lockedBy = form.get("intent") === "lock" ? user.id : null;
      await db.updateTable("canvases").set({ locked_by: lockedBy }).where("id", "=", canvas.id).execute();
      await canvasEdits.lockChanged(canvas.id, lockedBy);
      // Everyone's editor shows the lock from the document; the server enforces it either way.
      const failed = await changeCanvas(context, canvas.id, (doc) => documentMeta(doc).set("lock", lockedBy ? { by: user.name } : null));
      if (failed) return formError(form, failed, 503);
      return { locked: lockedBy !== null };
    }
    case "rename": {
      if (!facilitates) forbidden("Only the community's facilitators rename a map.");
      const title = z.string().trim().min(2).max(120).safeParse(form.get("title"));
      if (!title.success) return formError(form, "Give the map a name of 2 to 120 characters.");
      await db.updateTable("canvases").set({ title: title.data, updated_at: new Date().toISOString() }).where("id", "=", canvas.id).execute();
      return { renamed: title.data };
    }
    case "delete-map": {
      if (!facilitates) forbidden("Only the community's facilitators delete a map.");
      if (!confirmed(form)) return formError(form, "Confirm that the map should be deleted.");
      await db.deleteFrom("canvases").where("id", "=", canvas.id).execute();
      // Whoever has it open is let go at once: the map is no longer there.
      await context.services.access.changed({ kind: "access", canvasId: canvas.id });
      throw redirect(`/communities/${community.slug}?map=deleted`);
    }
    case "save-version": {
      if (role !== "edit") forbidden("You can view this map but not save versions of it.");
      const name = z.string().trim().min(1).max(120).safeParse(form.get("name"));
      if (!name.success) return formError(form, "Give the version a name of at most 120 characters, like “After the March session”.");
      const state = await canvasEdits.state(canvas.id);
      await db
        .insertInto("canvas_versions")
        .values({ id: newId(), canvas_id: canvas.id, name: name.data, data: Buffer.from(state).toString("base64"), created_by: user.id, created_at: new Date().toISOString() })
        .execute();
      return { versionSaved: name.data };
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
      <FormError message={actionData && "formError" in actionData ? actionData.formError : null} />
      <noscript>
        <p className="rounded-md border border-amber-300 bg-amber-50 p-4">The causal loop map is drawn live and needs JavaScript.</p>
      </noscript>
      {loaderData.sharing ? (
        <details className="rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900">
          <summary className="cursor-pointer font-semibold">Who may edit this map</summary>
          {actionData && "saved" in actionData ? <Notice>Saved. Open connections follow the new roles at once.</Notice> : null}
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
      {loaderData.sharing ? (
        <details className="rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900">
          <summary className="cursor-pointer font-semibold">Rename or delete this map</summary>
          {actionData && "renamed" in actionData ? <Notice>Renamed to “{actionData.renamed}”.</Notice> : null}
          <div className="mt-3 flex flex-wrap items-end gap-4">
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="rename" />
              <label className="text-sm font-medium">
                Name
                <input name="title" required minLength={2} maxLength={120} defaultValue={loaderData.title} className="mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-950" />
              </label>
              <Button variant="secondary">Rename</Button>
            </Form>
            <Form method="post">
              <ConfirmAction label="Delete this map" intent="delete-map" confirmLabel="Yes, delete it" question={<p>The map, its versions and comments are gone for everyone, and open copies close. Save a version elsewhere first (download it) if you may want it back.</p>} />
            </Form>
          </div>
        </details>
      ) : null}
      {loaderData.sharing ? (
        <Form method="post" className="flex items-center gap-2">
          <Button name="intent" value={loaderData.locked ? "unlock" : "lock"} variant="secondary">
            {loaderData.locked ? "Let everyone edit again" : "Pause editing for everyone else"}
          </Button>
          {loaderData.locked ? <span className="text-sm">Only facilitators can change the map now.</span> : null}
        </Form>
      ) : null}
      {mounted ? <CanvasEditor canvasId={loaderData.canvasId} title={loaderData.title} me={loaderData.me} role={loaderData.role} /> : <p role="status">Opening the map…</p>}
      <VersionsAndFiles canvasId={loaderData.canvasId} versions={loaderData.versions} contributors={loaderData.contributors} canSave={loaderData.role === "edit"} saved={actionData && "versionSaved" in actionData ? (actionData.versionSaved ?? null) : null} />
    </div>
  );
}

const downloads = (["kumu", "loopy", "vensim", "xmile", "csl"] as const).map((key) => {
  const format = mapFormat(key)!;
  return { format: key, label: format.name, cannotCarry: format.cannotCarry };
});

function VersionsAndFiles({ canvasId, versions, contributors, canSave, saved }: { canvasId: string; versions: { id: string; name: string; created: string; by: string }[]; contributors: { name: string; changes: number }[]; canSave: boolean; saved: string | null }) {
  return (
    <section aria-labelledby="versions-heading" className="grid gap-4 rounded-xl border border-stone-200 bg-white p-4 md:grid-cols-3 dark:border-stone-800 dark:bg-stone-900">
      <div>
        <h2 id="versions-heading" className="font-semibold">
          Versions
        </h2>
        {saved ? <Notice>Saved the version “{saved}”.</Notice> : null}
        {versions.length ? (
          <ul className="mt-2 space-y-1 text-sm">
            {versions.map((v) => (
              <li key={v.id}>
                <Link to={`/canvases/${canvasId}/versions/${v.id}`}>{v.name}</Link> · {v.by},{" "}
                {v.created}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-stone-700 dark:text-stone-300">No saved versions yet.</p>
        )}
        {canSave ? (
          <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="save-version" />
            <label className="text-sm font-medium">
              Name this version
              <input name="name" required maxLength={120} placeholder="After the March session" className="mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-950" />
            </label>
            <Button variant="secondary">Save version</Button>
          </Form>
        ) : null}
      </div>
      <div>
        <h2 className="font-semibold">Take it elsewhere</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {downloads.map((d) => (
            <li key={d.format}>
              <a href={`/canvases/${canvasId}/export/${d.format}`} download>
                Download as {d.label}
              </a>
              {d.cannotCarry.length ? <span className="block text-xs text-stone-700 dark:text-stone-300">Cannot carry: {d.cannotCarry.join("; ")}.</span> : null}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h2 className="font-semibold">Who contributed</h2>
        {contributors.length ? (
          <ul className="mt-2 space-y-1 text-sm">
            {contributors.map((c, i) => (
              <li key={i}>
                {c.name} · {c.changes} {c.changes === 1 ? "change" : "changes"}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-stone-700 dark:text-stone-300">No changes yet.</p>
        )}
      </div>
    </section>
  );
}
