import { Form, Link, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/login";
import { Button, Field, FormError, Notice } from "../components/ui";
import { emailField } from "../lib/fields";
import { failureOf, formError, invalid, parseForm, readForm } from "../lib/forms";
import { safeRedirect, startSession } from "../lib/auth.server";
import { findUserByEmail } from "../../db/queries/users";
import { decoyPasswordHash, verifyPassword } from "../../server/auth/passwords";

export const meta = () => [{ title: "Sign in · CSL Commons" }];

export function loader({ context, request }: Route.LoaderArgs) {
  if (context.auth) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return { openSignup: context.services.config.OPEN_SIGNUP };
}

const schema = z.object({
  email: emailField,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200, "That password is too long"),
  redirectTo: z.string().optional(),
});

export async function action({ context, request }: Route.ActionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const { email, password, redirectTo } = parsed.data;
  const { db, loginThrottle } = context.services;

  const waitMs = await loginThrottle.retryAfterMs(email, context.clientAddress);
  if (waitMs > 0) {
    const minutes = Math.ceil(waitMs / 60_000);
    return formError(form, `Too many sign-in attempts. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or reset your password.`, 429);
  }
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
  if (!user || !valid) {
    await loginThrottle.recordFailure(email, context.clientAddress);
    return formError(form, "That email and password do not match an account. Check them and try again.");
  }
  await loginThrottle.recordSuccess(email);
  return startSession(context, request, user.id, safeRedirect(redirectTo));
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const [params] = useSearchParams();
  const reset = params.get("reset") === "done";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-semibold tracking-tight">Welcome to CSL Commons</h1>
      <p className="mt-2 text-stone-700 dark:text-stone-300">Sign in to join your circles, see your next meeting and map systems together.</p>
      <div className="mt-6 space-y-4">
        {reset ? <Notice>Your password is changed. Sign in with the new one.</Notice> : null}
        <FormError message={failure?.formError} />
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={failure?.values.email} error={failure?.errors.email} />
          <Field label="Password" name="password" type="password" autoComplete="current-password" required error={failure?.errors.password} />
          <Button>Sign in</Button>
        </Form>
        <p className="text-sm">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <p className="text-sm text-stone-700 dark:text-stone-300">
          {loaderData.openSignup ? (
            <>
              New to the network? <Link to="/signup">Create an account</Link>.
            </>
          ) : (
            "New to the network? Ask a facilitator for an invitation."
          )}
        </p>
      </div>
    </div>
  );
}
