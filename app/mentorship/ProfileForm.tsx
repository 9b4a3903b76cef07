// The intake form of a cycle: the same form for mentors and mentees, with the part for each role
// marked, so that it works without JavaScript.
import { Form } from "react-router";
import { Button, FormError } from "../components/ui";
import { domainNames, domains, sectorNames, sectors, timeWindowNames, timeWindows, type ChoiceQuestion } from "../../shared/mentorship/profiles";

const box = "rounded-md border border-stone-400 bg-white px-3 py-2 dark:border-stone-600 dark:bg-stone-900";

function Checks({ legend, name, options, checked, error }: { legend: string; name: string; options: [string, string][]; checked: string[]; error?: string }) {
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map(([value, label]) => (
          <label key={value} className="text-sm">
            <input type="checkbox" name={name} value={value} defaultChecked={checked.includes(value)} /> {label}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${name}-error`} className="mt-1 text-sm text-red-800 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function Text({ label, name, value, error, hint, type = "text" }: { label: string; name: string; value: string; error?: string; hint?: string; type?: string }) {
  return (
    <label className="block text-sm font-medium">
      {label}
      <input type={type} name={name} defaultValue={value} className={`${box} mt-1 block w-full font-normal`} aria-invalid={error ? true : undefined} />
      {hint ? <span className="block font-normal text-stone-700 dark:text-stone-300">{hint}</span> : null}
      {error ? <span className="block font-normal text-red-800 dark:text-red-300">{error}</span> : null}
    </label>
  );
}

export interface ProfileFormProps {
  role: "mentor" | "mentee";
  answers: Record<string, unknown>;
  errors: Record<string, string>;
  regions: string[];
  /** The names of those the person would rather not be matched with, as saved. */
  savedAvoidNames: string;
  mentors: { id: string; name: string }[];
  questions: string[];
  /** The cycle's multiple-choice questions, answered with one option each. */
  choiceQuestions?: ChoiceQuestion[];
  saved: boolean;
  /** Stable cycles: mentors see mentees' goals and focus to say whom they would like (the form says so). */
  mentorsSeeGoals?: boolean;
}

export function ProfileForm({ role, answers, errors, regions, savedAvoidNames, mentors, questions, choiceQuestions = [], saved, mentorsSeeGoals = false }: ProfileFormProps) {
  const a = (key: string) => answers[key];
  const strings = (key: string) => (Array.isArray(a(key)) ? (a(key) as string[]) : []);
  const text = (key: string, fallback = "") => (a(key) === undefined || a(key) === null ? fallback : Array.isArray(a(key)) ? (a(key) as string[]).join(", ") : String(a(key)));
  const extra = (a("extra") ?? {}) as Record<string, string>;
  // After a failed submit, what was typed; else the saved ids as names.
  const avoidNames = typeof a("avoidNames") === "string" ? String(a("avoidNames")) : savedAvoidNames;
  return (
    <Form method="post" className="space-y-5">
      <input type="hidden" name="intent" value="profile" />
      {saved ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
          Saved. Coordinators see your answers, and your partner once you are matched.
        </p>
      ) : null}
      <FormError message={Object.keys(errors).length ? "Some answers need another look; see below." : null} />
      <fieldset>
        <legend className="font-medium">I take part as</legend>
        <label className="mr-4">
          <input type="radio" name="role" value="mentee" defaultChecked={role === "mentee"} /> a mentee, new to CSL practice
        </label>
        <label>
          <input type="radio" name="role" value="mentor" defaultChecked={role === "mentor"} /> a mentor, experienced in CSL practice
        </label>
      </fieldset>
      <div className="grid gap-4 md:grid-cols-2">
        <Text label="Years of CSL practice" name="yearsPractice" type="number" value={text("yearsPractice", "0")} error={errors.yearsPractice} />
        <label className="block text-sm font-medium">
          Region
          <select name="region" defaultValue={text("region")} className={`${box} mt-1 block w-full font-normal`}>
            <option value="">Choose…</option>
            {regions.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
          {errors.region ? <span className="block font-normal text-red-800 dark:text-red-300">{errors.region}</span> : null}
        </label>
        <Text label="School district" name="district" value={text("district")} hint="For example 61 or Greater Victoria" />
        <Text label="Languages" name="languages" value={text("languages", "English")} hint="Separated by commas" error={errors.languages} />
      </div>
      <Checks legend="Sectors" name="sectors" options={sectors.map((s) => [s, sectorNames[s]])} checked={strings("sectors")} error={errors.sectors} />
      <Checks legend="When I am free" name="availability" options={timeWindows.map((w) => [w, timeWindowNames[w]])} checked={strings("availability")} error={errors.availability} />
      <Checks
        legend="How we can meet"
        name="modes"
        options={[
          ["virtual", "Virtual"],
          ["in-person", "In person"],
        ]}
        checked={strings("modes")}
        error={errors.modes}
      />

      <section aria-labelledby="mentee-part" className="space-y-4 rounded-lg border border-stone-200 p-4 dark:border-stone-800">
        <h3 id="mentee-part" className="font-semibold">
          If you are a mentee
        </h3>
        <label className="block text-sm font-medium">
          What you hope to work on
          <textarea name="goals" rows={3} maxLength={2000} defaultValue={text("goals")} className={`${box} mt-1 block w-full font-normal`} />
          {errors.goals ? <span className="block font-normal text-red-800 dark:text-red-300">{errors.goals}</span> : null}
        </label>
        <Checks legend="Domains to focus on" name="focus" options={domains.map((d) => [d, domainNames[d]])} checked={strings("focus")} error={errors.focus} />
        <label className="block text-sm font-medium">
          A mentor from
          <select name="districtPreference" defaultValue={text("districtPreference", "either")} className={`${box} mt-1 block font-normal`}>
            <option value="either">any district</option>
            <option value="same">my own district</option>
            <option value="different">a different district</option>
          </select>
        </label>
        <fieldset>
          <legend className="text-sm font-medium">Mentors you would like, in order of choice (optional)</legend>
          <div className="mt-1 grid gap-2 sm:grid-cols-3">
            {["First choice", "Second choice", "Third choice"].map((label, k) => {
              const name = k === 0 ? "preferredMentor" : `preferredMentor${k + 1}`;
              const chosen = text(name) || (strings("rankedMentors")[k] ?? "");
              return (
                <label key={name} className="block text-sm">
                  {label}
                  <select name={name} defaultValue={chosen} className={`${box} mt-1 block w-full font-normal`}>
                    <option value="">No one in particular</option>
                    {mentors.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                </label>
              );
            })}
          </div>
          {mentorsSeeGoals ? <p className="mt-1 text-sm text-stone-700 dark:text-stone-300">In this cycle, mentors see your goals and focus to say whom they would especially like to mentor.</p> : null}
        </fieldset>
      </section>

      <section aria-labelledby="mentor-part" className="space-y-4 rounded-lg border border-stone-200 p-4 dark:border-stone-800">
        <h3 id="mentor-part" className="font-semibold">
          If you are a mentor
        </h3>
        <Text label="Roles you have held" name="roles" value={text("roles")} hint="Separated by commas, like classroom teacher, vice-principal" />
        <Checks legend="Your strengths" name="strengths" options={domains.map((d) => [d, domainNames[d]])} checked={strings("strengths")} error={errors.strengths} />
        <Text label="How many mentees you can take" name="capacity" type="number" value={text("capacity", "1")} error={errors.capacity} />
      </section>

      <label className="block text-sm font-medium">
        People you would rather not be matched with (optional, private to coordinators)
        <input name="avoidNames" defaultValue={avoidNames} maxLength={2000} className={`${box} mt-1 block w-full font-normal`} aria-describedby="avoid-hint" />
        <span id="avoid-hint" className="block font-normal text-stone-700 dark:text-stone-300">
          Their names as this cycle knows them, separated by commas.
        </span>
        {errors.avoid ? <span className="block font-normal text-red-800 dark:text-red-300">{errors.avoid}</span> : null}
      </label>
      {choiceQuestions.map((q, i) => {
        // After a failed submit the raw field, else the saved answer.
        const chosen = text(`choice-${i}`) || ((a("choices") ?? {}) as Record<string, string>)[q.text] || "";
        return (
          <fieldset key={q.text}>
            <legend className="text-sm font-medium">{q.text}</legend>
            <div className="mt-1 flex flex-wrap gap-4 text-sm">
              {q.options.map((option) => (
                <label key={option}>
                  <input type="radio" name={`choice-${i}`} value={option} defaultChecked={chosen === option} /> {option}
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      {questions.map((q, i) => (
        <label key={q} className="block text-sm font-medium">
          {q}
          <textarea name={`extra-${i}`} rows={2} maxLength={2000} defaultValue={extra[q] ?? ""} className={`${box} mt-1 block w-full font-normal`} />
        </label>
      ))}
      <Button>Save my answers</Button>
    </Form>
  );
}
