import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/invite";
import { Button, Field, FormError, buttonClass } from "../components/ui";
import { failureOf, formError, invalid, parseForm, readForm } from "../lib/forms";
import { startSession } from "../lib/auth.server";
import { registerAccount } from "../lib/accounts.server";
import { signupSchema } from "../lib/fields";
import { acceptInvitation, findInvitation } from "../../db/queries/invitations";
import { findUserByEmail } from "../../db/queries/users";
import { sha256Hex } from "../../server/auth/tokens";

export const meta = () => [{ title: "Your invitation · CSL Commons" }];

async function load(context: Route.LoaderArgs["context"], token: string) {
  if (!/^[a-z2-9]{32}$/.test(token)) return undefined;
  return findInvitation(context.services.db, await sha256Hex(token));
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const invitation = await load(context, params.token);
  if (!invitation || invitation.state !== "valid") {
    return { state: invitation?.state ?? ("unknown" as const), invitation: null, hasAccount: false, signedInAs: null, signedInElsewhere: null };
  }
  const hasAccount = Boolean(await findUserByEmail(context.services.db, invitation.email));
  return {
    state: "valid" as const,
    invitation: { email: invitation.email, community: invitation.community_name, role: invitation.community_role, inviter: invitation.inviter_name },
    hasAccount,
    signedInAs: context.auth?.user.name ?? null,
    // An invitation is for the address it was sent to: another account cannot take it.
    signedInElsewhere: context.auth && context.auth.user.email !== invitation.email ? context.auth.user.email : null,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const invitation = await load(context, params.token);
  const form = await readForm(request);
  if (!invitation || invitation.state !== "valid") return formError(form, "This invitation can no longer be used.", 410);
  const place = invitation.community_slug ? `/communities/${invitation.community_slug}` : "/";

  if (context.auth) {
    if (context.auth.user.email !== invitation.email) {
      return formError(form, `This invitation was sent to ${invitation.email}, and you are signed in as ${context.auth.user.email}. Sign out and open the link again, or ask for an invitation to your own address.`, 403);
    }
    if (!(await acceptInvitation(context.services.db, invitation, context.auth.user.id))) return formError(form, "This invitation can no longer be used.", 410);
    throw redirect(place);
  }
  if (await findUserByEmail(context.services.db, invitation.email)) return formError(form, "You already have an account: sign in first, then open this link again.");
  const parsed = parseForm(signupSchema, form, { ...Object.fromEntries(form.entries()), email: invitation.email });
  if (!parsed.ok) return invalid(parsed.failure);
  const user = await registerAccount(context, parsed.data);
  if (!user) return formError(form, "There is already an account with this email. Sign in, then open this link again.");
  if (!(await acceptInvitation(context.services.db, invitation, user.id))) return formError(form, "This invitation can no longer be used.", 410);
  return startSession(context, request, user.id, place);
}

const closedMessages = {
  used: "This invitation has already been used. If it was yours, sign in to find your community.",
  expired: "This invitation has expired. Ask the facilitator who sent it for a new one.",
  unknown: "This invitation link is not one we know. Check that the whole link was copied, or ask for a new one.",
};

export default function Invite({ loaderData, actionData, params }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const { invitation } = loaderData;
  if (loaderData.state !== "valid" || !invitation) {
    const state = loaderData.state === "valid" ? "unknown" : loaderData.state;
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-3xl font-semibold">This invitation cannot be used</h1>
        <p className="mt-4 text-lg">{closedMessages[state]}</p>
        <p className="mt-6">
          <Link to="/login">Go to sign in</Link>
        </p>
      </div>
    );
  }
  const where = invitation.community ?? "the BC Compassionate Systems Leadership Network";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-semibold tracking-tight">You are invited to {where}</h1>
      <p className="mt-2 text-stone-700 dark:text-stone-300">
        {invitation.inviter} invited {invitation.email} to join{invitation.role === "facilitator" ? " as a facilitator" : ""}.
      </p>
      <div className="mt-6 space-y-4">
        <FormError message={failure?.formError} />
        {loaderData.signedInElsewhere ? (
          <p>
            This invitation was sent to {invitation.email}, and you are signed in as {loaderData.signedInElsewhere}. Sign out and open the link again to accept it with
            that address, or ask {invitation.inviter} for an invitation to your own.
          </p>
        ) : loaderData.signedInAs ? (
          <Form method="post">
            <p className="mb-4">You are signed in as {loaderData.signedInAs}.</p>
            <Button>Join {invitation.community ?? "the network"}</Button>
          </Form>
        ) : loaderData.hasAccount ? (
          <p>
            You already have an account.{" "}
            <Link className={buttonClass("primary")} to={`/login?redirectTo=${encodeURIComponent(`/invite/${params.token}`)}`}>
              Sign in to accept
            </Link>
          </p>
        ) : (
          <Form method="post" className="space-y-4" noValidate>
            <Field label="Email" name="email-shown" type="email" defaultValue={invitation.email} readOnly hint="Invitations are for one email address." />
            <Field label="Your name" name="name" autoComplete="name" required defaultValue={failure?.values.name} error={failure?.errors.name} />
            <Field label="Password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters." required error={failure?.errors.password} />
            <Field label="Password again" name="confirm" type="password" autoComplete="new-password" required error={failure?.errors.confirm} />
            <Button>Create account and join</Button>
          </Form>
        )}
      </div>
    </div>
  );
}
