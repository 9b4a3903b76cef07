// "Stay up to date": anyone asks for the network's newsletter with their name and email and a box
// they tick themselves; a confirmation email follows (double opt-in), and only the confirmation is
// consent. The answer is the same whether or not the address is known.
import { z } from "zod";
import type { Route } from "./+types/signup-newsletter";
import { Notice } from "../components/ui";
import { StayUpToDateForm } from "../site/StayUpToDateForm";
import { filledByRobot } from "../components/RobotTrap";
import { emailField } from "../lib/fields";
import { failureOf, formError, invalid, parseForm, readForm } from "../lib/forms";
import { wordingHash } from "../../db/queries/contacts";
import { nowIso } from "../../db/time";
import { newId } from "../../shared/ids";
import { signUpWording } from "../../shared/network/consent";
import { newSecretToken } from "../../server/auth/tokens";

export const meta = () => [{ title: "Stay up to date · CSL Commons" }];

/** How long a confirmation link works. */
const confirmDays = 7;

const schema = z.object({
  name: z.string().trim().min(1, "Give your name.").max(120, "At most 120 characters."),
  email: emailField,
  agree: z.literal("yes", { error: "Tick the box to say you want the newsletter." }),
});

export async function action({ context, request }: Route.ActionArgs) {
  const form = await readForm(request);
  // A field hidden from people: only robots fill it in. They are thanked, and nothing is stored.
  if (filledByRobot(form)) return { sent: true as const };
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const { db, mailer, throttle } = context.services;
  const email = parsed.data.email;
  if (!(await throttle.signUpAllowed(email, context.clientAddress))) return formError(form, "Several sign-ups have been sent in the last hour. Look for the newest email, or try again in an hour.", 429);
  const { token, hash } = await newSecretToken();
  const expires = new Date(Date.now() + confirmDays * 86_400_000).toISOString();
  const link = `${context.services.origin()}/stay-up-to-date/${token}`;
  const ids = await db.transaction().execute(async (trx) => {
    const wording = await wordingHash(trx, signUpWording);
    await trx
      .insertInto("newsletter_signups")
      .values({ id: newId(), email, name: parsed.data.name, token_hash: hash, wording_hash: wording, ip: context.clientAddress, user_agent: request.headers.get("user-agent")?.slice(0, 400) ?? null, created_at: nowIso(), expires_at: expires, confirmed_at: null })
      .execute();
    return [
      await mailer.record(trx, {
        to: email,
        kind: "newsletter-confirmation",
        subject: "Please confirm: the CSL network's newsletter",
        text: `Hello ${parsed.data.name},\n\nSomeone (we hope you) asked for the BC Compassionate Systems Leadership Network's newsletter with this address. To confirm, open this link within ${confirmDays} days:\n\n${link}\n\nIf it was not you, ignore this email: nothing will be sent.`,
        secretExpiresAt: expires,
      }),
    ];
  });
  mailer.release(ids);
  return { sent: true as const };
}

export default function StayUpToDate({ actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const sent = actionData && "sent" in actionData;
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="text-3xl font-semibold tracking-tight">Stay up to date</h1>
      <p className="mt-2">News of the network&apos;s communities of practice, events and resources, a few times a year.</p>
      <div className="mt-6 space-y-4">
        {sent ? (
          <Notice>Thank you. Please open the link in the email we have just sent to confirm; until then, nothing will be sent.</Notice>
        ) : (
          <StayUpToDateForm failure={failure} />
        )}
      </div>
    </div>
  );
}
