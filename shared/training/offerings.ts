// The network's training offerings and the rules a request for each must meet, in words a district
// reads beside the field. Checked on the server (and shown in the form) from this one table.

export const offerings = ["introduction", "district-planning", "school-based", "early-learning", "practicing", "going-deeper"] as const;
export type Offering = (typeof offerings)[number];

export interface OfferingRules {
  name: string;
  /** Billed by the hour with no day rate (coaching), or per participant for the year (Going Deeper). */
  billing: "days-and-hours" | "hourly" | "per-participant";
  minHours?: number;
  maxHours?: number;
  /** Below this, a notice (not a refusal). */
  recommendedHours?: number;
  maxParticipants?: number;
  /** The rules in words, shown beside the hours field. */
  rule: string;
}

export const offeringRules: Record<Offering, OfferingRules> = {
  introduction: { name: "Introduction to CSL", billing: "days-and-hours", minHours: 12, maxHours: 20, maxParticipants: 250, rule: "12 to 20 hours, for up to 250 participants." },
  "district-planning": { name: "Using CSL for District Planning", billing: "days-and-hours", minHours: 6, rule: "At least 6 hours." },
  "school-based": { name: "School-Based CSL", billing: "days-and-hours", minHours: 6, rule: "At least 6 hours." },
  "early-learning": { name: "CSL in Early Learning", billing: "days-and-hours", minHours: 3, recommendedHours: 6, rule: "At least 3 hours; 6 are recommended." },
  practicing: { name: "Practicing CSL (coaching)", billing: "hourly", rule: "Billed by the hour, with no minimum or maximum." },
  "going-deeper": { name: "Going Deeper (a year-long cohort)", billing: "per-participant", rule: "A year-long cohort, billed per participant." },
};

/** The most anyone asks for, beyond which a number is a mistake, not a request. */
export const limits = { hours: 200, participants: 1000, facilitators: 10, prepHours: 100 } as const;

export interface TrainingAsk {
  offering: Offering;
  hours: number;
  participants: number;
  facilitators: number;
  /** Preparation and follow-up coaching. */
  prepHours: number;
}

export interface RuleCheck {
  /** A refusal per field, with the rule in words. */
  problems: Partial<Record<keyof TrainingAsk, string>>;
  /** What is allowed but worth saying (e.g. below the recommended hours). */
  notices: string[];
}

const isHalfHours = (n: number) => Number.isFinite(n) && Math.round(n * 2) === n * 2;

/** Whether a request meets its offering's rules; every problem named beside its field. */
export function checkAsk(ask: TrainingAsk): RuleCheck {
  const rules = offeringRules[ask.offering];
  const problems: RuleCheck["problems"] = {};
  const notices: string[] = [];
  if (rules.billing !== "per-participant") {
    if (!isHalfHours(ask.hours) || ask.hours <= 0) problems.hours = "Give the hours as a positive number, in whole or half hours.";
    else if (ask.hours > limits.hours) problems.hours = `At most ${limits.hours} hours in one request.`;
    else if (rules.minHours !== undefined && ask.hours < rules.minHours) problems.hours = `${rules.name}: ${rules.rule}`;
    else if (rules.maxHours !== undefined && ask.hours > rules.maxHours) problems.hours = `${rules.name}: ${rules.rule}`;
    else if (rules.recommendedHours !== undefined && ask.hours < rules.recommendedHours) notices.push(`${rules.name} is possible in ${ask.hours} hours; ${rules.recommendedHours} are recommended.`);
  }
  if (!Number.isInteger(ask.participants) || ask.participants < 1) problems.participants = "Give the number of participants as a whole number, 1 or more.";
  else if (ask.participants > (rules.maxParticipants ?? limits.participants)) problems.participants = rules.maxParticipants ? `${rules.name}: ${rules.rule}` : `At most ${limits.participants} participants in one request.`;
  if (rules.billing !== "per-participant") {
    if (!Number.isInteger(ask.facilitators) || ask.facilitators < 1) problems.facilitators = "Give the number of facilitators as a whole number, 1 or more.";
    else if (ask.facilitators > limits.facilitators) problems.facilitators = `At most ${limits.facilitators} facilitators.`;
  }
  if (!isHalfHours(ask.prepHours) || ask.prepHours < 0) problems.prepHours = "Give preparation and coaching as hours (0 or more), in whole or half hours.";
  else if (ask.prepHours > limits.prepHours) problems.prepHours = `At most ${limits.prepHours} hours of preparation and coaching.`;
  return { problems, notices };
}
