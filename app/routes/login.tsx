import { Form, Link, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/login";
import { Button, Field, FormError, Notice } from "../components/ui";
import { emailField } from "../lib/fields";
import { failureOf, formError, invalid, parseForm, readForm } from "../lib/forms";
import { safeRedirect, startSession } from "../lib/auth.server";
import { findUserByEmail } from "../../db/queries/users";
import { decoyPasswordHash, verifyPassword } from "../../server/auth/passwords";
import { minutesText } from "../../server/auth/throttle";

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
  const { db, throttle } = context.services;

  const waitMs = await throttle.accountWaitMs(email);
  if (waitMs > 0) return formError(form, lockedMessage(waitMs), 429);
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
  if (!user || !valid) {
    const refusal = await throttle.failedSignIn(email, context.clientAddress);
    if (refusal?.kind === "account") return formError(form, lockedMessage(refusal.waitMs), 429);
    if (refusal?.kind === "address") {
      return formError(form, "That email and password do not match an account, and there have been many failed sign-ins from your network. Check your password carefully; the right one still works.", 429);
    }
    return formError(form, "That email and password do not match an account. Check them and try again.");
  }
  // A correct password never waits for an address-wide reason.
  await throttle.clearAccount(email);
  return startSession(context, request, user.id, safeRedirect(redirectTo));
}

const lockedMessage = (waitMs: number) =>
  `Too many sign-in attempts for this account. Please wait ${minutesText(waitMs)} and try again, or reset your password: the reset works at once and lifts this wait.`;

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
