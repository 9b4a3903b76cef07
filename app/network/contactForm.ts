// A contact as a coordinator types it: checked in one place for adding and editing.
import { z } from "zod";
import type { ContactFields } from "../../db/queries/contacts";
import { parseForm, type FormFailure } from "../lib/forms";

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .default("")
    .transform((v) => v || null);

const schema = z.object({
  name: z.string().trim().min(1, "Give a name.").max(120, "At most 120 characters."),
  email: z.string().trim().max(254, "At most 254 characters.").pipe(z.email("Give an email address like name@example.org.")),
  organizationId: optional(40),
  role: optional(120),
  region: optional(80),
  notes: optional(2000),
  tags: z.string().max(400).default(""),
});

export function readContact(form: FormData): { ok: true; fields: ContactFields } | { ok: false; failure: FormFailure } {
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return parsed;
  return { ok: true, fields: { ...parsed.data, tags: parsed.data.tags.split(",") } };
}
