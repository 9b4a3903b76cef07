// An event's public page: what, when (in its zone), where, the places left, and registration for
// members and visitors alike (name, email, organization, role, district). A full event offers its
// waitlist. Spam is kept off with a field people never see and limits per email and address.
import { data, Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/event";
import { RobotTrap, filledByRobot } from "../components/RobotTrap";
import { Button, Field, FormError, Notice } from "../components/ui";
import { notFound } from "../lib/auth.server";
import { failureOf, invalid, parseForm, readForm, formError } from "../lib/forms";
import { holdingPlace, register, registrationWindow } from "../../db/queries/events";
import { newSecretToken } from "../../server/auth/tokens";
import { recordRegistrationEmail, whenOf } from "../../server/eventNotices";
import { renderMarkdown } from "../../shared/markdown";
import { formatCad } from "../../shared/training/quote";
import { formatDateTime } from "../../shared/format";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.event.title ?? "Event"} · BC Compassionate Systems Leadership Network` }];

async function eventOf(context: Route.LoaderArgs["context"], slug: string | undefined) {
  const event = slug ? await context.services.db.selectFrom("events").selectAll().where("slug", "=", slug).executeTakeFirst() : undefined;
  if (!event) notFound("There is no such event.");
  return event;
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const event = await eventOf(context, params.slug);
  const taken = Number((await context.services.db.selectFrom("event_registrations").select((eb) => eb.fn.countAll<number>().as("n")).where("event_id", "=", event.id).where("status", "in", holdingPlace).executeTakeFirstOrThrow()).n);
  const user = context.auth?.user;
  return {
    event: {
      title: event.title,
      when: whenOf(event),
      mode: event.mode,
      venue: event.venue,
      audience: event.audience,
      fee: event.fee_cents ? formatCad(event.fee_cents) : null,
      hours: event.hours,
      descriptionHtml: renderMarkdown(event.description),
      cancelled: event.status === "cancelled",
      roomPath: event.room_path,
      opens: event.registration_opens_at ? formatDateTime(event.registration_opens_at, event.timezone) : null,
    },
    placesLeft: Math.max(0, event.capacity - taken),
    window: registrationWindow(event),
    me: user ? { name: user.name, email: user.email } : null,
  };
}

const registrationSchema = z.object({
  name: z.string().trim().min(2, "Give your name.").max(120, "Keep your name under 120 characters."),
  email: z.email("Give an email address we can write to.").max(200),
  organization: z.string().trim().max(150).transform((v) => v || null),
  role: z.string().trim().max(120).transform((v) => v || null),
  district: z.string().trim().max(120).transform((v) => v || null),
});

export async function action({ context, request, params }: Route.ActionArgs) {
  const event = await eventOf(context, params.slug);
  const form = await readForm(request);
  // A field hidden from people: only robots fill it in. They are thanked, and nothing is stored.
  if (filledByRobot(form)) return { done: "registered" as const, email: "" };
  const parsed = parseForm(registrationSchema, form, { name: form.get("name") ?? "", email: String(form.get("email") ?? "").trim(), organization: form.get("organization") ?? "", role: form.get("role") ?? "", district: form.get("district") ?? "" });
  if (!parsed.ok) return invalid(parsed.failure);
  const { services } = context;
  if (!(await services.throttle.publicFormAllowed("event", parsed.data.email.toLowerCase(), context.clientAddress))) return formError(form, "Too many registrations from here in the last hour. Please try again later.", 429);
  const { token, hash } = await newSecretToken();
  const origin = services.origin();
  const emails: string[] = [];
  const result = await register(services.db, services.dialect, event.id, { ...parsed.data, userId: context.auth?.user.email.toLowerCase() === parsed.data.email.toLowerCase() ? context.auth.user.id : null }, hash, async (trx, written) => {
    const ahead = written.outcome === "waitlisted" ? Number((await trx.selectFrom("event_registrations").select((eb) => eb.fn.countAll<number>().as("n")).where("event_id", "=", event.id).where("status", "=", "waitlisted").where("position", "<", written.position).executeTakeFirstOrThrow()).n) : 0;
    emails.push(await recordRegistrationEmail(trx, services.mailer, origin, written.event, { email: parsed.data.email, name: parsed.data.name }, token, written.outcome, ahead));
  });
  services.mailer.release(emails);
  if (result.outcome === "registered" || result.outcome === "waitlisted") return { done: result.outcome, email: parsed.data.email };
  if (result.outcome === "already") return data({ done: "already" as const, email: parsed.data.email }, { status: 409 });
  return formError(form, result.outcome === "not-open" ? "Registration has not opened yet." : result.outcome === "cancelled" ? "This event is cancelled." : "Registration is closed.", 409);
}

export default function EventPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, placesLeft, window, me } = loaderData;
  const failure = failureOf(actionData);
  const done = actionData && "done" in actionData ? actionData : null;
  return (
    <article className="mx-auto max-w-2xl space-y-5">
      <p className="text-sm">
        <Link to="/events">All events</Link>
      </p>
      <h1 className="text-3xl font-semibold tracking-tight">{event.cancelled ? `Cancelled: ${event.title}` : event.title}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium">When</dt>
        <dd>{event.when}</dd>
        <dt className="font-medium">Where</dt>
        <dd>{event.mode === "online" ? "Online" : event.venue}</dd>
        {event.audience ? (
          <>
            <dt className="font-medium">For</dt>
            <dd>{event.audience}</dd>
          </>
        ) : null}
        <dt className="font-medium">Fee</dt>
        <dd>{event.fee ?? "None"}</dd>
        <dt className="font-medium">Professional learning</dt>
        <dd>{event.hours} hours</dd>
      </dl>
      {event.roomPath ? (
        <p className="rounded-md border border-indigo-200 bg-indigo-50 p-3 dark:border-indigo-900 dark:bg-stone-900">
          Members of the community meeting with it join in its <Link to={event.roomPath}>live room</Link>; everyone else uses the video link sent the day before.
        </p>
      ) : null}
      {/* Sanitized on the server (shared/markdown.ts). */}
      <div className="markdown-body" dangerouslySetInnerHTML={{ __html: event.descriptionHtml }} />
      <section aria-labelledby="register-heading" className="rounded-xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
        <h2 id="register-heading" className="mb-3 text-lg font-semibold">
          Register
        </h2>
        {done?.done === "registered" ? (
          <Notice>You are registered. An email with the calendar file is on its way{done.email ? ` to ${done.email}` : ""}; it has the link to free your place if you cannot come.</Notice>
        ) : done?.done === "waitlisted" ? (
          <Notice>The event is full, so you are on its waitlist. If a place frees, we will email you and hold it for you.</Notice>
        ) : done?.done === "already" ? (
          <Notice>This email is registered already (or waiting). The email we sent has the link to change it.</Notice>
        ) : window !== "open" ? (
          <p>{window === "not-open" ? `Registration opens ${event.opens ?? "soon"}.` : window === "cancelled" ? "This event is cancelled." : "Registration is closed."}</p>
        ) : (
          <Form method="post" className="space-y-3">
            <p>{placesLeft > 0 ? `${placesLeft} ${placesLeft === 1 ? "place" : "places"} left.` : "The event is full: register to join the waitlist."}</p>
            <FormError message={failure?.formError} />
            <Field label="Your name" name="name" required autoComplete="name" defaultValue={failure?.values.name ?? me?.name} error={failure?.errors.name} />
            <Field label="Email" name="email" type="email" required autoComplete="email" defaultValue={failure?.values.email ?? me?.email} error={failure?.errors.email} />
            <Field label="Organization (optional)" name="organization" autoComplete="organization" defaultValue={failure?.values.organization} />
            <Field label="Role (optional)" name="role" defaultValue={failure?.values.role} />
            <Field label="School district (optional)" name="district" defaultValue={failure?.values.district} />
            <RobotTrap />
            <Button>{placesLeft > 0 ? "Register" : "Join the waitlist"}</Button>
          </Form>
        )}
      </section>
    </article>
  );
}
