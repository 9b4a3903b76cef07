// Reading the intake form into a profile: checkboxes to lists, comma lists to lists, then the
// profile schema of the chosen role. The person's id, name and organization come from their account.
import { menteeSchema, mentorSchema, type ChoiceQuestion } from "../../shared/mentorship/profiles";

const list = (form: FormData, name: string) => form.getAll(name).map(String);
const commaList = (form: FormData, name: string) =>
  String(form.get(name) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** A mentee's first, second and third choice of mentor, each once. */
function rankedChoices(form: FormData) {
  const ranked = [...new Set(["preferredMentor", "preferredMentor2", "preferredMentor3"].map((name) => String(form.get(name) ?? "")).filter(Boolean))];
  return { preferredMentor: ranked[0] ?? null, rankedMentors: ranked };
}

/** One answer per multiple-choice question, only among its options; an unanswered one is left out. */
function readChoices(form: FormData, questions: ChoiceQuestion[]): Record<string, string> {
  return Object.fromEntries(
    questions.flatMap((q, i) => {
      const chosen = String(form.get(`choice-${i}`) ?? "");
      return q.options.includes(chosen) ? [[q.text, chosen]] : [];
    }),
  );
}

/**
 * Whom a person would rather not be matched with, named (case aside) among the cycle's other
 * participants: every participant of a name given, and the names nobody has.
 */
function readAvoid(form: FormData, participants: { id: string; name: string }[], self: string) {
  const names = [
    ...new Set(
      String(form.get("avoidNames") ?? "")
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean),
    ),
  ];
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const found = participants.filter((p) => p.id !== self && p.name.toLowerCase() === name.toLowerCase());
    if (found.length) ids.push(...found.map((p) => p.id));
    else unknown.push(name);
  }
  return { ids: [...new Set(ids)], unknown };
}

export function readIntake(form: FormData, person: { id: string; name: string; organizationId: string | null }, questions: string[], choiceQuestions: ChoiceQuestion[] = [], participants: { id: string; name: string }[] = []) {
  const avoid = readAvoid(form, participants, person.id);
  const role: "mentor" | "mentee" = form.get("role") === "mentor" ? "mentor" : "mentee";
  const common = {
    userId: person.id,
    name: person.name,
    organizationId: person.organizationId,
    yearsPractice: Number(form.get("yearsPractice") ?? Number.NaN),
    sectors: list(form, "sectors"),
    region: String(form.get("region") ?? ""),
    district: String(form.get("district") ?? ""),
    languages: commaList(form, "languages"),
    availability: list(form, "availability"),
    modes: list(form, "modes"),
    avoid: avoid.ids,
    choices: readChoices(form, choiceQuestions),
  };
  const extra = Object.fromEntries(questions.map((q, i) => [q, String(form.get(`extra-${i}`) ?? "").slice(0, 2000)]));
  const parsed =
    role === "mentor"
      ? mentorSchema.safeParse({ ...common, roles: commaList(form, "roles"), strengths: list(form, "strengths"), capacity: Number(form.get("capacity") ?? Number.NaN) })
      : menteeSchema.safeParse({
          ...common,
          goals: String(form.get("goals") ?? ""),
          focus: list(form, "focus"),
          districtPreference: String(form.get("districtPreference") ?? "either"),
          ...rankedChoices(form),
        });
  if (!parsed.success || avoid.unknown.length) {
    const errors: Record<string, string> = {};
    if (avoid.unknown.length) errors.avoid = `No one else in this cycle is called ${avoid.unknown.map((n) => `“${n}”`).join(" or ")}.`;
    for (const issue of parsed.success ? [] : parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.path[0] === "yearsPractice" ? "Give your years of CSL practice as a whole number." : issue.message;
    return { ok: false as const, role, errors };
  }
  const { userId: _id, name: _name, organizationId: _organization, ...answers } = parsed.data;
  return { ok: true as const, role, answers: { ...answers, extra } };
}
