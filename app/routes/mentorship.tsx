import { Link, redirect } from "react-router";
import type { Route } from "./+types/mentorship";
import { Card, EmptyState, PageHeader } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { failureOf, invalid, readForm } from "../lib/forms";
import { mayCoordinate, requireCoordinator } from "../lib/mentorship.server";
import { createCycle, getCycle, listCycles, settingsOf } from "../../db/queries/mentorship";
import { defaultRules, defaultWeights } from "../../shared/mentorship/profiles";
import { readCycleSettings, settingsFormValues } from "../mentorship/cycleSettings";
import { CycleSettingsForm, modeNames } from "../mentorship/CycleSettingsForm";

export const meta = () => [{ title: "Mentorship · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const from = new URL(request.url).searchParams.get("from");
  const user = requireUser(context, request);
  const { db } = context.services;
  const cycles = await listCycles(db);
  const mine = await db.selectFrom("mentorship_profiles").select(["cycle_id", "role"]).where("user_id", "=", user.id).execute();
  const pairs = await db
    .selectFrom("mentorship_pairs")
    .innerJoin("users as mentor", "mentor.id", "mentorship_pairs.mentor_id")
    .innerJoin("users as mentee", "mentee.id", "mentorship_pairs.mentee_id")
    .select(["mentorship_pairs.id", "mentorship_pairs.cycle_id", "mentorship_pairs.status", "mentorship_pairs.mentor_id", "mentor.name as mentor_name", "mentee.name as mentee_name"])
    .where((eb) => eb.or([eb("mentorship_pairs.mentor_id", "=", user.id), eb("mentorship_pairs.mentee_id", "=", user.id)]))
    .where("mentorship_pairs.status", "!=", "declined")
    .execute();
  return {
    coordinator: mayCoordinate(user),
    cycles: cycles.map((c) => ({
      id: c.id,
      name: c.name,
      closed: c.closed_at !== null,
      mode: c.mode,
      intakeCloses: c.intake_closes,
      myRole: mine.find((m) => m.cycle_id === c.id)?.role ?? null,
      myPairs: pairs
        .filter((p) => p.cycle_id === c.id)
        .map((p) => ({
          id: p.id,
          status: p.status,
          partner: p.mentor_id === user.id ? p.mentee_name : p.mentor_name,
          iAm: p.mentor_id === user.id ? "mentor" : "mentee",
        })),
    })),
    // "Start next year's cycle from this one": its settings, new dates.
    defaults: await (async () => {
      const source = from && mayCoordinate(user) ? await getCycle(db, from) : undefined;
      const today = new Date().toISOString().slice(0, 10);
      return source
        ? { values: { ...settingsFormValues(settingsOf(source)), name: "", intakeOpens: today, intakeCloses: "", matchingDate: "" }, from: source.name }
        : { values: { ...settingsFormValues({ weights: defaultWeights, rules: defaultRules, mode: "exact", lengthWeeks: 36, checkinDays: 14, requestDays: 7, mentorLimit: null, questions: [], choiceQuestions: [] }), intakeOpens: today }, from: null };
    })(),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireCoordinator(user);
  const form = await readForm(request);
  const read = readCycleSettings(form);
  if (!read.ok) return invalid(read.failure);
  const cycle = await createCycle(context.services.db, read.settings, user.id);
  throw redirect(`/mentorship/${cycle.id}`);
}

const statusNames: Record<string, string> = {
  proposed: "proposed, waiting for answers",
  requested: "requested, waiting for the mentor",
  active: "active",
  ended: "ended",
};

export default function MentorshipPage({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  return (
    <div className="space-y-8">
      <PageHeader title="Mentorship" description={<p>New CSL practitioners matched with experienced ones, a cycle at a time.</p>} />
      <Card title="Cycles">
        {loaderData.cycles.length === 0 ? <EmptyState>No mentorship cycle is open yet.</EmptyState> : null}
        <ul className="space-y-3">
          {loaderData.cycles.map((c) => (
            <li key={c.id} className={c.closed ? "text-stone-700 dark:text-stone-300" : ""}>
              <Link to={`/mentorship/${c.id}`} className="font-semibold">
                {c.name}
              </Link>{" "}
              · {c.closed ? "closed" : `${modeNames[c.mode]} · intake closes ${c.intakeCloses}`}
              {c.myRole ? ` · you take part as a ${c.myRole}` : ""}
              {c.myPairs.map((p) => (
                <p key={p.id} className="text-sm">
                  <Link to={`/mentorship/pairs/${p.id}`}>
                    Your {p.iAm === "mentor" ? "mentee" : "mentor"}: {p.partner}
                  </Link>{" "}
                  ({statusNames[p.status] ?? p.status})
                </p>
              ))}
            </li>
          ))}
        </ul>
      </Card>
      {loaderData.coordinator ? (
        <Card title={loaderData.defaults.from ? `Open a cycle like ${loaderData.defaults.from}` : "Open a cycle"}>
          <CycleSettingsForm values={loaderData.defaults.values} failure={failure ?? undefined} submitLabel="Open the cycle" />
        </Card>
      ) : null}
    </div>
  );
}
