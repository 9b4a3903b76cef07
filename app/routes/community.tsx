import { data, Form, Link, redirect } from "react-router";
import { CalendarPlus, UserPlus, Users } from "lucide-react";
import type { Route } from "./+types/community";
import { Button, ButtonLink, Card, ConfirmAction, EmptyState, FormError, Notice, PageHeader } from "../components/ui";
import { MeetingList } from "../components/MeetingList";
import { actorOf, requireUser } from "../lib/auth.server";
import { communityAccess } from "../lib/community.server";
import { confirmed, formError, readForm } from "../lib/forms";
import { pastSessions, viewOccurrence } from "../lib/meetings.server";
import { addMember, changeMembership } from "../../db/queries/communities";
import { listSeries, occurrencesInWindow } from "../../db/queries/meetings";
import { listCanvases } from "../../db/queries/canvases";
import { createCanvasWith } from "../lib/canvas.server";
import { mapFormat, mapFormats } from "../../shared/cld/formats";
import { templates, templateByKey } from "../../shared/cld/templates";
import { z } from "zod";
import { may } from "../../shared/permissions";
import { describeRule } from "../../shared/recurrence";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.community.name ?? "Community"} · CSL Commons` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { community, scope } = await communityAccess(context, user, params.slug, "community.view");
  const actor = actorOf(user);
  const canSeeMeetings = may(actor, "meeting.view", scope);
  const allSeries = canSeeMeetings ? await listSeries(context.services.db, [community.id]) : [];
  // A series that went on as another after a change is listed as that other one.
  const series = allSeries.filter((s) => !s.continued_as);
  const today = new Date().toISOString().slice(0, 10);
  const now = Date.now();
  const occurrences = await occurrencesInWindow(context.services.db, series, new Date(now - 3 * 3600_000), new Date(now + 120 * 86400_000));
  const members = await context.services.db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("community_id", "=", community.id)
    .executeTakeFirstOrThrow();
  return {
    community: { slug: community.slug, name: community.name, description: community.description, open: community.visibility === "open" },
    memberCount: Number(members.n),
    role: scope.role,
    /** A template chosen by a resource's "practise it" link (/practice/canvas). */
    template: templateByKey(new URL(request.url).searchParams.get("template") ?? "")?.key ?? "",
    can: {
      join: may(actor, "community.join", scope),
      leave: may(actor, "community.leave", scope),
      members: may(actor, "community.members", scope),
      invite: may(actor, "community.invite", scope),
      manageMeetings: may(actor, "meeting.manage", scope),
      seeMeetings: canSeeMeetings,
    },
    series: series.map((s) => ({ id: s.id, title: s.title, rule: describeRule(s.rrule), ended: s.ends_on !== null && s.ends_on < today, endsOn: s.ends_on })),
    past: canSeeMeetings ? await pastSessions(context, allSeries, user.timezone) : [],
    seriesNotice: seriesNotices[new URL(request.url).searchParams.get("series") ?? ""] ?? (new URL(request.url).searchParams.get("map") === "deleted" ? "The map is deleted." : null),
    canvases: may(actor, "canvas.create", scope) ? (await listCanvases(context.services.db, community.id)).map((c) => ({ id: c.id, title: c.title })) : null,
    meetings: occurrences.filter((o) => Date.parse(o.endsAt) > now).slice(0, 8).map((o) => viewOccurrence(o, community.name, user.timezone)),
  };
}

const seriesNotices: Record<string, string> = {
  saved: "The series is changed. People coming to its upcoming meetings have been told.",
  continued: "The series is changed from its next meeting on; past meetings keep their time. People coming have been told.",
  ended: "The series has ended. Its past meetings and summaries stay below. Every member has been told.",
  deleted: "The series is deleted. Every member has been told.",
};

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "join") {
    const { community } = await communityAccess(context, user, params.slug, "community.join");
    await addMember(context.services.db, community.id, user.id, "member");
    return { joined: true };
  }
  if (intent === "leave") {
    const { community } = await communityAccess(context, user, params.slug, "community.leave");
    if (!confirmed(form)) return formError(form, "Confirm that you want to leave this community.");
    if ((await changeMembership(context.services.db, community.id, user.id, "remove")) === "last-facilitator") {
      return formError(form, "You are this community's only facilitator. Invite another facilitator before you leave.", 409);
    }
    await context.services.access.changed({ kind: "access", userId: user.id, communityId: community.id });
    throw redirect(community.visibility === "open" ? `/communities/${community.slug}` : "/communities");
  }
  if (intent === "new-canvas") {
    const { community } = await communityAccess(context, user, params.slug, "canvas.create");
    const title = z.string().trim().min(2).max(120).safeParse(form.get("title"));
    if (!title.success) return formError(form, "Give the map a name of 2 to 120 characters.");
    const key = String(form.get("template") ?? "");
    const template = key ? templateByKey(key) : undefined;
    if (key && !template) return formError(form, "Choose one of the templates listed, or a blank map.");
    const canvas = await createCanvasWith(context, { communityId: community.id, title: title.data, createdBy: user.id, diagram: template?.diagram });
    throw redirect(`/canvases/${canvas.id}`);
  }
  if (intent === "import-canvas") {
    const { community } = await communityAccess(context, user, params.slug, "canvas.create");
    const file = form.get("file");
    const pasted = String(form.get("pasted") ?? "").trim();
    const hasFile = file instanceof File && file.size > 0;
    // A pasted link is a LOOPY link, whatever kind of file is chosen.
    const format = mapFormat(hasFile ? String(form.get("format") ?? "") : "loopy");
    if (!format) return formError(form, "Choose the kind of file: Kumu JSON, a LOOPY link, a Vensim model, an XMILE model or CSL Commons JSON.");
    if (!hasFile && !pasted) return formError(form, "Choose a file to import, or paste a LOOPY link.");
    if (pasted.length > 2_000_000) return formError(form, "That pasted text is too long to be a map.");
    const text = hasFile ? await file.text() : pasted;
    const fileName = hasFile ? file.name : "the pasted link";
    const result = await context.services.cpu.run({ kind: "readMap", format: format.key, text }).catch((error: unknown) => {
      if (error instanceof Error && error.name === "TaskTimeout") return { ok: false as const, problems: [{ line: null, message: "This file took too long to read. Is it really a map?" }] };
      throw error;
    });
    if (!result.ok) return data({ importProblems: result.problems, fileName, formError: `Nothing was imported: ${fileName} has ${result.problems.length === 1 ? "a problem" : `${result.problems.length} problems`}.` }, { status: 422 });
    const title = z.string().trim().min(2).max(120).safeParse(form.get("title") || (hasFile ? fileName.replace(/\.[^.]+$/, "") : "Map from LOOPY"));
    if (!title.success) return formError(form, "Give the map a name of 2 to 120 characters.");
    const canvas = await createCanvasWith(context, { communityId: community.id, title: title.data, createdBy: user.id, diagram: result.diagram, importNotes: { file: fileName, notes: result.notes } });
    throw redirect(`/canvases/${canvas.id}?imported=${result.diagram.variables.length}-${result.diagram.links.length}`);
  }
  return formError(form, "That action is not one this page knows.");
}

const inputClass = "mt-1 block w-72 rounded-md border border-stone-400 bg-white px-3 py-2 dark:border-stone-600 dark:bg-stone-900";

export default function CommunityPage({ loaderData, actionData }: Route.ComponentProps) {
  const { community, can, meetings, series, memberCount, role } = loaderData;
  const importFailure = actionData && "importProblems" in actionData ? actionData : null;
  const failure = actionData && "formError" in actionData && !importFailure ? actionData.formError : null;
  return (
    <div className="space-y-8">
      <PageHeader
        title={community.name}
        description={
          <>
            <p>{community.description}</p>
            <p className="mt-2 text-sm">
              {memberCount} {memberCount === 1 ? "member" : "members"} · {community.open ? "Open to all members of the network" : "By invitation"}
              {role ? ` · You are ${role === "facilitator" ? "a facilitator" : "a member"}` : ""}
            </p>
          </>
        }
        actions={
          <>
            {can.members ? (
              <ButtonLink to={`/communities/${community.slug}/members`} variant="secondary">
                <Users aria-hidden="true" className="size-4" /> Members
              </ButtonLink>
            ) : null}
            {can.invite ? (
              <ButtonLink to={`/communities/${community.slug}/invite`} variant="secondary">
                <UserPlus aria-hidden="true" className="size-4" /> Invite people
              </ButtonLink>
            ) : null}
            {can.manageMeetings ? (
              <ButtonLink to={`/communities/${community.slug}/meetings/new`} variant="secondary">
                <CalendarPlus aria-hidden="true" className="size-4" /> New meeting series
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <FormError message={failure} />
      {loaderData.seriesNotice ? <Notice>{loaderData.seriesNotice}</Notice> : null}
      {can.join ? (
        <Card>
          <Form method="post" className="flex flex-wrap items-center justify-between gap-4">
            <p>This community is open to everyone in the network. Join to see its meetings and members.</p>
            <Button name="intent" value="join">
              Join this community
            </Button>
          </Form>
        </Card>
      ) : null}
      {can.seeMeetings ? (
        <Card title="Upcoming meetings">
          {meetings.length > 0 ? (
            <MeetingList meetings={meetings} showCommunity={false} />
          ) : (
            <EmptyState>
              No meetings are planned yet.
              {can.manageMeetings ? (
                <>
                  {" "}
                  <Link to={`/communities/${community.slug}/meetings/new`}>Plan a meeting series</Link> to start the circle.
                </>
              ) : (
                " A facilitator will add the next one."
              )}
            </EmptyState>
          )}
          {series.length > 0 ? (
            <ul className="mt-4 space-y-1 text-sm text-stone-700 dark:text-stone-300" aria-label="Meeting series">
              {series.map((s) => (
                <li key={s.id}>
                  {s.title}: {s.ended ? `ended ${s.endsOn}` : `${s.rule.toLowerCase()}${s.endsOn ? `, until ${s.endsOn}` : ""}`}
                  {can.manageMeetings ? (
                    <>
                      {" · "}
                      <Link to={`/meetings/${s.id}/edit`} aria-label={`Change or end ${s.title}`}>
                        Change or end
                      </Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
      ) : null}
      {can.seeMeetings && loaderData.past.length > 0 ? (
        <Card title="Past meetings">
          <ul className="divide-y divide-stone-200 dark:divide-stone-800">
            {loaderData.past.map((p) => (
              <li key={p.href} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <span>
                  <Link to={p.href}>
                    {p.title}, {p.date}
                  </Link>
                  <span className="ml-2 text-sm text-stone-700 dark:text-stone-300">
                    {p.people} {p.people === 1 ? "person" : "people"} came
                    {p.maps.length > 0 ? " · Maps: " : ""}
                    {p.maps.map((m, i) => (
                      <span key={m.href}>
                        {i > 0 ? ", " : ""}
                        <Link to={m.href}>{m.title}</Link>
                      </span>
                    ))}
                  </span>
                </span>
                <Link to={p.summaryHref} aria-label={`Summary of ${p.title}, ${p.date}`}>
                  Summary
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {loaderData.canvases ? (
        <Card title="Causal loop maps">
          {loaderData.canvases.length > 0 ? (
            <ul className="mb-4 space-y-1">
              {loaderData.canvases.map((c) => (
                <li key={c.id}>
                  <Link to={`/canvases/${c.id}`}>{c.title}</Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-4 text-stone-700 dark:text-stone-300">No maps yet. Start one to map a question together, like why new teachers leave in their second year.</p>
          )}
          <Form method="post" id="new-map" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="new-canvas" />
            <label className="text-sm font-medium">
              New map
              <input name="title" required minLength={2} maxLength={120} placeholder="Why do new teachers leave?" className={inputClass} />
            </label>
            <label className="text-sm font-medium">
              Start from
              <select name="template" defaultValue={loaderData.template} className={inputClass}>
                <option value="">A blank map</option>
                <optgroup label="System archetypes">
                  {templates
                    .filter((t) => t.key !== "iceberg")
                    .map((t) => (
                      <option key={t.key} value={t.key}>
                        {t.name}
                      </option>
                    ))}
                </optgroup>
                <option value="iceberg">The iceberg model</option>
              </select>
            </label>
            <Button variant="secondary">Start a map</Button>
          </Form>
          <details className="mt-4" open={Boolean(importFailure)}>
            <summary className="cursor-pointer text-sm font-medium">Bring in a map from Kumu, LOOPY or Vensim</summary>
            <Form method="post" encType="multipart/form-data" className="mt-2 flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="import-canvas" />
              <label className="text-sm font-medium">
                File
                <input type="file" name="file" accept=".json,.mdl,.txt,.loopy,.url,.xmile,.stmx,.itmx,.xml" className="mt-1 block text-sm" />
              </label>
              <label className="text-sm font-medium">
                Or paste a LOOPY link
                <input name="pasted" maxLength={2000000} placeholder="https://ncase.me/loopy/v1.1/?data=…" className={inputClass} />
              </label>
              <label className="text-sm font-medium">
                Kind of file
                <select name="format" defaultValue="kumu" className={inputClass}>
                  {mapFormats.map((f) => (
                    <option key={f.key} value={f.key}>
                      {f.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-sm font-medium">
                Name <span className="font-normal">(optional)</span>
                <input name="title" maxLength={120} className={inputClass} />
              </label>
              <Button variant="secondary">Import</Button>
            </Form>
            {importFailure ? (
              <div role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
                <p className="font-semibold">{importFailure.formError} Fix these and try again:</p>
                <ul className="mt-1 list-disc pl-5">
                  {importFailure.importProblems.map((p, i) => (
                    <li key={i}>{p.line ? `Line ${p.line}: ${p.message.replace(/^Line \d+: /, "")}` : p.message}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </details>
        </Card>
      ) : null}
      {can.leave ? (
        <Form method="post">
          <ConfirmAction
            label="Leave this community"
            intent="leave"
            confirmLabel="Yes, leave"
            question={<p>You will no longer see its meetings and maps.{community.open ? " You can join again at any time." : " To come back, a facilitator has to invite you again."}</p>}
          />
        </Form>
      ) : null}
    </div>
  );
}
