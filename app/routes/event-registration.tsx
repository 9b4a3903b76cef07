// A registration's own page, from the link in its emails (no account needed): its state, and the
// one thing to do: free the place (or leave the waitlist), or take a place offered while it is held.
// Opening the link only shows; buttons change. A forged or replaced link says so and nothing more.
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/event-registration";
import { Button, Notice } from "../components/ui";
import { readForm } from "../lib/forms";
import { cancelRegistration, takeOffer } from "../../db/queries/events";
import { newSecretToken, sha256Hex } from "../../server/auth/tokens";
import { recordOfferEmails, whenOf } from "../../server/eventNotices";
import { formatDateTime } from "../../shared/format";

export const meta = () => [{ title: "Your registration · BC Compassionate Systems Leadership Network" }];

async function registrationOf(context: Route.LoaderArgs["context"], token: string | undefined) {
  if (!token || !/^[a-z2-9]{32}$/.test(token)) return undefined;
  return context.services.db
    .selectFrom("event_registrations")
    .innerJoin("events", "events.id", "event_registrations.event_id")
    .select(["event_registrations.id", "event_registrations.status", "event_registrations.offered_until", "event_registrations.name", "event_registrations.attended_at", "events.slug", "events.title", "events.starts_at", "events.ends_at", "events.timezone", "events.id as event_id"])
    .where("event_registrations.token_hash", "=", await sha256Hex(token))
    .executeTakeFirst();
}

const unusable = () => data({ registration: null }, { status: 404 });

export async function loader({ context, params }: Route.LoaderArgs) {
  const r = await registrationOf(context, params.token);
  if (!r) return unusable();
  const event = await context.services.db.selectFrom("events").selectAll().where("id", "=", r.event_id).executeTakeFirstOrThrow();
  return { registration: { status: r.status, name: r.name, title: r.title, slug: r.slug, when: whenOf(event), heldUntil: r.offered_until ? formatDateTime(r.offered_until, r.timezone) : null, attended: Boolean(r.attended_at) } };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const form = await readForm(request);
  const r = await registrationOf(context, params.token);
  if (!r) return unusable();
  const { services } = context;
  if (form.get("intent") === "take") {
    const taken = await takeOffer(services.db, services.dialect, r.id);
    return { notice: taken === "registered" ? "The place is yours: see you there." : taken === "lapsed" ? "The hold has passed, so the place has gone to the next person waiting." : "There is no place held for you now." };
  }
  const emails: string[] = [];
  const origin = services.origin();
  const cancelled = await cancelRegistration(services.db, services.dialect, r.id, newSecretToken, async (trx, offers) => {
    emails.push(...(await recordOfferEmails(trx, services.mailer, origin, offers)));
  });
  services.mailer.release(emails);
  return { notice: cancelled.outcome === "cancelled" ? "Done: your place is freed (or you have left the waitlist). Thank you for telling us." : "Nothing to change: this registration was cancelled already." };
}

const statusWords: Record<string, string> = {
  registered: "You are registered.",
  waitlisted: "You are on the waitlist.",
  offered: "A place is held for you.",
  cancelled: "This registration is cancelled.",
  lapsed: "A place was held for you, but the hold has passed.",
};

export default function Registration({ loaderData, actionData }: Route.ComponentProps) {
  const r = loaderData.registration;
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  if (!r) {
    return (
      <div className="mx-auto max-w-lg space-y-4">
        <h1 className="text-3xl font-semibold tracking-tight">Your registration</h1>
        <p>This link cannot be used: it has been replaced by a newer one we sent, or is not one we sent.</p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">{r.title}</h1>
      <p>
        {r.when} · <Link to={`/events/${r.slug}`}>the event&apos;s page</Link>
      </p>
      {notice ? <Notice>{notice}</Notice> : <p className="font-medium">{r.attended ? "You came: thank you." : statusWords[r.status]}</p>}
      {r.attended ? (
        <p>
          <Link to="certificate" relative="path">
            Your certificate of participation
          </Link>
        </p>
      ) : null}
      {!notice && r.status === "offered" ? (
        <Form method="post" className="flex flex-wrap gap-2">
          <p className="w-full">It is held for you until {r.heldUntil}.</p>
          <Button name="intent" value="take">
            Take the place
          </Button>
          <Button name="intent" value="cancel" variant="secondary">
            Give it up
          </Button>
        </Form>
      ) : null}
      {!notice && !r.attended && (r.status === "registered" || r.status === "waitlisted") ? (
        <Form method="post">
          <Button name="intent" value="cancel" variant="secondary">
            {r.status === "registered" ? "Free my place" : "Leave the waitlist"}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}
