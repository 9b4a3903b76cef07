// The end-of-cycle survey both people in a pair answer for the program: a few statements on the
// three CSL domains and the program, each rated 1 to 5, and optional words. Its summary shows an
// average only for a group of at least `smallestGroup` respondents, so no one's answers can be read off.
import { z } from "zod";

export const surveyQuestions = [
  { key: "self", text: "The mentorship deepened my own practice of reflection and mindfulness" },
  { key: "eachOther", text: "It helped me hold more generative conversations with colleagues and young people" },
  { key: "system", text: "It helped me see and work with the systems around my work" },
  { key: "recommend", text: "I would recommend the mentorship program to a colleague" },
] as const;
export type SurveyKey = (typeof surveyQuestions)[number]["key"];

const rating = z.coerce.number({ error: "Choose from 1 to 5." }).int("Choose from 1 to 5.").min(1, "Choose from 1 to 5.").max(5, "Choose from 1 to 5.");
export const surveySchema = z.object({
  ...(Object.fromEntries(surveyQuestions.map((q) => [q.key, rating])) as Record<SurveyKey, typeof rating>),
  comment: z.string().trim().max(2000, "At most 2,000 characters.").default(""),
});
export type SurveyAnswers = z.infer<typeof surveySchema>;

/** The survey opens two weeks before the cycle ends, when the cycle closes, or when the pair ends. */
export const surveyOpensDaysBefore = 14;
export function surveyOpen(pair: { status: string }, cycle: { ends: Date; closed: boolean }, now: Date): boolean {
  if (pair.status === "ended") return true;
  if (pair.status !== "active") return false;
  return cycle.closed || now.getTime() >= cycle.ends.getTime() - surveyOpensDaysBefore * 86_400_000;
}

export interface SurveySummary {
  respondents: number;
  /** Average per question, or null for all when fewer than the smallest group answered. */
  averages: Record<SurveyKey, number> | null;
}

export function summarizeSurvey(responses: SurveyAnswers[], smallestGroup: number): SurveySummary {
  if (responses.length < smallestGroup) return { respondents: responses.length, averages: null };
  const mean = (key: SurveyKey) => Math.round((responses.reduce((n, r) => n + r[key], 0) / responses.length) * 10) / 10;
  return { respondents: responses.length, averages: Object.fromEntries(surveyQuestions.map((q) => [q.key, mean(q.key)])) as Record<SurveyKey, number> };
}
