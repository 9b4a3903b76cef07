// What an evaluation survey is made of and how an answer is read: items (Likert by CSL domain,
// multiple choice, numbers, open text), the rounds each design has, the answer form's fields, and
// the pairing codes that link an anonymous person's pre and post answers without naming them.
import { z } from "zod";
import { domainIds, type DomainId } from "../domains";
import type { SurveyDesign, SurveyItemKind, SurveyRound } from "../../db/schema";

export const notTakingAnswers = "This survey is not taking answers now. Thank you all the same.";
export const alreadyAnswered = "You have already answered this survey. Thank you!";

export const likertLabels = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"] as const;
export const maxTextAnswer = 2000;
export const maxItems = 60;

export const designNames: Record<SurveyDesign, string> = {
  single: "One round",
  "pre-post": "Before and after (two rounds)",
  retrospective: "Retrospective: now, and before, asked together at the end",
};
export const roundNames: Record<SurveyRound, string> = { single: "the survey", pre: "the first round (before)", post: "the second round (after)" };

export function roundsOf(design: SurveyDesign): SurveyRound[] {
  return design === "pre-post" ? ["pre", "post"] : ["single"];
}

export interface SurveyItem {
  id: string;
  kind: SurveyItemKind;
  domain: DomainId | null;
  prompt: string;
  choices: string[];
  min: number | null;
  max: number | null;
}

/** A retrospective survey asks each Likert item twice: before the training (then), and now. */
export function phasesOf(design: SurveyDesign, item: Pick<SurveyItem, "kind">): ("then" | "now")[] {
  return design === "retrospective" && item.kind === "likert" ? ["then", "now"] : ["now"];
}

export const fieldName = (itemId: string, phase: "then" | "now") => `item-${itemId}-${phase}`;

const optionalDomain = z.preprocess((v) => v || undefined, z.enum(domainIds).optional());
const prompt = z.string().trim().min(1, "Write the question.").max(500, "Keep a question under 500 characters.");
export const itemForm = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("likert"), prompt, domain: z.preprocess((v) => v || undefined, z.enum(domainIds, { message: "Choose the domain this statement is about." })) }),
    z.object({
      kind: z.literal("choice"),
      prompt,
      domain: optionalDomain,
      choices: z
        .string()
        .transform((s) => [...new Set(s.split("\n").map((line) => line.trim()).filter(Boolean))])
        .pipe(z.array(z.string().max(120, "Keep each choice under 120 characters.")).min(2, "Give at least two choices, one a line.").max(12, "Twelve choices at most.")),
    }),
    z.object({
      kind: z.literal("number"),
      prompt,
      domain: optionalDomain,
      min: z.coerce.number().int("Whole numbers only.").min(-1_000_000).max(1_000_000),
      max: z.coerce.number().int("Whole numbers only.").min(-1_000_000).max(1_000_000),
    }),
    z.object({ kind: z.literal("text"), prompt, domain: optionalDomain }),
  ])
  .refine((item) => item.kind !== "number" || item.min < item.max, { message: "The smallest answer must be below the largest.", path: ["max"] });

export type ItemInput = z.infer<typeof itemForm>;

export type Answer = { itemId: string; phase: "then" | "now"; number: number | null; text: string | null };
export type ReadAnswers = { ok: true; answers: Answer[] } | { ok: false; errors: Record<string, string> };

/**
 * Reads one person's answers from the form. Every closed question must be answered, inside its
 * scale; open text may be left empty. Fields for questions the survey does not have are ignored.
 */
export function readAnswers(design: SurveyDesign, items: SurveyItem[], form: Record<string, string>): ReadAnswers {
  const answers: Answer[] = [];
  const errors: Record<string, string> = {};
  for (const item of items) {
    for (const phase of phasesOf(design, item)) {
      const name = fieldName(item.id, phase);
      const raw = (form[name] ?? "").trim();
      if (item.kind === "text") {
        if (raw.length > maxTextAnswer) errors[name] = `Keep this answer under ${maxTextAnswer.toLocaleString("en-CA")} characters.`;
        else if (raw) answers.push({ itemId: item.id, phase, number: null, text: raw });
        continue;
      }
      if (!raw) {
        errors[name] = "Please answer this question.";
        continue;
      }
      const value = Number(raw);
      const [low, high] = item.kind === "likert" ? [1, 5] : item.kind === "choice" ? [0, item.choices.length - 1] : [item.min ?? -Infinity, item.max ?? Infinity];
      if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value) || value < low || value > high) {
        errors[name] = item.kind === "number" ? `Give a whole number from ${low} to ${high}.` : "Choose one of the answers given.";
        continue;
      }
      answers.push({ itemId: item.id, phase, number: value, text: null });
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers };
}

/** A pairing code as the person may type it again: letters and digits, case and spaces aside. */
export const normalizeCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, "");

/** A code made of answers the person can give again, never stored as given. */
export function derivedCode(parts: { parent: string; day: string; town: string }): string | null {
  const parent = normalizeCode(parts.parent).slice(0, 2);
  const town = normalizeCode(parts.town).slice(-2);
  const day = Number.parseInt(parts.day, 10);
  if (parent.length < 2 || town.length < 2 || !(day >= 1 && day <= 31)) return null;
  return `${parent}${String(day).padStart(2, "0")}${town}`;
}

const words = ["CEDAR", "RIVER", "MAPLE", "HERON", "TIDE", "FERN", "ALDER", "OTTER", "STONE", "WILLOW", "SALMON", "RAVEN", "MEADOW", "CLOUD", "EMBER", "ORCA"];
/** A code given to the person to keep: a word and four digits, from the randomness given. */
export function givenCode(random: (n: number) => number): string {
  return `${words[random(words.length)]}-${String(random(10_000)).padStart(4, "0")}`;
}

/** Whether an open-text answer seems to name a person or hold contact details: kept out of research exports, for review. */
export function namesSomeone(text: string, knownNames: readonly string[] = []): boolean {
  if (/[^\s@]+@[^\s@]+\.[^\s@]+/.test(text) || /@\w/.test(text)) return true;
  if (/(\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}/.test(text)) return true;
  if (/\b(Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z]/.test(text)) return true;
  const wordsOfText = new Set(text.toLowerCase().split(/[^\p{L}'-]+/u));
  return knownNames.some((name) => name.toLowerCase().split(/[^\p{L}'-]+/u).some((part) => part.length >= 3 && wordsOfText.has(part)));
}

/** The platform's own starting set: three statements for each CSL domain, and one open question. */
export const cslTemplate: ItemInput[] = [
  { kind: "likert", domain: "self", prompt: "I notice my own thoughts and feelings as they arise." },
  { kind: "likert", domain: "self", prompt: "I take time to reflect on my practice." },
  { kind: "likert", domain: "self", prompt: "I can pause before I respond under pressure." },
  { kind: "likert", domain: "each-other", prompt: "I listen to understand, not to respond." },
  { kind: "likert", domain: "each-other", prompt: "I can stay in a conversation where views differ." },
  { kind: "likert", domain: "each-other", prompt: "I ask questions that open up others' thinking." },
  { kind: "likert", domain: "system", prompt: "I can see how the parts of my system affect each other." },
  { kind: "likert", domain: "system", prompt: "I look for the patterns behind problems that recur." },
  { kind: "likert", domain: "system", prompt: "I consider how my actions affect others in the system." },
  { kind: "text", prompt: "What, if anything, has changed in your practice?" },
];
