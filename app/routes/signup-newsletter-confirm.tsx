// Confirming a "Stay up to date" sign-up from its emailed link. Opening the link only asks (mail
// scanners open links); the button confirms: the sign-up is claimed once, and in the same
// transaction the contact is made (or found) and the ledger gets its express consent with the
// wording, time, address and browser of the form. A forged, used or expired link says so, and
// nothing about any address.
import { data, Form } from "react-router";
import type { Route } from "./+types/signup-newsletter-confirm";
import { Button, Notice } from "../components/ui";
import { readForm } from "../lib/forms";
import { recordConsent, saveContactIn } from "../../db/queries/contacts";
import { nowIso } from "../../db/time";
import { sha256Hex } from "../../server/auth/tokens";

export const meta = () => [{ title: "Confirm · CSL Commons" }];

const unusable = () => data({ state: "unusable" as const }, { status: 404 });

async function signupOf(context: Route.LoaderArgs["context"], token: string | undefined) {
  if (!token || !/^[a-z2-9]{32}$/.test(token)) return undefined;
  return context.services.db.selectFrom("newsletter_signups").selectAll().where("token_hash", "=", await sha256Hex(token)).executeTakeFirst();
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const signup = await signupOf(context, params.token);
  // A confirmed sign-up stays "done" for its link (the page after confirming is this loader too).
  if (signup?.confirmed_at) return { state: "done" as const };
  if (!signup || signup.expires_at < nowIso()) return unusable();
  return { state: "ask" as const };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  await readForm(request);
  const signup = await signupOf(context, params.token);
  if (!signup) return unusable();
  const now = nowIso();
  const confirmed = await context.services.db.transaction().execute(async (trx) => {
    const claim = await trx.updateTable("newsletter_signups").set({ confirmed_at: now }).where("id", "=", signup.id).where("confirmed_at", "is", null).where("expires_at", ">", now).executeTakeFirst();
    if (!Number(claim.numUpdatedRows)) return false;
    const { id } = await saveContactIn(trx, { email: signup.email, name: signup.name, organizationId: null, role: null, region: null, notes: null, tags: [] }, null, { update: false });
    await recordConsent(trx, { contactId: id, kind: "express", method: "form", source: "Stay up to date form, confirmed by email", wordingHash: signup.wording_hash, at: now, ip: signup.ip, userAgent: signup.user_agent });
    return true;
  });
  // Confirmed before (a second click): nothing more is recorded.
  if (!confirmed) return signup.confirmed_at ? { state: "done" as const } : unusable();
  return { state: "confirmed" as const };
}

export default function Confirm({ loaderData, actionData }: Route.ComponentProps) {
  const state = (actionData ?? loaderData)?.state;
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">The network&apos;s newsletter</h1>
      {state === "confirmed" || state === "done" ? (
        <Notice>Confirmed. The next newsletter will reach you; every one has a link to unsubscribe.</Notice>
      ) : state === "ask" ? (
        <Form method="post">
          <p className="mb-3">Please confirm that you want the BC Compassionate Systems Leadership Network&apos;s newsletter.</p>
          <Button>Yes, confirm</Button>
        </Form>
      ) : (
        <p>This link cannot be used: it has expired, was used already, or is not one we sent. You can sign up again on the Stay up to date page.</p>
      )}
    </div>
  );
}
