import { data as respond, Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/mentorship.cycle";
import { Button, ButtonLink, Card, ConfirmAction, FormError, Notice, PageHeader } from "../components/ui";
import { forbidden, requireUser } from "../lib/auth.server";
import { confirmed, formError, readForm } from "../lib/forms";
import { notify } from "../../server/notices";
import { cycleOrNotFound, findParticipant, manualPair, matchingInput, mayCoordinate, publishRun, requestMentor, requireCoordinator, runMatching, shortlistFor, wishesFor, type RunResult } from "../lib/mentorship.server";
import { readIntake } from "../mentorship/intake";
import { ProfileForm } from "../mentorship/ProfileForm";
import { RunView, runPage } from "../mentorship/RunView";
import { changeCycleSettings, holdsPlace, settingsOf, pairsOf, profileOf, profilesOf, rulingsOf, saveProfile, saveWishes, setRuling, touchCycle } from "../../db/queries/mentorship";
import { readCycleSettings, settingsFormValues } from "../mentorship/cycleSettings";
import { CycleSettingsForm, modeNames, ruleWords } from "../mentorship/CycleSettingsForm";
import type { FormFailure } from "../lib/forms";
import { newId } from "../../shared/ids";
import { nowIso } from "../../db/time";
import { formatDateTime } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";
import { criterionNames } from "../../shared/mentorship/profiles";
import { toReader } from "../../shared/mentorship/explain";
import { inputProblems } from "../../shared/mentorship/matching";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.cycle.name ?? "Mentorship"} · CSL Commons` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const cycle = await cycleOrNotFound(context, params.cycleId);
  const { db } = context.services;
  const coordinator = mayCoordinate(user);
  const mine = await profileOf(db, cycle.id, user.id);
  // A coordinator's page is about the matching: their own intake (with its lists of people) only when asked.
  const showIntake = !coordinator || mine !== null || new URL(request.url).searchParams.has("takePart");
  const { mentors, mentees } = await profilesOf(db, cycle.id);
  // Whom one would rather not be matched with is named, not chosen from a list of everyone: only the saved names travel.
  const avoiding = new Set(Array.isArray(mine?.answers.avoid) ? (mine.answers.avoid as string[]) : []);
  const savedAvoidNames = [...mentors, ...mentees]
    .filter((p) => avoiding.has(p.userId))
    .map((p) => p.name)
    .join(", ");
  const regions = (await db.selectFrom("organizations").select("region").distinct().orderBy("region").execute()).map((r) => r.region).filter((r): r is string => Boolean(r));
  const pairs = await pairsOf(db, cycle.id);
  const myPairs = pairs.filter((p) => p.mentor_id === user.id || p.mentee_id === user.id);
  const holding = myPairs.some((p) => p.mentee_id === user.id && holdsPlace(p.status));
  const shortlist = cycle.mode === "choice" && mine?.role === "mentee" && !holding ? await shortlistFor(context, cycle, user.id) : null;
  const wishes = cycle.mode === "stable" && mine?.role === "mentor" && !cycle.closed_at ? await wishesFor(context, cycle, user.id) : null;
  let coordination = null;
  if (coordinator) {
    const runs = await db.selectFrom("mentorship_runs").selectAll().where("cycle_id", "=", cycle.id).orderBy("created_at", "desc").orderBy("id", "desc").limit(2).execute();
    const rulings = await rulingsOf(db, cycle.id);
    const names = new Map([...mentors, ...mentees].map((p) => [p.userId, p.name]));
    coordination = {
      // Settings change until matching starts (a run or a pair); afterwards they are shown.
      settingsOpen: runs.length === 0 && pairs.length === 0,
      settingsValues: settingsFormValues(settingsOf(cycle)),
      mentorCount: mentors.length,
      places: mentors.reduce((n, m) => n + m.capacity, 0),
      menteeCount: mentees.length,
      latest: runs[0]
        ? {
            id: runs[0].id,
            view: runPage(JSON.parse(runs[0].result) as RunResult, runs[1] ? (JSON.parse(runs[1].result) as RunResult) : null, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1),
            created: formatDateTime(runs[0].created_at, defaultTimezone),
            published: runs[0].published_at !== null,
            stale: Boolean(cycle.changed_at && cycle.changed_at > runs[0].created_at),
          }
        : null,
      locked: rulings.filter((r) => r.ruling === "lock").map((r) => `${r.mentor_id}:${r.mentee_id}`),
      forbidden: rulings
        .filter((r) => r.ruling === "forbid")
        .map((r) => ({
          mentorId: r.mentor_id,
          menteeId: r.mentee_id,
          label: `${names.get(r.mentee_id) ?? "?"} with ${names.get(r.mentor_id) ?? "?"}`,
        })),
      // Pairs by status; the latest declined and ended ones by name with their reasons (all are on the report).
      pairCounts: [...new Set(pairs.map((p) => p.status))].map((status) => ({ status, count: pairs.filter((p) => p.status === status).length })),
      endedPairs: pairs
        .filter((p) => p.status === "declined" || p.status === "ended")
        .sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1))
        .slice(0, 20)
        .map((p) => ({ id: p.id, mentor: p.mentor_name, mentee: p.mentee_name, status: p.status, declineReason: p.decline_reason })),
    };
  }
  return {
    cycle: {
      id: cycle.id,
      name: cycle.name,
      closed: cycle.closed_at !== null,
      weights: cycle.weightsParsed,
      rules: cycle.rulesParsed,
      mode: cycle.mode,
      intakeCloses: cycle.intake_closes,
      matchingDate: cycle.matching_date,
      lengthWeeks: cycle.length_weeks,
      checkinDays: cycle.checkin_days,
      requestDays: cycle.request_days,
      questions: cycle.questionsParsed,
      choiceQuestions: cycle.choiceQuestionsParsed,
    },
    coordinator,
    profile: mine ? { role: mine.role, answers: mine.answers } : null,
    prefill: mine ? null : await prefillFor(db, user),
    showIntake,
    savedAvoidNames,
    mentorsInCycle: showIntake ? mentors.map((m) => ({ id: m.userId, name: m.name })) : [],
    regions,
    myPairs: myPairs.map((p) => ({
      id: p.id,
      status: p.status,
      partner: p.mentor_id === user.id ? p.mentee_name : p.mentor_name,
      iAm: p.mentor_id === user.id ? "mentor" : "mentee",
    })),
    shortlist,
    wishes,
    coordination,
  };
}

/** A first intake starts from what the person's profile already says: their region and CSL domains. */
async function prefillFor(db: Route.LoaderArgs["context"]["services"]["db"], user: { organization_id: string | null; domains: string }) {
  const organization = user.organization_id ? await db.selectFrom("organizations").select("region").where("id", "=", user.organization_id).executeTakeFirst() : undefined;
  const domainList = user.domains.split(",").filter((d) => d === "self" || d === "each-other" || d === "system");
  return { region: organization?.region ?? "", languages: ["English"], focus: domainList, strengths: domainList, modes: ["virtual"] };
}

const ruleSchema = z.object({
  mentorId: z.string().min(1),
  menteeId: z.string().min(1),
  ruling: z.enum(["lock", "forbid", "clear"]),
});

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const cycle = await cycleOrNotFound(context, params.cycleId);
  const { db } = context.services;
  const form = await readForm(request);
  switch (form.get("intent")) {
    case "profile": {
      if (cycle.closed_at) return formError(form, `${cycle.name} is closed.`, 409);
      const today = new Date().toISOString().slice(0, 10);
      if (today > cycle.intake_closes && !mayCoordinate(user)) return formError(form, `Intake for ${cycle.name} closed on ${cycle.intake_closes}.`, 409);
      if (today < cycle.intake_opens && !mayCoordinate(user)) return formError(form, `Intake for ${cycle.name} opens on ${cycle.intake_opens}.`, 409);
      const { mentors, mentees } = await profilesOf(db, cycle.id);
      const participants = [...mentors, ...mentees].map((p) => ({ id: p.userId, name: p.name }));
      const read = readIntake(form, { id: user.id, name: user.name, organizationId: user.organization_id }, cycle.questionsParsed, cycle.choiceQuestionsParsed, participants);
      if (!read.ok)
        return respond(
          {
            profileErrors: read.errors,
            role: read.role,
            values: Object.fromEntries([...new Set(form.keys())].map((k) => [k, form.getAll(k).length > 1 ? form.getAll(k).map(String) : String(form.get(k))])),
          },
          { status: 400 },
        );
      await saveProfile(db, cycle.id, user.id, read.role, read.answers);
      await touchCycle(db, cycle.id);
      return { profileSaved: true as const };
    }
    case "request": {
      if (cycle.mode !== "choice") forbidden("In this cycle the coordinators make the pairs.");
      const result = await requestMentor(context, cycle, user.id, String(form.get("mentorId") ?? ""));
      if (!result.ok) return formError(form, result.message, 409);
      // The mentor hears of the request and answers from its link.
      await notify(context.services, [
        {
          userId: result.pair.mentor_id,
          kind: "mentorship",
          key: `mentorship:request:${result.pair.id}`,
          title: `${cycle.name}: ${user.name} asks you to be their mentor`,
          body: `${user.name} chose you as their mentor in ${cycle.name}. Please accept or decline.`,
          href: `/mentorship/pairs/${result.pair.id}`,
        },
      ]);
      return { requested: true as const };
    }
    case "wishes": {
      if (cycle.closed_at) return formError(form, `${cycle.name} is closed.`, 409);
      const offered = cycle.mode === "stable" ? await wishesFor(context, cycle, user.id) : null;
      if (!offered) forbidden("Only mentors of a stable-matching cycle say whom they would like to mentor.");
      // Only the mentees this mentor was shown; anything else in the form is ignored.
      const answers = offered.mentees.map((m) => {
        const value = form.get(`wish-${m.id}`);
        return { menteeId: m.id, wish: value === "keen" ? ("keen" as const) : value === "rather-not" ? ("rather-not" as const) : null };
      });
      await saveWishes(db, cycle.id, user.id, answers);
      await touchCycle(db, cycle.id);
      return { wishesSaved: true as const };
    }
  }
  requireCoordinator(user);
  if (form.get("intent") === "close") {
    if (!confirmed(form)) return formError(form, "Confirm that the cycle should close.");
    await db.updateTable("mentorship_cycles").set({ closed_at: nowIso() }).where("id", "=", cycle.id).where("closed_at", "is", null).execute();
    return { closed: true as const };
  }
  if (cycle.closed_at) return formError(form, `${cycle.name} is closed: open a new cycle (you can start it from this one).`, 409);
  switch (form.get("intent")) {
    case "settings": {
      const read = readCycleSettings(form);
      if (!read.ok) return respond({ settingsFailure: read.failure }, { status: 400 });
      if (!(await changeCycleSettings(db, cycle.id, read.settings))) return formError(form, "Matching has started in this cycle, so its settings can no longer change. Open a new cycle from this one to change them.", 409);
      return { settingsSaved: true as const };
    }
    case "run": {
      const algorithm = form.get("algorithm") === "stable" ? "stable" : "exact";
      const { input, unreadable } = await matchingInput(context, cycle);
      // An input the matcher cannot honour is said plainly, not run.
      const problems = inputProblems(input);
      if (problems.length) return formError(form, `The matching cannot run yet: ${problems.join(" ")}`, 409);
      const result = runMatching(input, algorithm, unreadable);
      await db
        .insertInto("mentorship_runs")
        .values({
          id: newId(),
          cycle_id: cycle.id,
          algorithm,
          result: JSON.stringify(result),
          created_by: user.id,
          created_at: nowIso(),
          published_at: null,
        })
        .execute();
      return { ran: true as const };
    }
    case "rule": {
      const parsed = ruleSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) return formError(form, "That pair could not be read.");
      await setRuling(db, cycle.id, parsed.data.mentorId, parsed.data.menteeId, parsed.data.ruling === "clear" ? null : parsed.data.ruling);
      await touchCycle(db, cycle.id);
      return { ruled: true as const };
    }
    case "manual-preview":
    case "manual-pair": {
      const propose = form.get("intent") === "manual-pair";
      // Named by the coordinator (name or email); the proposal then carries the ids the preview found.
      const [mentor, mentee] = await Promise.all([
        findParticipant(context, cycle, "mentor", String(form.get("mentorId") ?? form.get("mentor") ?? "")),
        findParticipant(context, cycle, "mentee", String(form.get("menteeId") ?? form.get("mentee") ?? "")),
      ]);
      if (!mentor.ok || !mentee.ok) return formError(form, [mentor, mentee].flatMap((r) => (r.ok ? [] : [r.message])).join(" "), 400);
      const result = await manualPair(context, cycle, mentor.id, mentee.id, propose);
      if (!result.ok) return formError(form, result.message, propose ? 409 : 400);
      return propose ? { manualProposed: result.preview } : { manualPreview: result.preview, manualIds: { mentorId: mentor.id, menteeId: mentee.id } };
    }
    case "publish": {
      // Exactly the run the coordinator reviewed: the latest, unpublished, and made after every change.
      const runId = String(form.get("runId") ?? "");
      const latest = await db.selectFrom("mentorship_runs").selectAll().where("cycle_id", "=", cycle.id).orderBy("created_at", "desc").orderBy("id", "desc").executeTakeFirst();
      if (!latest) return formError(form, "Run the matching first.");
      if (latest.id !== runId) return formError(form, "A newer run has been made since this page was loaded. Review it, then publish.", 409);
      if (latest.published_at) return formError(form, "These pairs are already published.", 409);
      const fresh = await db.selectFrom("mentorship_cycles").select("changed_at").where("id", "=", cycle.id).executeTakeFirstOrThrow();
      if (fresh.changed_at && fresh.changed_at > latest.created_at) return formError(form, "Rulings, capacities or answers changed after this run: re-run before publishing.", 409);
      const count = await publishRun(context, cycle, latest.id, JSON.parse(latest.result) as RunResult);
      if (count === null) return formError(form, "These pairs are already published.", 409);
      return { published: count };
    }
    default:
      return formError(form, "That action is not one this page knows.");
  }
}

/** What the person sent, as answers, so a form with mistakes comes back filled in. */
const retriedAnswers = (values: Record<string, unknown>) => {
  const lists = ["sectors", "availability", "modes", "focus", "strengths"];
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, lists.includes(k) ? [v].flat().filter(Boolean) : v]));
};

const statusNames: Record<string, string> = {
  proposed: "Proposed: waiting for both to accept",
  requested: "Requested: waiting for the mentor",
  active: "Active",
  declined: "Declined",
  ended: "Ended",
};

export default function CyclePage({ loaderData, actionData }: Route.ComponentProps) {
  const { cycle, coordination } = loaderData;
  const data = actionData as Record<string, unknown> | undefined;
  const profileErrors = (data?.profileErrors ?? {}) as Record<string, string>;
  const retried = data?.values as Record<string, unknown> | undefined;
  const intake = (
    <ProfileForm
      role={((retried?.role as string) ?? loaderData.profile?.role) === "mentor" ? "mentor" : "mentee"}
      answers={retried ? retriedAnswers(retried) : (loaderData.profile?.answers ?? loaderData.prefill ?? {})}
      errors={profileErrors}
      regions={loaderData.regions}
      savedAvoidNames={loaderData.savedAvoidNames}
      mentors={loaderData.mentorsInCycle}
      questions={cycle.questions}
      choiceQuestions={cycle.choiceQuestions}
      saved={Boolean(data?.profileSaved)}
      mentorsSeeGoals={cycle.mode === "stable"}
    />
  );
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/mentorship">Mentorship</Link>
      </p>
      <PageHeader
        title={cycle.name}
        description={
          <p>
            Intake closes {cycle.intakeCloses}; matching on {cycle.matchingDate}; {cycle.lengthWeeks} weeks with a check-in every {cycle.checkinDays} days.
          </p>
        }
        actions={
          loaderData.coordinator ? (
            <ButtonLink to={`/mentorship/${cycle.id}/report`} variant="secondary">
              Program report
            </ButtonLink>
          ) : undefined
        }
      />
      <FormError message={typeof data?.formError === "string" ? data.formError : null} />
      {loaderData.myPairs.length ? (
        <Card title="Your pairs">
          <ul className="space-y-1">
            {loaderData.myPairs.map((p) => (
              <li key={p.id}>
                <Link to={`/mentorship/pairs/${p.id}`}>
                  Your {p.iAm === "mentor" ? "mentee" : "mentor"}: {p.partner}
                </Link>{" "}
                · {statusNames[p.status]}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {loaderData.shortlist ? (
        <Card title="Choose your mentor">
          {data?.requested ? <Notice>Asked. Your mentor will confirm soon.</Notice> : null}
          {loaderData.shortlist.length === 0 ? <p>No mentor who fits you has a place left. A coordinator will be in touch.</p> : null}
          <ul className="grid gap-3 md:grid-cols-3">
            {loaderData.shortlist.map((s) => (
              <li key={s.mentorId} className="rounded-lg border border-stone-200 p-3 dark:border-stone-800">
                <p className="font-semibold">{s.name}</p>
                <p className="text-sm text-stone-700 dark:text-stone-300">
                  {s.roleTitle ? `${s.roleTitle} · ` : ""}
                  {s.yearsPractice === 1 ? "1 year" : `${s.yearsPractice} years`} of CSL practice
                </p>
                {s.bio ? <p className="mt-1 text-sm">{s.bio}</p> : null}
                <p className="mt-1 text-xs text-stone-700 dark:text-stone-300">{s.placesLeft === 1 ? "1 place left" : `${s.placesLeft} places left`}</p>
                <ul className="my-2 list-disc pl-5 text-sm">
                  {s.parts
                    .filter((p) => p.points > 0)
                    .map((p) => (
                      <li key={p.criterion}>{toReader(p.text, "mentee", s.name.split(" ")[0])}</li>
                    ))}
                </ul>
                <Form method="post">
                  <input type="hidden" name="intent" value="request" />
                  <input type="hidden" name="mentorId" value={s.mentorId} />
                  <Button variant="secondary">Ask {s.name}</Button>
                </Form>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {loaderData.wishes ? <WishesCard wishes={loaderData.wishes} saved={Boolean(data?.wishesSaved)} /> : null}
      {coordination ? (
        <Card title="Matching">
          <p className="mb-3">
            {coordination.mentorCount} {coordination.mentorCount === 1 ? "mentor" : "mentors"} with {coordination.places} {coordination.places === 1 ? "place" : "places"}; {coordination.menteeCount}{" "}
            {coordination.menteeCount === 1 ? "mentee" : "mentees"}.{" "}
            <Link to={`/mentorship/${cycle.id}/participants`}>See the participants</Link>
          </p>
          {data?.published !== undefined ? (
            <Notice>
              Published {data.published === 1 ? "1 pair" : `${String(data.published)} pairs`}. Both people in each pair have been told.
            </Notice>
          ) : null}
          <Form method="post" className="mb-4 flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="run" />
            <label className="text-sm font-medium">
              Method
              <select name="algorithm" defaultValue={cycle.mode === "stable" ? "stable" : "exact"} className="mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900">
                <option value="exact">Best overall (exact)</option>
                <option value="stable">Stable matching</option>
              </select>
            </label>
            <Button>Run matching</Button>
          </Form>
          {coordination.latest ? (
            <>
              <RunView view={coordination.latest.view} locked={new Set(coordination.locked)} created={coordination.latest.created} />
              <p className="mt-2 text-sm">
                <Link to={`/mentorship/${cycle.id}/runs`}>Every run, and any two compared</Link>
              </p>
              {coordination.latest.published ? (
                <p className="mt-4 font-medium">These pairs are published. Run again to match the people still without a pair.</p>
              ) : coordination.latest.view.page.pairs === 0 ? (
                <p className="mt-4 font-medium">This run pairs nobody, so there is nothing to publish.</p>
              ) : coordination.latest.stale ? (
                <p className="mt-4 font-medium text-amber-900 dark:text-amber-200" role="status">
                  Rulings, capacities or answers changed after this run: re-run before publishing.
                </p>
              ) : (
                <Form method="post" className="mt-4">
                  <input type="hidden" name="intent" value="publish" />
                  <input type="hidden" name="runId" value={coordination.latest.id} />
                  <Button>Publish these pairs</Button>
                </Form>
              )}
            </>
          ) : null}
          {coordination.forbidden.length ? (
            <div className="mt-4">
              <h3 className="font-semibold">Forbidden pairs</h3>
              <ul className="text-sm">
                {coordination.forbidden.map((f) => (
                  <li key={`${f.mentorId}:${f.menteeId}`}>
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="rule" />
                      <input type="hidden" name="mentorId" value={f.mentorId} />
                      <input type="hidden" name="menteeId" value={f.menteeId} />
                      {f.label}{" "}
                      <button name="ruling" value="clear" className="underline">
                        allow again
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <p className="mt-4 text-sm">
            Mentors&apos; places are changed on <Link to={`/mentorship/${cycle.id}/participants?role=mentor`}>the participants page</Link> (0 pauses a mentor).
          </p>
          {coordination.pairCounts.length ? (
            <div className="mt-4">
              <h3 className="font-semibold">Pairs</h3>
              <p className="text-sm">
                {coordination.pairCounts.map((c) => `${c.count} ${statusNames[c.status]?.split(":")[0].toLowerCase() ?? c.status}`).join(", ")}.{" "}
                <Link to={`/mentorship/${cycle.id}/report`}>Every pair on the report</Link>
              </p>
              {coordination.endedPairs.length ? (
                <ul className="mt-1 text-sm">
                  {coordination.endedPairs.map((p) => (
                    <li key={p.id}>
                      {p.mentee} with {p.mentor} · {statusNames[p.status]}
                      {p.declineReason ? ` (“${p.declineReason}”)` : ""}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </Card>
      ) : null}
      {coordination ? (
        <Card title="This cycle's settings">
          {coordination.settingsOpen ? (
            <CycleSettingsForm
              values={coordination.settingsValues}
              failure={data?.settingsFailure as FormFailure | undefined}
              intent="settings"
              submitLabel="Save the settings"
              submitted={Boolean(data?.settingsSaved)}
            />
          ) : (
            <>
              <p className="mb-2 text-sm">Matching has started, so these settings stay as they are for this cycle.</p>
              <ul className="text-sm">
                <li>{modeNames[cycle.mode]}</li>
                {Object.entries(cycle.weights).map(([criterion, points]) => (
                  <li key={criterion}>
                    {criterionNames[criterion as keyof typeof criterionNames] ?? criterion}: {points} points
                  </li>
                ))}
                {cycle.choiceQuestions.map((q) => (
                  <li key={q.text}>
                    “{q.text}” ({q.options.join(", ")}): {q.points} points for the same answer
                  </li>
                ))}
                {ruleWords(cycle.rules).map((words) => (
                  <li key={words}>{words}</li>
                ))}
                {cycle.mode === "choice" ? <li>A request lapses after {cycle.requestDays === 1 ? "1 day" : `${cycle.requestDays} days`} without an answer</li> : null}
              </ul>
            </>
          )}
          <div className="mt-3 flex flex-wrap items-start gap-3">
            <Link to={`/mentorship?from=${cycle.id}`}>Start next year&apos;s cycle from this one</Link>
            {cycle.closed ? (
              <p className="font-medium">This cycle is closed.</p>
            ) : (
              <Form method="post">
                <ConfirmAction label="Close this cycle" intent="close" confirmLabel="Yes, close it" question={<p>No more intake, matching or check-in reminders. Pairs keep their space and notes.</p>} />
              </Form>
            )}
          </div>
        </Card>
      ) : null}
      {coordination ? (
        <Card title="Pair two people by hand">
          {data?.manualProposed ? <Notice>Proposed. Both people have been told and answer as for any pair.</Notice> : null}
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <label className="text-sm font-medium">
              Mentor (name or email)
              <input name="mentor" required defaultValue={String((data?.values as Record<string, string> | undefined)?.mentor ?? "")} className="mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900" />
            </label>
            <label className="text-sm font-medium">
              Mentee (name or email)
              <input name="mentee" required defaultValue={String((data?.values as Record<string, string> | undefined)?.mentee ?? "")} className="mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900" />
            </label>
            <Button name="intent" value="manual-preview" variant="secondary">
              See how they fit
            </Button>
          </Form>
          {data?.manualPreview ? (
            <>
              <ManualPreview preview={data.manualPreview as { mentor: string; mentee: string; score: number; parts: { text: string; points: number; outOf: number }[]; blocked: string | null }} />
              <Form method="post" className="mt-2">
                <input type="hidden" name="mentorId" value={(data.manualIds as { mentorId: string }).mentorId} />
                <input type="hidden" name="menteeId" value={(data.manualIds as { menteeId: string }).menteeId} />
                <Button name="intent" value="manual-pair">
                  Propose this pair
                </Button>
              </Form>
            </>
          ) : null}
        </Card>
      ) : null}
      {!loaderData.showIntake ? (
        <p>
          <Link to="?takePart=1">Take part in this cycle yourself</Link>
        </p>
      ) : (
        <Card title={loaderData.profile ? "Your answers" : "Take part"}>{intake}</Card>
      )}
    </div>
  );
}

/** How a hand-made pair would fit: its score part by part, or what the rules say against it. */
function ManualPreview({ preview }: { preview: { mentor: string; mentee: string; score: number; parts: { text: string; points: number; outOf: number }[]; blocked: string | null } }) {
  return (
    <div className="mt-3 text-sm" role="status">
      {preview.blocked ? (
        <p>
          The cycle&apos;s rules do not allow {preview.mentee} with {preview.mentor}: they {preview.blocked}.
        </p>
      ) : (
        <>
          <p className="font-semibold">
            {preview.mentee} with {preview.mentor}: {preview.score} points
          </p>
          <ul className="mt-1 list-disc pl-5">
            {preview.parts.map((p) => (
              <li key={p.text}>
                {p.text} ({p.points} of {p.outOf})
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

const wishNames = [
  ["keen", "Especially keen"],
  ["either", "Either way"],
  ["rather-not", "Rather not"],
] as const;

/** A mentor says whom they would especially like, or rather not, to mentor: stable matching follows it. */
function WishesCard({ wishes, saved }: { wishes: NonNullable<Route.ComponentProps["loaderData"]["wishes"]>; saved: boolean }) {
  return (
    <Card title="Mentees you would like to mentor">
      <p className="mb-3 text-sm">
        Optional. Stable matching puts those you are especially keen on first and those you would rather not have last; everyone else by how well you fit. Nobody sees your answers but the coordinators.
        {wishes.fitting > wishes.mentees.length ? ` These are the ${wishes.mentees.length} of ${wishes.fitting} mentees who fit you best.` : ""}
      </p>
      {saved ? <Notice>Saved. The next run follows your wishes.</Notice> : null}
      {wishes.mentees.length === 0 ? <p>No mentee who fits you has signed up yet.</p> : null}
      <Form method="post">
        <input type="hidden" name="intent" value="wishes" />
        <ul className="space-y-3">
          {wishes.mentees.map((m) => (
            <li key={m.id} className="rounded-lg border border-stone-200 p-3 dark:border-stone-800">
              <fieldset>
                <legend className="font-semibold">
                  {m.name} · {m.region}
                </legend>
                <p className="text-sm">{m.goals}</p>
                <p className="text-xs text-stone-700 dark:text-stone-300">Focus: {m.focus}</p>
                <div className="mt-1 flex flex-wrap gap-4 text-sm">
                  {wishNames.map(([value, label]) => (
                    <label key={value}>
                      <input type="radio" name={`wish-${m.id}`} value={value} defaultChecked={m.wish === value} /> {label}
                    </label>
                  ))}
                </div>
              </fieldset>
            </li>
          ))}
        </ul>
        {wishes.mentees.length ? (
          <div className="mt-3">
            <Button>Save my wishes</Button>
          </div>
        ) : null}
      </Form>
    </Card>
  );
}
