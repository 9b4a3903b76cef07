// Form handling shared by every action: parse with zod, and on failure answer 400 with a
// message per field and the values the person typed (passwords excepted).
import { data } from "react-router";
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export interface FormFailure {
  errors: FieldErrors;
  values: Record<string, string>;
  formError?: string;
}

export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !/password/i.test(key)) values[key] = value;
  }
  return values;
}

export function parseForm<T extends z.ZodType>(
  schema: T,
  form: FormData,
  input: Record<string, unknown> = Object.fromEntries(form.entries()),
): { ok: true; data: z.infer<T> } | { ok: false; failure: FormFailure } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return { ok: false, failure: { errors, values: formValues(form) } };
}

export function invalid(failure: FormFailure) {
  return data(failure, { status: 400 });
}

export function formError(form: FormData, message: string, status = 400) {
  return data({ errors: {}, values: formValues(form), formError: message } satisfies FormFailure, { status });
}

/** Reads the form of a request; a body that is not a form is the sender's mistake. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data("This request did not carry a form.", { status: 400 });
  }
}

export const failureOf = (actionData: unknown): FormFailure | undefined =>
  actionData && typeof actionData === "object" && "errors" in actionData ? (actionData as FormFailure) : undefined;

/** Destructive actions are confirmed (ConfirmAction sends confirmed=yes); a bare request is refused. */
export const confirmed = (form: FormData) => form.get("confirmed") === "yes";
