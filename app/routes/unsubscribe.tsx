// One-click unsubscribe (RFC 8058): every newsletter copy carries this link and the
// List-Unsubscribe headers naming it. A bare POST (what mail programs send, with
// "List-Unsubscribe=One-Click") unsubscribes at once, with no login and no cookie; opening the
// link in a browser asks first (mail scanners open links). The token is signed and names one copy,
// so its recipient and the list; a forged token and a used one are refused with the same words
// whatever address they might concern.
import { data, Form } from "react-router";
import type { Route } from "./+types/unsubscribe";
import { Button, Notice } from "../components/ui";
import { readForm } from "../lib/forms";
import { unsubscribeThrough } from "../../db/queries/newsletters";
import { readUnsubscribeToken, unsubscribeKey } from "../../server/mail/unsubscribeTokens";

export const meta = () => [{ title: "Unsubscribe · CSL Commons" }];

type State = "ask" | "unsubscribed" | "test" | "unusable";

async function copyOf(context: Route.LoaderArgs["context"], token: string | undefined) {
  return token ? readUnsubscribeToken(await unsubscribeKey(context.services.db), token) : null;
}

const unusable = () => data({ state: "unusable" as State }, { status: 404 });

export async function loader({ context, params }: Route.LoaderArgs) {
  const copyId = await copyOf(context, params.token);
  if (!copyId) return unusable();
  const copy = await context.services.db.selectFrom("newsletter_deliveries").select(["test", "unsubscribed_at"]).where("id", "=", copyId).executeTakeFirst();
  if (!copy) return unusable();
  // A used link is refused in the same words (with 200: the page after a successful POST is this loader too).
  return { state: (copy.unsubscribed_at ? "unusable" : copy.test ? "test" : "ask") as State };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  await readForm(request);
  const copyId = await copyOf(context, params.token);
  if (!copyId) return unusable();
  const outcome = await unsubscribeThrough(context.services.db, copyId, { ip: context.clientAddress ?? null, userAgent: request.headers.get("user-agent")?.slice(0, 400) ?? null });
  if (outcome === "unsubscribed") return { state: "unsubscribed" as State };
  if (outcome === "test") return { state: "test" as State };
  return unusable();
}

export default function Unsubscribe({ loaderData, actionData }: Route.ComponentProps) {
  const state = (actionData ?? loaderData)?.state;
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">The network&apos;s newsletter</h1>
      {state === "unsubscribed" ? (
        <Notice>You are unsubscribed: no more newsletters will come to this address. If you change your mind, sign up again on the Stay up to date page.</Notice>
      ) : state === "ask" ? (
        <Form method="post">
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <p className="mb-3">Stop the BC Compassionate Systems Leadership Network&apos;s newsletter for the address this one was sent to?</p>
          <Button>Unsubscribe</Button>
        </Form>
      ) : state === "test" ? (
        <p>This was a test copy: its unsubscribe link does nothing. In the newsletter as sent, this link unsubscribes its reader at once.</p>
      ) : (
        <p>This link cannot be used: it was used already, or is not one we sent.</p>
      )}
    </div>
  );
}
