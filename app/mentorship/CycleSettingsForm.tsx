// The form for a cycle's settings: opening a cycle, and changing one until matching starts.
import { Form } from "react-router";
import { Button, Field, FormError, Select, TextArea } from "../components/ui";
import type { FormFailure } from "../lib/forms";
import { criteria, criterionNames, maxChoiceQuestions } from "../../shared/mentorship/profiles";

export const modeNames = {
  exact: "Best overall (exact)",
  stable: "Stable matching",
  choice: "Mentees choose from a shortlist",
} as const;

const rules = [
  { name: "notSameOrganization", label: "Never pair people from the same school or district office" },
  { name: "excludePrevious", label: "Never pair earlier partners again" },
  { name: "sameRegionInPerson", label: "Pairs who can meet only in person are in the same region" },
] as const;

/**
 * `values` are the settings as strings (settingsFormValues); after a failed submit, what was typed.
 * Checkboxes are on when their value is "on".
 */
export function CycleSettingsForm({ values, failure, intent, submitLabel, submitted }: { values: Record<string, string>; failure?: FormFailure; intent?: string; submitLabel: string; submitted?: boolean }) {
  const value = (name: string) => (failure ? (failure.values[name] ?? "") : (values[name] ?? ""));
  const error = (name: string) => failure?.errors[name];
  return (
    <Form method="post" className="grid gap-4 md:grid-cols-2">
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormError message={failure?.formError} />
      <Field label="Name" name="name" defaultValue={value("name")} error={error("name")} placeholder="Mentorship 2026–27" />
      <Select label="How pairs are made" name="mode" defaultValue={value("mode")} options={Object.entries(modeNames).map(([v, label]) => ({ value: v, label }))} error={error("mode")} />
      <Field label="Intake opens" name="intakeOpens" type="date" defaultValue={value("intakeOpens")} error={error("intakeOpens")} />
      <Field label="Intake closes" name="intakeCloses" type="date" defaultValue={value("intakeCloses")} error={error("intakeCloses")} />
      <Field label="Matching date" name="matchingDate" type="date" defaultValue={value("matchingDate")} error={error("matchingDate")} />
      <Field label="Length (weeks)" name="lengthWeeks" type="number" defaultValue={value("lengthWeeks")} error={error("lengthWeeks")} />
      <Field label="Check-in every (days)" name="checkinDays" type="number" defaultValue={value("checkinDays")} error={error("checkinDays")} />
      <Field
        label="Days a mentor has to answer a request"
        name="requestDays"
        type="number"
        defaultValue={value("requestDays")}
        error={error("requestDays")}
        hint="When mentees choose: after this, the request lapses and the mentee chooses again."
      />
      <Field
        label="Mentees per mentor across all open cycles, at most"
        name="mentorLimit"
        type="number"
        defaultValue={value("mentorLimit")}
        error={error("mentorLimit")}
        hint="Blank for no limit. Counts the pairs a mentor holds in other cycles that are still open."
      />
      <TextArea label="Extra questions (one per line)" name="questions" rows={3} defaultValue={value("questions")} hint="Asked of everyone at intake; answers go to coordinators and, once matched, the partner." />
      <fieldset className="md:col-span-2">
        <legend className="font-medium">Points for each criterion (a perfect fit earns them all)</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          {criteria.map((c) => (
            <Field key={c} label={criterionNames[c]} name={`weight-${c}`} type="number" defaultValue={value(`weight-${c}`)} error={error(`weight-${c}`)} />
          ))}
        </div>
      </fieldset>
      <fieldset className="md:col-span-2">
        <legend className="font-medium">Multiple-choice questions (optional): a mentor and mentee who choose the same answer earn its points</legend>
        {Array.from({ length: maxChoiceQuestions }, (_, k) => (
          <div key={k} className="mt-2 grid gap-3 sm:grid-cols-[2fr_2fr_1fr]">
            <Field label={`Question ${k + 1}`} name={`mcText-${k}`} defaultValue={value(`mcText-${k}`)} error={error(`mcText-${k}`)} placeholder={k === 0 ? "How would you like to meet?" : undefined} />
            <Field label={`Answers to question ${k + 1}, separated by semicolons`} name={`mcOptions-${k}`} defaultValue={value(`mcOptions-${k}`)} error={error(`mcOptions-${k}`)} placeholder={k === 0 ? "Walk and talk; video call; either" : undefined} />
            <Field label={`Points for question ${k + 1}`} name={`mcPoints-${k}`} type="number" defaultValue={value(`mcPoints-${k}`)} error={error(`mcPoints-${k}`)} />
          </div>
        ))}
      </fieldset>
      <fieldset className="md:col-span-2">
        <legend className="font-medium">Hard rules (besides capacity, a shared language and some shared time)</legend>
        {rules.map((rule) => (
          <label key={rule.name} className="mt-1 block">
            <input type="checkbox" name={rule.name} defaultChecked={value(rule.name) === "on"} /> {rule.label}
          </label>
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button>{submitLabel}</Button>
        {submitted ? <span role="status">Saved.</span> : null}
      </div>
    </Form>
  );
}

/** The settings in words, for a cycle whose matching has started. */
export function ruleWords(rulesOn: Record<string, boolean>): string[] {
  return [
    rulesOn.notSameOrganization ? "Never pairs people from the same school or district office" : "May pair people from the same organization",
    rulesOn.excludePrevious ? "Never pairs earlier partners again" : "May pair earlier partners again",
    rulesOn.sameRegionInPerson ? "Pairs who can meet only in person are in the same region" : "May pair people in different regions who can meet only in person",
  ];
}
