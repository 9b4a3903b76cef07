// How well a mentor and a mentee fit: hard rules first (any one makes the pair infeasible), then a
// score out of the cycle's weights with each criterion's contribution in plain words. Points are
// whole numbers and the parts always add up to the score.
import {
  criteria,
  domainNames,
  sectorNames,
  timeWindowNames,
  type ChoiceQuestion,
  type Criterion,
  type MenteeProfile,
  type MentorProfile,
  type Rules,
  type Weights,
} from "./profiles";

export interface ScorePart {
  /** A criterion, or `question-<k>` for the cycle's k-th multiple-choice question. */
  criterion: Criterion | `question-${number}`;
  points: number;
  outOf: number;
  text: string;
}

export type Infeasibility = "language" | "time" | "mode" | "mentee-avoids" | "mentor-avoids" | "same-organization" | "far-in-person" | "previous-partners" | "forbidden";

export const infeasibilityText: Record<Infeasibility, string> = {
  language: "share no language",
  time: "have no time window in common",
  mode: "have no way of meeting in common (in person or virtual)",
  "mentee-avoids": "are on the mentee's list of people to avoid",
  "mentor-avoids": "asked not to be paired with this mentee",
  "same-organization": "work in the same organization",
  "far-in-person": "could meet only in person but are in different regions",
  "previous-partners": "were partners in an earlier cycle",
  forbidden: "were ruled out by the coordinator",
};

export type PairScore = { feasible: true; score: number; parts: ScorePart[] } | { feasible: false; reasons: Infeasibility[] };

export interface PairContext {
  weights: Weights;
  rules: Rules;
  /** "mentorId:menteeId" of earlier partners. */
  previous?: ReadonlySet<string>;
  /** "mentorId:menteeId" the coordinator has ruled out. */
  forbidden?: ReadonlySet<string>;
  /** The cycle's multiple-choice questions: the same answer earns each one's points. */
  questions?: readonly ChoiceQuestion[];
}

