import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/forgot-password";
import { Button, Field, FormError, Notice } from "../components/ui";
import { emailField } from "../lib/fields";
import { failureOf, formError, invalid, parseForm, readForm } from "../lib/forms";
import { sendPasswordReset } from "../lib/accounts.server";

export const meta = () => [{ title: "Reset your password · CSL Commons" }];

const schema = z.object({ email: emailField });

export async function action({ context, request }: Route.ActionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  if (!(await context.services.throttle.resetRequestAllowed(parsed.data.email, context.clientAddress))) {
    return formError(form, "Several reset links have been asked for in the last hour. Use the newest one in your email, or ask again in an hour.", 429);
  }
  await sendPasswordReset(context, parsed.data.email);
  return { sent: true as const };
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const sent = actionData && "sent" in actionData;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-semibold tracking-tight">Reset your password</h1>
      <div className="mt-6 space-y-4">
        {sent ? (
          <Notice>If an account uses that email, a link to choose a new password is on its way. It works for one hour.</Notice>
        ) : (
          <Form method="post" className="space-y-4" noValidate>
            <FormError message={failure?.formError} />
            <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={failure?.values.email} error={failure?.errors.email} />
            <Button>Email me a reset link</Button>
          </Form>
        )}
        <p className="text-sm">
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    </div>
  );
}
