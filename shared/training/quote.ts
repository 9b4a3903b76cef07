// A quote for a training request, in integer cents: $1,320 per facilitator for each full 6-hour
// day, the remaining hours at $220 per facilitator-hour (coaching is all by the hour), preparation
// and follow-up coaching at $220 an hour, Going Deeper at $1,400 per participant for the year.
// What the district or school bears itself is listed, not priced.
import { offeringRules, type TrainingAsk } from "./offerings";

export const rates = { dayCents: 132_000, hourCents: 22_000, goingDeeperCents: 140_000, hoursPerDay: 6 } as const;

export interface QuoteLine {
  label: string;
  quantity: number;
  unit: string;
  unitCents: number;
  amountCents: number;
}

export interface Quote {
  lines: QuoteLine[];
  totalCents: number;
  /** Costs the district or school bears itself. */
  borneByClient: string[];
}

export const borneByClient = ["Facilitators' travel and accommodation", "Venue", "Refreshments", "Educator replacement (release time)"];

const line = (label: string, quantity: number, unit: string, unitCents: number): QuoteLine => ({ label, quantity, unit, unitCents, amountCents: Math.round(quantity * unitCents) });

/** The quote for a request that meets its offering's rules (checkAsk). */
export function quote(ask: TrainingAsk): Quote {
  const rules = offeringRules[ask.offering];
  const lines: QuoteLine[] = [];
  if (rules.billing === "per-participant") {
    lines.push(line(`${rules.name}: participants for the year`, ask.participants, "participant", rates.goingDeeperCents));
  } else if (rules.billing === "hourly") {
    lines.push(line(`${rules.name}: facilitator-hours`, ask.hours * ask.facilitators, "facilitator-hour", rates.hourCents));
  } else {
    const days = Math.floor(ask.hours / rates.hoursPerDay);
    const rest = ask.hours - days * rates.hoursPerDay;
    if (days > 0) lines.push(line(`${rules.name}: full days (6 hours) × ${ask.facilitators} ${ask.facilitators === 1 ? "facilitator" : "facilitators"}`, days * ask.facilitators, "facilitator-day", rates.dayCents));
    if (rest > 0) lines.push(line(`${rules.name}: remaining hours × ${ask.facilitators} ${ask.facilitators === 1 ? "facilitator" : "facilitators"}`, rest * ask.facilitators, "facilitator-hour", rates.hourCents));
  }
  if (ask.prepHours > 0) lines.push(line("Preparation and follow-up coaching", ask.prepHours, "hour", rates.hourCents));
  return { lines, totalCents: lines.reduce((sum, l) => sum + l.amountCents, 0), borneByClient };
}

const cad = new Intl.NumberFormat("en-CA", { style: "currency", currency: "CAD" });

/** "$5,280.00" */
export const formatCad = (cents: number) => cad.format(cents / 100);
