// The fields of a journal entry, for a new entry and for editing one.
import { Field, Select, TextArea } from "../components/ui";
import type { FieldErrors } from "../lib/forms";
import { domainIds, domains } from "../../shared/domains";
import { maxEntryChars } from "../../shared/journal/entries";

export interface EntryValues {
  date: string;
  domain: string;
  prompt: string;
  text: string;
}

export function EntryFields({ values, errors }: { values: EntryValues; errors?: FieldErrors }) {
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Day" name="date" type="date" required defaultValue={values.date} error={errors?.date} />
        <Select
          label="Domain"
          name="domain"
          defaultValue={values.domain}
          error={errors?.domain}
          options={[{ value: "", label: "None" }, ...domainIds.map((id) => ({ value: id, label: `${domains[id].label}: ${domains[id].summary.toLowerCase()}` }))]}
        />
      </div>
      <Field label="Prompt (optional)" name="prompt" defaultValue={values.prompt} error={errors?.prompt} maxLength={500} />
      <TextArea
        label="Your reflection"
        name="text"
        rows={10}
        defaultValue={values.text}
        error={errors?.text}
        hint={`Only you can read this. Up to ${maxEntryChars.toLocaleString("en-CA")} characters.`}
      />
    </div>
  );
}
