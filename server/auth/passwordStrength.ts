// New passwords must be hard to guess: zxcvbn-ts estimates how many guesses a cracker needs,
// knowing 40,000 common passwords, English words, names, keyboard patterns, dates and l33t
// speak, and the person's own name and email. Score 3 ("safely unguessable") or more passes.
// The demo network's published password is refused outright.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { demoPassword } from "../../db/seed";

let checker: ZxcvbnFactory | undefined;
const zxcvbn = () =>
  (checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, platform: ["csl", "commons", "compassionate", "systems", "leadership", "circle", "practice", demoPassword] },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  }));

/** Why this password would be easy to guess, in words for the person choosing it; null when it is fine. */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  if (password.toLowerCase().includes(demoPassword)) return "That is the demo network's published password. Choose one of your own.";
  const result = zxcvbn().check(password.slice(0, 100), userInputs.filter(Boolean));
  if (result.score >= 3) return null;
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(" ");
  return `This password would be easy to guess.${advice ? ` ${advice}` : ""} A few unrelated words together are strong and easy to remember.`;
}
