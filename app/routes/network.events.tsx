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
import { createEvent, holdingPlace } from "../../db/queries/events";
import { listSeries, occurrencesInWindow } from "../../db/queries/meetings";
import { occurrenceHref } from "../lib/meetings.server";
import { formatDateTime } from "../../shared/format";
import { timezones } from "../lib/meetingForms";
import { zoneLabel } from "../../shared/timezones";

/** "Vancouver (Pacific Time)" */
const zoneName = (zone: string) => `${zone.replace("America/", "").replace("_", " ")} (${zoneLabel(zone, Date.now())})`;
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
  return { rooms: await meetingRooms(context), events: events.map((e) => ({ id: e.id, slug: e.slug, title: e.title, when: whenOf(e), capacity: e.capacity, taken: countOf(e.id, holdingPlace), waiting: countOf(e.id, ["waitlisted"]) })) };
}

/** The community meetings of the next 60 days, whose live room an online event may use. */
async function meetingRooms(context: Route.LoaderArgs["context"]) {
  const { db } = context.services;
  const communities = await db.selectFrom("communities").select(["id", "name"]).execute();
  const names = new Map(communities.map((c) => [c.id, c.name]));
  const series = await listSeries(db, [...names.keys()]);
  const now = Date.now();
  const occurrences = await occurrencesInWindow(db, series, new Date(now), new Date(now + 60 * 86_400_000));
  return occurrences
    .filter((o) => o.status !== "cancelled")
    .map((o) => ({ value: `${occurrenceHref(o)}/room`, label: `${names.get(o.communityId) ?? ""}: ${o.title}, ${formatDateTime(o.startsAt, defaultTimezone)}` }));
}

const localTime = z.string().refine(isValidLocal, "Choose a day and time.");
const eventSchema = z
  .object({
    title: z.string().trim().min(3, "Give it a title.").max(150),
    description: z.string().max(20_000, "Keep the description under 20,000 characters."),
    start: localTime,
    end: localTime,
    mode: z.enum(["online", "in-person"]),
    timezone: z.preprocess((v) => v || defaultTimezone, z.enum(timezones, { message: "Choose one of the time zones listed." })),
    venue: z.string().trim().max(200).transform((v) => v || null),
    capacity: z.coerce.number({ message: "Give the number of places." }).int("Places are whole numbers.").min(1, "At least 1 place.").max(250, "At most 250 places."),
    hours: z.coerce.number({ message: "Give the hours of professional learning." }).min(0.5, "At least half an hour.").max(100, "At most 100 hours."),
    fee: z.coerce.number({ message: "Give the fee in dollars, or 0." }).min(0, "The fee cannot be negative.").max(10_000, "At most $10,000."),
    audience: z.string().trim().max(200).transform((v) => v || null),
    videoUrl: z.preprocess((v) => v ?? "", z.union([z.literal(""), z.url({ protocol: /^https$/, message: "Give the video link as an https:// address." })])).transform((v) => v || null),
    opens: z.preprocess((v) => v ?? "", z.union([z.literal(""), localTime])).transform((v) => v || null),
    closes: z.preprocess((v) => v ?? "", z.union([z.literal(""), localTime])).transform((v) => v || null),
    room: z.preprocess((v) => v ?? "", z.string().max(300)).transform((v) => v || null),
  })
  .refine((e) => !e.opens || !e.closes || e.opens < e.closes, { path: ["opens"], message: "Registration opens before it closes." })
  .refine((e) => !e.opens || e.opens < e.start, { path: ["opens"], message: "Registration opens before the event starts." })
  .refine((e) => e.mode === "online" || !e.room, { path: ["room"], message: "A meeting room is for online events." })
  .refine((e) => !e.closes || e.closes <= e.start, { path: ["closes"], message: "Registration closes by the start at the latest." })
  .refine((e) => e.mode === "online" || e.venue, { path: ["venue"], message: "Say where it happens." })
  .refine((e) => e.end > e.start, { path: ["end"], message: "It ends after it starts." });

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireEventKeeper(user);
  const form = await readForm(request);
  const parsed = parseForm(eventSchema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const e = parsed.data;
  const zone = e.timezone;
  const starts = localToUtc(e.start, zone);
  if (starts.getTime() < Date.now()) return formError(form, "Choose a start in the future.");
  if (e.room && !(await meetingRooms(context)).some((r) => r.value === e.room)) return formError(form, "Choose one of the community meetings listed, or none.");
  const { slug } = await createEvent(context.services.db, {
    title: e.title,
    description: e.description,
    startsAt: starts,
    endsAt: localToUtc(e.end, zone),
    timezone: zone,
    mode: e.mode,
    venue: e.venue,
    videoUrl: e.videoUrl,
    capacity: e.capacity,
    opensAt: e.opens ? localToUtc(e.opens, zone) : null,
    closesAt: e.closes ? localToUtc(e.closes, zone) : null,
    audience: e.audience,
    feeCents: Math.round(e.fee * 100) || null,
    hours: e.hours,
    listed: true,
    roomPath: e.room,
    createdBy: user.id,
  });
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
          <Field label="Starts" name="start" type="datetime-local" required defaultValue={f?.start} error={failure?.errors.start} />
          <Field label="Ends (a later day for a multi-day event)" name="end" type="datetime-local" required defaultValue={f?.end} error={failure?.errors.end} />
          <Select label="Time zone of these times" name="timezone" defaultValue={f?.timezone ?? defaultTimezone} error={failure?.errors.timezone} options={timezones.map((z) => ({ value: z, label: zoneName(z) }))} />
          <Select label="Online or in person" name="mode" defaultValue={f?.mode ?? "online"} options={[{ value: "online", label: "Online" }, { value: "in-person", label: "In person" }]} />
          <Field label="Venue (in person)" name="venue" maxLength={200} defaultValue={f?.venue} error={failure?.errors.venue} />
          <Field label="Video link (online; sent in the reminder)" name="videoUrl" type="url" maxLength={500} defaultValue={f?.videoUrl} error={failure?.errors.videoUrl} />
          <Field label="Registration opens (optional)" name="opens" type="datetime-local" defaultValue={f?.opens} error={failure?.errors.opens} />
          <Field label="Registration closes (optional)" name="closes" type="datetime-local" defaultValue={f?.closes} error={failure?.errors.closes} />
          <div className="sm:col-span-2">
            <Select label="Community meeting room (online, optional)" name="room" defaultValue={f?.room ?? ""} error={failure?.errors.room} hint="Members of that community join in its live room; everyone else uses the video link." options={[{ value: "", label: "None" }, ...loaderData.rooms]} />
          </div>
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
