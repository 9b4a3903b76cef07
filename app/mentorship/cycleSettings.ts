// A cycle's settings as a coordinator writes them: read and checked in one place, for opening a
// cycle and for changing it until matching starts.
import { z } from "zod";
import type { CycleSettings } from "../../db/queries/mentorship";
import { criteria, maxChoiceQuestions, type ChoiceQuestion, type Criterion } from "../../shared/mentorship/profiles";
import { formValues, parseForm, type FormFailure } from "../lib/forms";

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
    mode: z.enum(["exact", "stable", "choice"], { error: "Choose how pairs are made" }),
    intakeOpens: date,
    intakeCloses: date,
    matchingDate: date,
    lengthWeeks: z.coerce.number().int().min(4, "At least 4 weeks").max(104, "At most two years"),
    checkinDays: z.coerce.number().int().min(7, "At least weekly").max(90, "At least every 90 days"),
    requestDays: z.coerce.number({ error: "A whole number of days from 1 to 30" }).int("A whole number of days from 1 to 30").min(1, "At least one day").max(30, "At most 30 days").default(7),
    /** Blank: no limit. */
    mentorLimit: z
      .string()
      .trim()
      .default("")
      .refine((v) => v === "" || /^\d+$/.test(v), "Leave it blank, or give a whole number from 1 to 12")
      .transform((v) => (v === "" ? null : Number(v)))
      .refine((n) => n === null || (n >= 1 && n <= 12), "Leave it blank, or give a whole number from 1 to 12"),
    questions: z.string().max(2000).default(""),
    ...Object.fromEntries(criteria.map((c) => [`weight-${c}`, weightField])),
  })
  .refine((v) => v.intakeOpens <= v.intakeCloses, { path: ["intakeCloses"], message: "Intake closes after it opens" })
  .refine((v) => v.intakeCloses <= v.matchingDate, { path: ["matchingDate"], message: "Match after intake closes" });

/**
 * The multiple-choice questions from their rows (`mcText-k`, `mcOptions-k` separated by semicolons,
 * `mcPoints-k`); a row without a question is left out. Errors are keyed by the row's fields.
 */
function readChoiceQuestions(form: FormData): { questions: ChoiceQuestion[]; errors: Record<string, string> } {
  const questions: ChoiceQuestion[] = [];
  const errors: Record<string, string> = {};
  for (let k = 0; k < maxChoiceQuestions; k++) {
    const text = String(form.get(`mcText-${k}`) ?? "").trim();
    if (!text) continue;
    const options = [
      ...new Set(
        String(form.get(`mcOptions-${k}`) ?? "")
          .split(";")
          .map((o) => o.trim())
          .filter(Boolean),
      ),
    ];
    const points = String(form.get(`mcPoints-${k}`) ?? "").trim();
    if (text.length < 3 || text.length > 200) errors[`mcText-${k}`] = "A question of 3 to 200 characters.";
    if (options.length < 2 || options.length > 6 || options.some((o) => o.length > 100)) errors[`mcOptions-${k}`] = "Two to six options, separated by semicolons.";
    if (!/^\d+$/.test(points) || Number(points) > 50) errors[`mcPoints-${k}`] = "Give a whole number of points from 0 to 50.";
    if (questions.some((q) => q.text === text)) errors[`mcText-${k}`] = "Each question once.";
    questions.push({ text, options, points: Number(points) });
  }
  return { questions, errors };
}

export function readCycleSettings(form: FormData): { ok: true; settings: CycleSettings } | { ok: false; failure: FormFailure } {
  const parsed = parseForm(schema, form);
  const choice = readChoiceQuestions(form);
  if (!parsed.ok) return { ok: false, failure: { ...parsed.failure, errors: { ...choice.errors, ...parsed.failure.errors } } };
  if (Object.keys(choice.errors).length) return { ok: false, failure: { errors: choice.errors, values: formValues(form) } };
  const values = parsed.data as z.infer<typeof schema> & Record<string, number>;
  return {
    ok: true,
    settings: {
      name: values.name,
      mode: values.mode,
      intakeOpens: values.intakeOpens,
      intakeCloses: values.intakeCloses,
      matchingDate: values.matchingDate,
      lengthWeeks: values.lengthWeeks,
      checkinDays: values.checkinDays,
      requestDays: values.requestDays,
      mentorLimit: values.mentorLimit,
      choiceQuestions: choice.questions,
      questions: values.questions
        .split("\n")
        .map((q) => q.trim())
        .filter(Boolean)
        .slice(0, 10),
      weights: Object.fromEntries(criteria.map((c) => [c, values[`weight-${c}`]])) as Record<Criterion, number>,
      rules: {
        notSameOrganization: form.get("notSameOrganization") === "on",
        excludePrevious: form.get("excludePrevious") === "on",
        sameRegionInPerson: form.get("sameRegionInPerson") === "on",
      },
    },
  };
}

/** A cycle's settings as the form shows them (strings, as typed). */
export function settingsFormValues(settings: Omit<CycleSettings, "name" | "intakeOpens" | "intakeCloses" | "matchingDate"> & Partial<CycleSettings>): Record<string, string> {
  return {
    name: settings.name ?? "",
    mode: settings.mode,
    intakeOpens: settings.intakeOpens ?? "",
    intakeCloses: settings.intakeCloses ?? "",
    matchingDate: settings.matchingDate ?? "",
    lengthWeeks: String(settings.lengthWeeks),
    checkinDays: String(settings.checkinDays),
    requestDays: String(settings.requestDays),
    mentorLimit: settings.mentorLimit === null ? "" : String(settings.mentorLimit),
    questions: settings.questions.join("\n"),
    ...Object.fromEntries(
      settings.choiceQuestions.flatMap((q, k) => [
        [`mcText-${k}`, q.text],
        [`mcOptions-${k}`, q.options.join("; ")],
        [`mcPoints-${k}`, String(q.points)],
      ]),
    ),
    ...Object.fromEntries(criteria.map((c) => [`weight-${c}`, String(settings.weights[c])])),
    ...Object.fromEntries(Object.entries(settings.rules).map(([rule, on]) => [rule, on ? "on" : ""])),
  };
}
