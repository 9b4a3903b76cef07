// Field rules used by more than one form.
import { z } from "zod";
import { passwordProblem } from "../../server/auth/passwordStrength";

export const emailField = z
  .string({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address")
  .max(254, "That email address is too long")
  .pipe(z.email("Enter an email address like name@school.ca"));

/** A new password: long enough, and hard to guess (server/auth/passwordStrength.ts). */
export const newPasswordField = z
  .string({ error: "Choose a password" })
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters")
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** The person's own name and email make a password easy to guess too. */
export const notFromOwnDetails = (password: string, ...details: Array<string | undefined>) => passwordProblem(password, details.filter((d): d is string => Boolean(d)));

export const nameField = z.string({ error: "Enter your name" }).trim().min(1, "Enter your name").max(100, "Keep your name under 100 characters");

export const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => (value ? value : null));

export const signupSchema = z
  .object({ name: nameField, email: emailField, password: newPasswordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same" })
  .superRefine((v, ctx) => {
    const problem = notFromOwnDetails(v.password, v.name, v.email);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
