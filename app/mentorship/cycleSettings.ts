// A cycle's settings as a coordinator writes them: read and checked in one place, for opening a
// cycle and for changing it until matching starts.
import { z } from "zod";
import type { CycleSettings } from "../../db/queries/mentorship";
import { criteria, type Criterion } from "../../shared/mentorship/profiles";
import { parseForm, type FormFailure } from "../lib/forms";

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

export function readCycleSettings(form: FormData): { ok: true; settings: CycleSettings } | { ok: false; failure: FormFailure } {
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return parsed;
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
    ...Object.fromEntries(criteria.map((c) => [`weight-${c}`, String(settings.weights[c])])),
    ...Object.fromEntries(Object.entries(settings.rules).map(([rule, on]) => [rule, on ? "on" : ""])),
  };
}
