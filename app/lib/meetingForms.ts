// Form rules for meetings: times, video links and the agenda's repeated rows.
import { z } from "zod";
import { recurrencePresets, type RecurrencePreset } from "../../shared/recurrencePresets";
import { agendaSchema, phaseKinds, type Agenda } from "../../shared/agenda";

export const timezones = ["America/Vancouver", "America/Edmonton", "America/Winnipeg", "America/Toronto", "America/Halifax"] as const;

export const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date");
export const timeField = z.string().regex(/^\d{2}:\d{2}$/, "Choose a time");

export const videoUrlField = z
  .string()
  .trim()
  .max(500, "Keep the link under 500 characters")
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || /^https:\/\/[^\s]+$/i.test(v), "Use a full https:// link, for example https://zoom.us/j/…");

/** Reads the agenda's rows (title, minutes, kind repeated); rows left blank are skipped. */
export function readAgenda(form: FormData): { ok: true; agenda: Agenda } | { ok: false; error: string } {
  const titles = form.getAll("phaseTitle").map(String);
  const minutes = form.getAll("phaseMinutes").map(String);
  const kinds = form.getAll("phaseKind").map(String);
  const rows = titles
    .map((title, i) => ({ title: title.trim(), minutes: (minutes[i] ?? "").trim(), kind: (phaseKinds as readonly string[]).includes(kinds[i]) ? kinds[i] : "other" }))
    .filter((row) => row.title !== "" || row.minutes !== "");
  const parsed = agendaSchema.safeParse(rows);
  if (parsed.success) return { ok: true, agenda: parsed.data };
  const issue = parsed.error.issues[0];
  const row = typeof issue.path[0] === "number" ? `Phase ${issue.path[0] + 1}: ` : "";
  return { ok: false, error: `${row}${issue.message}` };
}

/** A series' fields as its forms take them: planning a new one and changing one. */
export const seriesFields = z.object({
  title: z.string().trim().min(3, "Give the meeting a name of at least 3 characters").max(100, "Keep the name under 100 characters"),
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters").default(""),
  date: dateField,
  time: timeField,
  durationMinutes: z.coerce.number({ error: "Choose how long it lasts" }).int().min(15, "At least 15 minutes").max(480, "At most 8 hours"),
  repeat: z.enum(Object.keys(recurrencePresets) as [RecurrencePreset, ...RecurrencePreset[]], { error: "Choose how often it repeats" }),
  timezone: z.enum(timezones, { error: "Choose a time zone" }),
  videoUrl: videoUrlField,
});
