import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/reset-password";
import { Button, Field, FormError } from "../components/ui";
import { newPasswordField } from "../lib/fields";
import { failureOf, formError, invalid, parseForm, readForm } from "../lib/forms";
import { changePassword } from "../lib/accounts.server";
import { blankSessionCookie } from "../../server/auth/sessions";
import { sha256Hex } from "../../server/auth/tokens";
import { nowIso } from "../../db/time";

export const meta = () => [{ title: "Choose a new password · CSL Commons" }];

async function findReset(context: Route.LoaderArgs["context"], token: string) {
  if (!/^[a-z2-9]{32}$/.test(token)) return undefined;
  const row = await context.services.db.selectFrom("password_resets").selectAll().where("token_hash", "=", await sha256Hex(token)).executeTakeFirst();
  if (!row || row.used_at || Date.parse(row.expires_at) <= Date.now()) return undefined;
  return row;
}

export async function loader({ context, params }: Route.LoaderArgs) {
  return { usable: Boolean(await findReset(context, params.token)) };
}

const schema = z
  .object({ password: newPasswordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same" });

export async function action({ context, request, params }: Route.ActionArgs) {
  const form = await readForm(request);
  const reset = await findReset(context, params.token);
  if (!reset) return formError(form, "This reset link can no longer be used. Ask for a new one.", 410);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const claimed = await context.services.db
    .updateTable("password_resets")
    .set({ used_at: nowIso() })
    .where("id", "=", reset.id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return formError(form, "This reset link can no longer be used. Ask for a new one.", 410);
  await changePassword(context, reset.user_id, parsed.data.password);
  throw redirect("/login?reset=done", { headers: { "Set-Cookie": blankSessionCookie(context.services.config.secureCookies) } });
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  if (!loaderData.usable && !failure) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-3xl font-semibold">This reset link cannot be used</h1>
        <p className="mt-4 text-lg">It has expired or has already been used. Reset links work once, for one hour.</p>
        <p className="mt-6">
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-semibold tracking-tight">Choose a new password</h1>
      <p className="mt-2 text-stone-700 dark:text-stone-300">You will be signed out everywhere and can sign in with the new password.</p>
      <div className="mt-6 space-y-4">
        <FormError message={failure?.formError} />
        <Form method="post" className="space-y-4" noValidate>
          <Field label="New password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters." required error={failure?.errors.password} />
          <Field label="New password again" name="confirm" type="password" autoComplete="new-password" required error={failure?.errors.confirm} />
          <Button>Save new password</Button>
        </Form>
      </div>
    </div>
  );
}
