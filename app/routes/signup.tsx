import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/signup";
import { Button, Field, FormError } from "../components/ui";
import { signupSchema } from "../lib/fields";
import { failureOf, formError, invalid, parseForm, readForm } from "../lib/forms";
import { notFound, startSession } from "../lib/auth.server";
import { registerAccount } from "../lib/accounts.server";

export const meta = () => [{ title: "Create an account · CSL Commons" }];

export function loader({ context }: Route.LoaderArgs) {
  if (!context.services.config.OPEN_SIGNUP) notFound("Joining CSL Commons is by invitation. Ask a facilitator of your community for one.");
  if (context.auth) throw redirect("/");
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  if (!context.services.config.OPEN_SIGNUP) notFound();
  const form = await readForm(request);
  const parsed = parseForm(signupSchema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const user = await registerAccount(context, parsed.data);
  if (!user) return formError(form, "There is already an account with this email. Sign in, or reset your password.");
  return startSession(context, request, user.id, "/profile");
}

export default function Signup({ actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-semibold tracking-tight">Create your account</h1>
      <div className="mt-6 space-y-4">
        <FormError message={failure?.formError} />
        <Form method="post" className="space-y-4" noValidate>
          <Field label="Your name" name="name" autoComplete="name" required defaultValue={failure?.values.name} error={failure?.errors.name} />
          <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={failure?.values.email} error={failure?.errors.email} />
          <Field label="Password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters." required error={failure?.errors.password} />
          <Field label="Password again" name="confirm" type="password" autoComplete="new-password" required error={failure?.errors.confirm} />
          <Button>Create account</Button>
        </Form>
        <p className="text-sm">
          Already have an account? <Link to="/login">Sign in</Link>.
        </p>
      </div>
    </div>
  );
}
