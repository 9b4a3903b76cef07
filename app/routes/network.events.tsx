// The network's events for those who run them (admins and coordinators): every event with its
// places taken and waiting, and a new one: title, description (Markdown), day, start and end in its
// time zone, online or in person, capacity (up to 250), registration window, audience, fee, hours.
import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/network.events";
import { Button, Card, EmptyState, Field, FormError, PageHeader, Select, TextArea } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { requireEventKeeper } from "../lib/events.server";
import { failureOf, formError, invalid, parseForm, readForm } from "../lib/forms";
import { newId } from "../../shared/ids";
import { nowIso } from "../../db/time";
import { holdingPlace } from "../../db/queries/events";
import { isValidLocal, localToUtc } from "../../shared/recurrence";
import { defaultTimezone } from "../../shared/recurrencePresets";
import { whenOf } from "../../server/eventNotices";

export const meta = () => [{ title: "Events · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  requireEventKeeper(requireUser(context, request));
  const { db } = context.services;
  const events = await db.selectFrom("events").selectAll().orderBy("starts_at", "desc").limit(200).execute();
  const counts = await db.selectFrom("event_registrations").select(["event_id", "status", (eb) => eb.fn.countAll<number>().as("n")]).groupBy(["event_id", "status"]).execute();
  const countOf = (id: string, statuses: string[]) => counts.filter((c) => c.event_id === id && statuses.includes(c.status)).reduce((sum, c) => sum + Number(c.n), 0);
  return { events: events.map((e) => ({ id: e.id, slug: e.slug, title: e.title, when: whenOf(e), capacity: e.capacity, taken: countOf(e.id, holdingPlace), waiting: countOf(e.id, ["waitlisted"]) })) };
}

const localTime = z.string().refine(isValidLocal, "Choose a day and time.");
const eventSchema = z
  .object({
    title: z.string().trim().min(3, "Give it a title.").max(150),
    description: z.string().max(20_000, "Keep the description under 20,000 characters."),
    start: localTime,
    end: localTime,
    mode: z.enum(["online", "in-person"]),
    venue: z.string().trim().max(200).transform((v) => v || null),
    capacity: z.coerce.number({ message: "Give the number of places." }).int("Places are whole numbers.").min(1, "At least 1 place.").max(250, "At most 250 places."),
    hours: z.coerce.number({ message: "Give the hours of professional learning." }).min(0.5, "At least half an hour.").max(100, "At most 100 hours."),
    fee: z.coerce.number({ message: "Give the fee in dollars, or 0." }).min(0, "The fee cannot be negative.").max(10_000, "At most $10,000."),
    audience: z.string().trim().max(200).transform((v) => v || null),
    videoUrl: z.preprocess((v) => v ?? "", z.union([z.literal(""), z.url({ protocol: /^https$/, message: "Give the video link as an https:// address." })])).transform((v) => v || null),
    closes: z.preprocess((v) => v ?? "", z.union([z.literal(""), localTime])).transform((v) => v || null),
  })
  .refine((e) => !e.closes || e.closes <= e.start, { path: ["closes"], message: "Registration closes by the start at the latest." })
  .refine((e) => e.mode === "online" || e.venue, { path: ["venue"], message: "Say where it happens." })
  .refine((e) => e.end > e.start, { path: ["end"], message: "It ends after it starts." });

const slugOf = (title: string) =>
  title
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60) || "event";

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireEventKeeper(user);
  const form = await readForm(request);
  const parsed = parseForm(eventSchema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const e = parsed.data;
  const starts = localToUtc(e.start, defaultTimezone);
  if (starts.getTime() < Date.now()) return formError(form, "Choose a start in the future.");
  const { db } = context.services;
  const id = newId();
  const slug = `${slugOf(e.title)}-${id.slice(0, 6)}`;
  const now = nowIso();
  await db
    .insertInto("events")
    .values({ id, slug, title: e.title, description: e.description, starts_at: starts.toISOString(), ends_at: localToUtc(e.end, defaultTimezone).toISOString(), timezone: defaultTimezone, mode: e.mode, venue: e.mode === "online" ? null : e.venue, video_url: e.mode === "online" ? e.videoUrl : null, capacity: e.capacity, registration_opens_at: null, registration_closes_at: e.closes ? localToUtc(e.closes, defaultTimezone).toISOString() : null, audience: e.audience, fee_cents: Math.round(e.fee * 100) || null, hours: e.hours, status: "published", created_by: user.id, created_at: now, updated_at: now })
    .execute();
  throw redirect(`/events/${slug}`);
}

export default function NetworkEvents({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const f = failure?.values;
  return (
    <div className="space-y-6">
      <PageHeader title="Events" description={<p>Public events and workshops, with registration and a waitlist. <Link to="/events">The public list</Link>.</p>} />
      <Card title="All events">
        {loaderData.events.length === 0 ? (
          <EmptyState>No event yet: plan one below.</EmptyState>
        ) : (
          <ul className="divide-y divide-stone-200 dark:divide-stone-800">
            {loaderData.events.map((e) => (
              <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <span>
                  <Link to={`/network/events/${e.id}`} className="font-medium">
                    {e.title}
                  </Link>{" "}
                  <span className="text-sm text-stone-700 dark:text-stone-300">{e.when}</span>
                </span>
                <span className="text-sm">
                  {e.taken} of {e.capacity} places taken{e.waiting ? `, ${e.waiting} waiting` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Plan an event">
        <Form method="post" className="grid gap-3 sm:grid-cols-2">
          <FormError message={failure?.formError} />
          <div className="sm:col-span-2">
            <Field label="Title" name="title" required maxLength={150} defaultValue={f?.title} error={failure?.errors.title} />
          </div>
          <div className="sm:col-span-2">
            <TextArea label="Description (Markdown)" name="description" rows={5} maxLength={20_000} defaultValue={f?.description} error={failure?.errors.description} />
          </div>
          <Field label="Starts (Pacific Time)" name="start" type="datetime-local" required defaultValue={f?.start} error={failure?.errors.start} />
          <Field label="Ends (Pacific Time)" name="end" type="datetime-local" required defaultValue={f?.end} error={failure?.errors.end} />
          <Select label="Online or in person" name="mode" defaultValue={f?.mode ?? "online"} options={[{ value: "online", label: "Online" }, { value: "in-person", label: "In person" }]} />
          <Field label="Venue (in person)" name="venue" maxLength={200} defaultValue={f?.venue} error={failure?.errors.venue} />
          <Field label="Video link (online; sent in the reminder)" name="videoUrl" type="url" maxLength={500} defaultValue={f?.videoUrl} error={failure?.errors.videoUrl} />
          <Field label="Registration closes (optional, Pacific Time)" name="closes" type="datetime-local" defaultValue={f?.closes} error={failure?.errors.closes} />
          <Field label="Places (up to 250)" name="capacity" type="number" min={1} max={250} required defaultValue={f?.capacity ?? "40"} error={failure?.errors.capacity} />
          <Field label="Hours of professional learning" name="hours" type="number" min={0.5} max={100} required defaultValue={f?.hours ?? "3"} error={failure?.errors.hours} />
          <Field label="Fee in dollars (0 for none)" name="fee" type="number" min={0} max={10000} required defaultValue={f?.fee ?? "0"} error={failure?.errors.fee} />
          <Field label="For whom (optional)" name="audience" maxLength={200} defaultValue={f?.audience} />
          <div className="sm:col-span-2">
            <Button>Publish the event</Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