export const pairKey = (mentorId: string, menteeId: string) => `${mentorId}:${menteeId}`;
const listWords = (items: string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

// Languages, region and district compared without case, computed once per profile.
interface Normal {
  languages: string[];
  region: string;
  district: string;
}
const normalCache = new WeakMap<object, Normal>();
const normal = (profile: { languages: string[]; region: string; district: string }) => {
  let cached = normalCache.get(profile);
  if (!cached) {
    cached = { languages: profile.languages.map((l) => l.trim().toLowerCase()), region: profile.region.trim().toLowerCase(), district: profile.district.trim().toLowerCase() };
    normalCache.set(profile, cached);
  }
  return cached;
};
const overlaps = <T>(a: readonly T[], b: readonly T[]) => {
  for (const x of a) if (b.includes(x)) return true;
  return false;
};
const countShared = <T>(a: readonly T[], b: readonly T[]) => {
  let n = 0;
  for (const x of a) if (b.includes(x)) n++;
  return n;
};

/** Every hard rule the pair breaks, in order; with `stopAtFirst`, only whether it breaks one. */
function brokenRules(mentor: MentorProfile, mentee: MenteeProfile, context: PairContext, stopAtFirst: boolean): Infeasibility[] {
  const reasons: Infeasibility[] = [];
  if (!overlaps(normal(mentee).languages, normal(mentor).languages)) reasons.push("language");
  if (stopAtFirst && reasons.length) return reasons;
  if (!overlaps(mentee.availability, mentor.availability)) reasons.push("time");
  if (!overlaps(mentee.modes, mentor.modes)) reasons.push("mode");
  if (mentee.avoid.includes(mentor.userId)) reasons.push("mentee-avoids");
  if (mentor.avoid.includes(mentee.userId)) reasons.push("mentor-avoids");
  if (context.rules.notSameOrganization && mentor.organizationId !== null && mentor.organizationId === mentee.organizationId) reasons.push("same-organization");
  if (context.rules.sameRegionInPerson && !(mentee.modes.includes("virtual") && mentor.modes.includes("virtual")) && normal(mentor).region !== normal(mentee).region) reasons.push("far-in-person");
  if (stopAtFirst && reasons.length) return reasons;
  if ((context.rules.excludePrevious && context.previous?.size) || context.forbidden?.size) {
    const key = pairKey(mentor.userId, mentee.userId);
    if (context.rules.excludePrevious && context.previous?.has(key)) reasons.push("previous-partners");
    if (context.forbidden?.has(key)) reasons.push("forbidden");
  }
  return reasons;
}

export function infeasibilities(mentor: MentorProfile, mentee: MenteeProfile, context: PairContext): Infeasibility[] {
  return brokenRules(mentor, mentee, context, false);
}

/** The fraction of a criterion's points a pair earns. */
function shareOf(criterion: Criterion, mentor: MentorProfile, mentee: MenteeProfile): number {
  switch (criterion) {
    case "domain":
      return countShared(mentee.focus, mentor.strengths) / mentee.focus.length;
    case "sector":
      return overlaps(mentee.sectors, mentor.sectors) ? 1 : 0;
    case "region":
      return normal(mentor).region === normal(mentee).region ? 1 : 0;
    case "experience": {
      const gap = mentor.yearsPractice - mentee.yearsPractice;
      return gap <= 0 ? 0 : gap < 3 ? 0.5 : gap <= 10 ? 1 : 0.75;
    }
    case "availability":
      return countShared(mentee.availability, mentor.availability) / mentee.availability.length;
    case "preferences": {
      if (mentee.preferredMentor === mentor.userId) return 1;
      if (mentee.districtPreference === "either") return 0.5;
      const sameDistrict = normal(mentor).district !== "" && normal(mentor).district === normal(mentee).district;
      return (mentee.districtPreference === "same") === sameDistrict ? 0.5 : 0;
    }
  }
}

/** Why a pair earns what it does on a criterion, in words. */
function textOf(criterion: Criterion, mentor: MentorProfile, mentee: MenteeProfile): string {
  switch (criterion) {
    case "domain": {
      const matched = mentee.focus.filter((d) => mentor.strengths.includes(d));
      if (matched.length === 0) return `the mentor's strengths are not in the mentee's focus (${listWords(mentee.focus.map((d) => domainNames[d]))})`;
      const rest = mentee.focus.filter((d) => !matched.includes(d));
      // Partial credit says what is missing, so the points add up in words too.
      const missing = rest.length ? `; ${listWords(rest.map((d) => domainNames[d]))}, the rest of the mentee's focus, ${rest.length === 1 ? "is" : "are"} not among the mentor's strengths` : "";
      return `the mentor's strength in ${listWords(matched.map((d) => domainNames[d]))} matches the mentee's goal${missing}`;
    }
    case "sector": {
      const shared = mentee.sectors.find((s) => mentor.sectors.includes(s));
      return shared ? `both work in ${sectorNames[shared]}` : `they work in different sectors (${sectorNames[mentor.sectors[0]]} and ${sectorNames[mentee.sectors[0]]})`;
    }
    case "region":
      return normal(mentor).region === normal(mentee).region ? `both are in ${mentee.region}` : `they are in different regions (${mentor.region} and ${mentee.region})`;
    case "experience": {
      const gap = mentor.yearsPractice - mentee.yearsPractice;
      if (gap <= 0) return "the mentor has no more years of CSL practice than the mentee";
      if (gap < 3) return `the mentor has ${gap} more ${gap === 1 ? "year" : "years"} of CSL practice, a small gap`;
      if (gap <= 10) return `the mentor has ${gap} more years of CSL practice`;
      return `the mentor has ${gap} more years of CSL practice, a wide gap`;
    }
    case "availability":
      return `both are free ${listWords(mentee.availability.filter((w) => mentor.availability.includes(w)).map((w) => timeWindowNames[w]))}`;
    case "preferences": {
      if (mentee.preferredMentor === mentor.userId) return "the mentee asked for this mentor";
      if (mentee.districtPreference === "either") return "the mentee has no district preference";
      const wanted = `the mentee wanted a mentor from ${mentee.districtPreference === "same" ? "the same" : "a different"} district`;
      return shareOf("preferences", mentor, mentee) > 0 ? wanted : `${wanted}, and this one is not`;
    }
  }
}

/** Whether both chose the same option of a question (an unanswered one never matches). */
const sameChoice = (question: ChoiceQuestion, mentor: MentorProfile, mentee: MenteeProfile) => {
  const a = mentor.choices?.[question.text];
  return a !== undefined && a === mentee.choices?.[question.text];
};

function choiceText(question: ChoiceQuestion, mentor: MentorProfile, mentee: MenteeProfile): string {
  const a = mentor.choices?.[question.text];
  const b = mentee.choices?.[question.text];
  if (a === undefined || b === undefined) return `“${question.text}” is not answered by ${a === undefined && b === undefined ? "either" : a === undefined ? "the mentor" : "the mentee"}`;
  return a === b ? `both answered “${a}” to “${question.text}”` : `they answered “${question.text}” differently (the mentor “${a}”, the mentee “${b}”)`;
}

/** A pair's score with each criterion's part in words, or why the pair cannot be. */
export function scorePair(mentor: MentorProfile, mentee: MenteeProfile, context: PairContext): PairScore {
  const reasons = infeasibilities(mentor, mentee, context);
  if (reasons.length) return { feasible: false, reasons };
  const parts: ScorePart[] = criteria.map((criterion) => {
    const outOf = context.weights[criterion];
    return { criterion, points: Math.round(shareOf(criterion, mentor, mentee) * outOf), outOf, text: textOf(criterion, mentor, mentee) };
  });
  (context.questions ?? []).forEach((question, k) => {
    parts.push({ criterion: `question-${k}`, points: sameChoice(question, mentor, mentee) ? question.points : 0, outOf: question.points, text: choiceText(question, mentor, mentee) });
  });
  return { feasible: true, score: parts.reduce((n, p) => n + p.points, 0), parts };
}

/** The same score without the words, or null when infeasible: for scoring every pair at once. */
export function scoreOnly(mentor: MentorProfile, mentee: MenteeProfile, context: PairContext): number | null {
  if (brokenRules(mentor, mentee, context, true).length) return null;
  let score = 0;
  for (let c = 0; c < criteria.length; c++) score += Math.round(shareOf(criteria[c], mentor, mentee) * context.weights[criteria[c]]);
  if (context.questions) for (const question of context.questions) if (sameChoice(question, mentor, mentee)) score += question.points;
  return score;
}
