// A training ask read from a form (the public request, and the director's revised quote): the
// numbers as typed, refused beside their field by the offering's rules (shared/training/offerings.ts).
import { checkAsk, offeringRules, type Offering, type RuleCheck, type TrainingAsk } from "../../shared/training/offerings";

const numberOf = (form: FormData, name: string) => {
  const raw = String(form.get(name) ?? "").trim();
  return raw === "" ? Number.NaN : Number(raw);
};

export function readAsk(form: FormData, offering: Offering): { ask: TrainingAsk; check: RuleCheck } {
  const prep = String(form.get("prepHours") ?? "").trim();
  const ask: TrainingAsk = { offering, hours: numberOf(form, "hours"), participants: numberOf(form, "participants"), facilitators: numberOf(form, "facilitators"), prepHours: prep ? numberOf(form, "prepHours") : 0 };
  // Going Deeper is priced per participant for the year: its hours and facilitators are not asked.
  if (offeringRules[offering].billing === "per-participant") Object.assign(ask, { hours: 0, facilitators: 1 });
  return { ask, check: checkAsk(ask) };
}
