import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/mentorship";
import { Button, Card, EmptyState, Field, FormError, PageHeader, Select, TextArea } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { failureOf, invalid, parseForm, readForm } from "../lib/forms";
import { mayCoordinate, requireCoordinator } from "../lib/mentorship.server";
import { createCycle, getCycle, listCycles } from "../../db/queries/mentorship";
import { criteria, criterionNames, defaultRules, defaultWeights } from "../../shared/mentorship/profiles";

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
      return source
        ? { weights: source.weightsParsed, rules: source.rulesParsed, mode: source.mode, lengthWeeks: String(source.length_weeks), checkinDays: String(source.checkin_days), questions: source.questionsParsed.join("\n"), from: source.name }
        : { weights: defaultWeights, rules: defaultRules, mode: "exact" as const, lengthWeeks: "36", checkinDays: "14", questions: "", from: null };
    })(),
  };
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date");
/** Points for one criterion: a whole number from 0 to 50, said in plain words when it is not. */
const weightField = z
  .string({ error: "Give a whole number of points from 0 to 50." })
  .trim()
  .refine((v) => /^\d+$/.test(v), "Give a whole number of points from 0 to 50 (no decimals, no minus sign).")
  .transform(Number)
  .refine((n) => n <= 50, "At most 50 points.");

const schema = z
  .object({
    name: z.string().trim().min(3, "Give the cycle a name, like “Mentorship 2026–27”").max(120),
    mode: z.enum(["exact", "stable", "choice"], {
      error: "Choose how pairs are made",
    }),
    intakeOpens: date,
    intakeCloses: date,
    matchingDate: date,
    lengthWeeks: z.coerce.number().int().min(4, "At least 4 weeks").max(104, "At most two years"),
    checkinDays: z.coerce.number().int().min(7, "At least weekly").max(90, "At least every 90 days"),
    questions: z.string().max(2000).default(""),
    ...Object.fromEntries(criteria.map((c) => [`weight-${c}`, weightField])),
  })
  .refine((v) => v.intakeOpens <= v.intakeCloses, {
    path: ["intakeCloses"],
    message: "Intake closes after it opens",
  })
  .refine((v) => v.intakeCloses <= v.matchingDate, {
    path: ["matchingDate"],
    message: "Match after intake closes",
  });

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireCoordinator(user);
  const form = await readForm(request);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const values = parsed.data as z.infer<typeof schema> & Record<string, number>;
  const cycle = await createCycle(
    context.services.db,
    {
      name: values.name,
      mode: values.mode,
      intakeOpens: values.intakeOpens,
      intakeCloses: values.intakeCloses,
      matchingDate: values.matchingDate,
      lengthWeeks: values.lengthWeeks,
      checkinDays: values.checkinDays,
      questions: values.questions
        .split("\n")
        .map((q) => q.trim())
        .filter(Boolean)
        .slice(0, 10),
      weights: Object.fromEntries(criteria.map((c) => [c, values[`weight-${c}`]])) as Record<(typeof criteria)[number], number>,
      rules: {
        notSameOrganization: form.get("notSameOrganization") === "on",
        excludePrevious: form.get("excludePrevious") === "on",
      },
    },
    user.id,
  );
  throw redirect(`/mentorship/${cycle.id}`);
}

const modeNames = {
  exact: "Best overall (exact)",
  stable: "Stable matching",
  choice: "Mentees choose from a shortlist",
} as const;
const statusNames: Record<string, string> = {
  proposed: "proposed, waiting for answers",
  requested: "requested, waiting for the mentor",
  active: "active",
  ended: "ended",
};

export default function MentorshipPage({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const today = new Date().toISOString().slice(0, 10);
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
          <Form method="post" className="grid gap-4 md:grid-cols-2">
            <FormError message={failure?.formError} />
            <Field label="Name" name="name" defaultValue={failure?.values.name ?? ""} error={failure?.errors.name} placeholder="Mentorship 2026–27" />
            <Select
              label="How pairs are made"
              name="mode"
              defaultValue={failure?.values.mode ?? loaderData.defaults.mode}
              options={Object.entries(modeNames).map(([value, label]) => ({
                value,
                label,
              }))}
              error={failure?.errors.mode}
            />
            <Field label="Intake opens" name="intakeOpens" type="date" defaultValue={failure?.values.intakeOpens ?? today} error={failure?.errors.intakeOpens} />
            <Field label="Intake closes" name="intakeCloses" type="date" defaultValue={failure?.values.intakeCloses ?? ""} error={failure?.errors.intakeCloses} />
            <Field label="Matching date" name="matchingDate" type="date" defaultValue={failure?.values.matchingDate ?? ""} error={failure?.errors.matchingDate} />
            <Field label="Length (weeks)" name="lengthWeeks" type="number" defaultValue={failure?.values.lengthWeeks ?? loaderData.defaults.lengthWeeks} error={failure?.errors.lengthWeeks} />
            <Field label="Check-in every (days)" name="checkinDays" type="number" defaultValue={failure?.values.checkinDays ?? loaderData.defaults.checkinDays} error={failure?.errors.checkinDays} />
            <TextArea
              label="Extra questions (one per line)"
              name="questions"
              rows={3}
              defaultValue={failure?.values.questions ?? loaderData.defaults.questions}
              hint="Asked of everyone at intake; answers go to coordinators and, once matched, the partner."
            />
            <fieldset className="md:col-span-2">
              <legend className="font-medium">Points for each criterion (a perfect fit earns them all)</legend>
              <div className="mt-2 grid gap-3 sm:grid-cols-3">
                {criteria.map((c) => (
                  <Field
                    key={c}
                    label={criterionNames[c]}
                    name={`weight-${c}`}
                    type="number"
                    defaultValue={failure?.values[`weight-${c}`] ?? String(loaderData.defaults.weights[c])}
                    error={failure?.errors[`weight-${c}`]}
                  />
                ))}
              </div>
            </fieldset>
            <fieldset className="md:col-span-2">
              <legend className="font-medium">Hard rules (besides capacity, a shared language and some shared time)</legend>
              <label className="mt-2 block">
                <input type="checkbox" name="notSameOrganization" defaultChecked={loaderData.defaults.rules.notSameOrganization} /> Never pair people from the same school or district office
              </label>
              <label className="block">
                <input type="checkbox" name="excludePrevious" defaultChecked={loaderData.defaults.rules.excludePrevious} /> Never pair earlier partners again
              </label>
            </fieldset>
            <div>
              <Button>Open the cycle</Button>
            </div>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
