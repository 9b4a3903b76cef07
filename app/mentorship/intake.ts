// Reading the intake form into a profile: checkboxes to lists, comma lists to lists, then the
// profile schema of the chosen role. The person's id, name and organization come from their account.
import { menteeSchema, mentorSchema } from "../../shared/mentorship/profiles";

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

export function readIntake(form: FormData, person: { id: string; name: string; organizationId: string | null }, questions: string[]) {
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
    avoid: list(form, "avoid").filter((id) => id !== person.id),
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
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.path[0] === "yearsPractice" ? "Give your years of CSL practice as a whole number." : issue.message;
    return { ok: false as const, role, errors };
  }
  const { userId: _id, name: _name, organizationId: _organization, ...answers } = parsed.data;
  return { ok: true as const, role, answers: { ...answers, extra } };
}
