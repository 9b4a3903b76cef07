import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/mentorship.participants";
import { Button, ButtonLink, Card, ConfirmAction, EmptyState, FormError, Notice, PageHeader } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { confirmed, formError, readForm } from "../lib/forms";
import { cycleOrNotFound, requireCoordinator } from "../lib/mentorship.server";
import { holdsPlace, pairsOf, profileOf, saveProfile, touchCycle } from "../../db/queries/mentorship";
import { participants } from "../lib/mentorshipParticipants.server";
import { answersInWords } from "../mentorship/answersInWords";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `Participants of ${data?.cycle.name ?? "a cycle"} · CSL Commons` }];

/** Rows shown per page: a run over 2,000 mentees stays a light page. */
const pageSize = 50;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  requireCoordinator(user);
  const cycle = await cycleOrNotFound(context, params.cycleId);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().toLowerCase().slice(0, 100);
  const role = url.searchParams.get("role") === "mentor" || url.searchParams.get("role") === "mentee" ? url.searchParams.get("role") : "";
  const all = await participants(context, cycle.id);
  const matching = all.filter((p) => (!role || p.role === role) && (!q || p.name.toLowerCase().includes(q) || p.email.toLowerCase().includes(q)));
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(pages, Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  return {
    cycle: { id: cycle.id, name: cycle.name },
    counts: { mentors: all.filter((p) => p.role === "mentor").length, mentees: all.filter((p) => p.role === "mentee").length },
    filter: { q, role, page, pages, found: matching.length },
    // Each shown participant's answers in words (the page's rows only).
    rows: matching.slice((page - 1) * pageSize, page * pageSize).map(({ answers, ...row }) => ({ ...row, answers: answersInWords(answers) })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireCoordinator(user);
  const cycle = await cycleOrNotFound(context, params.cycleId);
  const form = await readForm(request);
  if (form.get("intent") === "capacity") return changeCapacity(context, cycle, form);
  if (form.get("intent") !== "remove") return formError(form, "That action is not one this page knows.");
  if (!confirmed(form)) return formError(form, "Confirm that this person should leave the cycle.");
  const userId = String(form.get("userId") ?? "");
  const { db } = context.services;
  const holding = (await pairsOf(db, cycle.id)).some((p) => (p.mentor_id === userId || p.mentee_id === userId) && holdsPlace(p.status));
  if (holding) return formError(form, "This person is in a pair: end or withdraw the pair first.", 409);
  const removed = await db.deleteFrom("mentorship_profiles").where("cycle_id", "=", cycle.id).where("user_id", "=", userId).executeTakeFirst();
  if (!Number(removed.numDeletedRows)) return formError(form, "That person is not in this cycle.", 404);
  await db.deleteFrom("mentorship_rulings").where("cycle_id", "=", cycle.id).where((eb) => eb.or([eb("mentor_id", "=", userId), eb("mentee_id", "=", userId)])).execute();
  await touchCycle(db, cycle.id);
  return { removed: true as const };
}

/** A mentor's places in this cycle; 0 pauses them (no new mentees until it is raised again). */
async function changeCapacity(context: Route.ActionArgs["context"], cycle: { id: string; closed_at: string | null; name: string }, form: FormData) {
  const { db } = context.services;
  if (cycle.closed_at) return formError(form, `${cycle.name} is closed.`, 409);
  const mentorId = String(form.get("mentorId") ?? "");
  const capacity = z.coerce.number().int().min(0).max(6).safeParse(form.get("capacity"));
  if (!capacity.success) return formError(form, "A capacity is a whole number from 0 to 6.");
  const profile = await profileOf(db, cycle.id, mentorId);
  if (!profile || profile.role !== "mentor") return formError(form, "That person is not a mentor in this cycle.");
  await saveProfile(db, cycle.id, mentorId, "mentor", { ...profile.answers, capacity: capacity.data });
  await touchCycle(db, cycle.id);
  return { capacityChanged: true as const };
}

export default function Participants({ loaderData, actionData }: Route.ComponentProps) {
  const { cycle, counts, filter, rows } = loaderData;
  const link = (page: number) => `?${new URLSearchParams({ ...(filter.q ? { q: filter.q } : {}), ...(filter.role ? { role: filter.role } : {}), page: String(page) })}`;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Participants of ${cycle.name}`}
        description={
          <p>
            <Link to={`/mentorship/${cycle.id}`}>Back to the cycle</Link> · {counts.mentors} {counts.mentors === 1 ? "mentor" : "mentors"}, {counts.mentees} {counts.mentees === 1 ? "mentee" : "mentees"}
          </p>
        }
        actions={
          <ButtonLink to={`/mentorship/${cycle.id}/participants.csv`} variant="secondary" reloadDocument>
            Download as CSV
          </ButtonLink>
        }
      />
      {actionData && "removed" in actionData ? <Notice>Removed from the cycle.</Notice> : null}
      {actionData && "capacityChanged" in actionData ? <Notice>Places changed. Runs made before this are out of date.</Notice> : null}
      <FormError message={actionData && "formError" in actionData ? actionData.formError : null} />
      <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
        <label className="text-sm font-medium">
          Name or email
          <input name="q" defaultValue={filter.q} className="mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900" />
        </label>
        <label className="text-sm font-medium">
          Role
          <select name="role" defaultValue={filter.role ?? ""} className="mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900">
            <option value="">Everyone</option>
            <option value="mentor">Mentors</option>
            <option value="mentee">Mentees</option>
          </select>
        </label>
        <Button variant="secondary">Show</Button>
      </Form>
      <Card title={`${filter.found} ${filter.found === 1 ? "person" : "people"}${filter.pages > 1 ? `, page ${filter.page} of ${filter.pages}` : ""}`}>
        {rows.length === 0 ? (
          <EmptyState>Nobody matches.</EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Profile complete</th>
                <th scope="col">In a pair</th>
                <th scope="col">Mentoring in other open cycles</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-stone-200 dark:border-stone-800">
                  <td className="py-1">
                    <details>
                      <summary className="cursor-pointer">{r.name}</summary>
                      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-xs">
                        {r.answers.map(([k, v]) => (
                          <div key={k} className="contents">
                            <dt className="font-medium">{k}</dt>
                            <dd>{v}</dd>
                          </div>
                        ))}
                      </dl>
                    </details>
                  </td>
                  <td>
                    {r.role}
                    {r.capacity !== null ? (
                      <Form method="post" className="mt-1 flex items-center gap-1">
                        <input type="hidden" name="intent" value="capacity" />
                        <input type="hidden" name="mentorId" value={r.id} />
                        <label>
                          Places
                          <input type="number" name="capacity" min={0} max={6} defaultValue={r.capacity} className="ml-1 w-14 rounded-md border border-stone-400 bg-white px-1 py-0.5 dark:bg-stone-900" />
                        </label>
                        <button className="underline" aria-label={`Change ${r.name}'s places`}>
                          Change
                        </button>
                        {r.capacity === 0 ? <span>(paused)</span> : null}
                      </Form>
                    ) : null}
                  </td>
                  <td>{r.complete}%</td>
                  <td>{r.pairs ? "yes" : "no"}</td>
                  <td>{r.mentoringElsewhere ? (r.mentoringElsewhere === 1 ? "1 mentee" : `${r.mentoringElsewhere} mentees`) : "—"}</td>
                  <td>{r.updated}</td>
                  <td>
                    {r.pairs ? null : (
                      <Form method="post">
                        <input type="hidden" name="userId" value={r.id} />
                        <ConfirmAction label={`Remove ${r.name}`} intent="remove" confirmLabel="Yes, remove" question={<p>Their answers leave this cycle; they can sign up again while intake is open.</p>} />
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {filter.pages > 1 ? (
          <nav aria-label="Pages" className="mt-3 flex gap-3 text-sm">
            {filter.page > 1 ? <Link to={link(filter.page - 1)}>Previous page</Link> : null}
            {filter.page < filter.pages ? <Link to={link(filter.page + 1)}>Next page</Link> : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}

