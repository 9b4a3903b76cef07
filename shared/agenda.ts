// Agenda phases of a community-of-practice meeting, with their planned minutes.
import { z } from "zod";

export const phaseKinds = ["arrival", "check-in", "dialogue", "systems-mapping", "check-out", "other"] as const;
export type PhaseKind = (typeof phaseKinds)[number];

export const phaseSchema = z.object({
  kind: z.enum(phaseKinds),
  title: z.string().trim().min(1, "Give the phase a name").max(80, "Keep the name under 80 characters"),
  minutes: z.coerce.number().int("Whole minutes").min(1, "At least 1 minute").max(240, "At most 240 minutes"),
});
export type Phase = z.infer<typeof phaseSchema>;

export const agendaSchema = z.array(phaseSchema).min(1, "An agenda needs at least one phase").max(12, "At most 12 phases");
export type Agenda = z.infer<typeof agendaSchema>;

export const defaultAgenda: Agenda = [
  { kind: "arrival", title: "Arrival", minutes: 5 },
  { kind: "check-in", title: "Check-in round", minutes: 20 },
  { kind: "dialogue", title: "Dialogue", minutes: 30 },
  { kind: "systems-mapping", title: "Systems mapping", minutes: 25 },
  { kind: "check-out", title: "Check-out", minutes: 10 },
];

export const agendaMinutes = (agenda: Agenda): number => agenda.reduce((sum, phase) => sum + phase.minutes, 0);

/** Reads a stored agenda; a damaged value falls back to the default rather than breaking a page. */
export function parseAgenda(stored: string | null | undefined): Agenda {
  if (!stored) return defaultAgenda;
  try {
    const parsed = agendaSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : defaultAgenda;
  } catch {
    return defaultAgenda;
  }
}
