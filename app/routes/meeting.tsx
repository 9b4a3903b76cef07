import { Form, Link } from "react-router";
import { CalendarPlus, Users, Video } from "lucide-react";
import { z } from "zod";
import type { Route } from "./+types/meeting";
import { Button, ButtonLink, Card, ConfirmAction, Field, FormError, Notice, PageHeader, buttonClass } from "../components/ui";
import { AgendaEditor } from "../components/AgendaEditor";
import { actorOf, requireUser } from "../lib/auth.server";
import { confirmed, formError, invalid, parseForm, readForm, failureOf } from "../lib/forms";
import { dateField, readAgenda, timeField } from "../lib/meetingForms";
import { occurrenceAccess } from "../lib/occurrence.server";
import { getOccurrence, maxMoveMs, rsvpSummary, setRsvp, updateOccurrence, type Occurrence } from "../../db/queries/meetings";
import { occurrenceChanged } from "../../server/meetingNotices";
import { agendaMinutes } from "../../shared/agenda";
import { formatMeetingTime } from "../../shared/format";
import { may } from "../../shared/permissions";
import { localToUtc, utcToLocal } from "../../shared/recurrence";
import { roomIsOpen } from "../../shared/room/window";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.meeting.title ?? "Meeting"} · CSL Commons` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { community, occurrence, scope } = await occurrenceAccess(context, request, user, params.seriesId, params.key, "meeting.view");
  const rsvp = await rsvpSummary(context.services.db, occurrence.meetingId, user.id);
  const { date, time } = formatMeetingTime(occurrence.startsAt, occurrence.endsAt, occurrence.timezone);
  const original = formatMeetingTime(occurrence.originalStart, occurrence.originalStart, occurrence.timezone);
  // Someone who reads times in another zone sees theirs too.
  const yours = user.timezone && user.timezone !== occurrence.timezone ? formatMeetingTime(occurrence.startsAt, occurrence.endsAt, user.timezone) : null;
  const startLocal = utcToLocal(occurrence.startsAt, occurrence.timezone);
  return {
    meeting: {
      title: occurrence.title,
      description: occurrence.description,
      date,
      time,
      yourTime: yours ? `${yours.date}, ${yours.time}` : null,
      originalDate: occurrence.moved ? original.date : null,
      cancelled: occurrence.status === "cancelled",
      past: Date.parse(occurrence.endsAt) < Date.now(),
      videoUrl: occurrence.videoUrl,
      agenda: occurrence.agenda,
      agendaMinutes: agendaMinutes(occurrence.agenda),
      icsHref: `/meetings/${occurrence.seriesId}/${occurrence.key}/calendar.ics`,
      roomHref: `/meetings/${occurrence.seriesId}/${occurrence.key}/room`,
      summaryHref: `/meetings/${occurrence.seriesId}/${occurrence.key}/summary`,
      seriesHref: `/meetings/${occurrence.seriesId}/edit`,
      roomOpen: roomIsOpen(occurrence.startsAt, occurrence.endsAt),
      roomOpenToFacilitators: roomIsOpen(occurrence.startsAt, occurrence.endsAt, Date.now(), true),
      startDate: startLocal.slice(0, 10),
      startTime: startLocal.slice(11),
      timezone: occurrence.timezone,
    },
    community: { name: community.name, slug: community.slug },
    rsvp,
    canRsvp: may(actorOf(user), "meeting.rsvp", scope),
    canManage: may(actorOf(user), "meeting.manage", scope),
  };
}

const moveSchema = z.object({ date: dateField, time: timeField });
const rsvpSchema = z.object({ response: z.enum(["yes", "maybe", "no"], { error: "Choose yes, maybe or no" }) });

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  const intent = form.get("intent");
  const action = intent === "rsvp" ? "meeting.rsvp" : "meeting.manage";
  const { occurrence, series } = await occurrenceAccess(context, request, user, params.seriesId, params.key, action);
  const { db } = context.services;
  /** Tells the people concerned when its time or status changed (its SEQUENCE rose). */
  const tellPeople = async (changed: boolean, before: Occurrence) => {
    const after = changed ? await getOccurrence(db, series, before.key) : undefined;
    if (after && after.sequence !== before.sequence) await occurrenceChanged(context.services, before, after, user.id);
  };
  switch (intent) {
    case "rsvp": {
      const parsed = parseForm(rsvpSchema, form);
      if (!parsed.ok) return invalid(parsed.failure);
      await setRsvp(db, occurrence, user.id, parsed.data.response);
      return { notice: "Thank you, your answer is saved." };
    }
    case "move": {
      const parsed = parseForm(moveSchema, form);
      if (!parsed.ok) return invalid(parsed.failure);
      const movedTo = `${parsed.data.date}T${parsed.data.time}`;
      const start = localToUtc(movedTo, occurrence.timezone);
      if (Number.isNaN(start.getTime())) return invalid({ errors: { date: "Choose a real date" }, values: {} });
      if (Math.abs(start.getTime() - Date.parse(occurrence.originalStart)) > maxMoveMs) {
        return invalid({ errors: { date: "Move a meeting by at most 30 days. For a bigger change, plan a new series." }, values: {} });
      }
      // Back to where the rule puts it is not a move.
      await tellPeople(await updateOccurrence(db, occurrence, { movedTo: start.toISOString() === occurrence.originalStart ? null : movedTo }), occurrence);
      return { notice: "The meeting is moved. Calendars that subscribe will update." };
    }
    case "cancel":
      if (!confirmed(form)) return formError(form, "Confirm that this meeting should be cancelled.");
      await tellPeople(await updateOccurrence(db, occurrence, { status: "cancelled" }), occurrence);
      return { notice: "This meeting is cancelled. Every member has been told." };
    case "restore":
      await tellPeople(await updateOccurrence(db, occurrence, { status: "scheduled" }), occurrence);
      return { notice: "This meeting is back on." };
    case "agenda": {
      const agenda = readAgenda(form);
      if (!agenda.ok) return invalid({ errors: { agenda: agenda.error }, values: {} });
      await updateOccurrence(db, occurrence, { agenda: agenda.agenda });
      return { notice: "The agenda for this meeting is saved." };
    }
    case "agenda-reset":
      await updateOccurrence(db, occurrence, { agenda: null });
      return { notice: "This meeting uses the series' agenda again." };
    default:
      return formError(form, "That action is not one this page knows.");
  }
}

const responses = [
  { value: "yes", label: "I'll be there" },
  { value: "maybe", label: "Maybe" },
  { value: "no", label: "Can't make it" },
] as const;

export default function MeetingPage({ loaderData, actionData }: Route.ComponentProps) {
  const { meeting, community, rsvp, canRsvp, canManage } = loaderData;
  const failure = failureOf(actionData);
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  return (
    <div className="space-y-6">
      <PageHeader
        title={meeting.title}
        description={
          <>
            <p className="text-xl font-semibold text-stone-900 dark:text-stone-100">{meeting.date}</p>
            <p>{meeting.time}</p>
            {meeting.yourTime ? <p className="text-sm">Your time: {meeting.yourTime}</p> : null}
            <p className="mt-1">
              <Link to={`/communities/${community.slug}`}>{community.name}</Link>
            </p>
          </>
        }
        actions={
          <>
            {!meeting.cancelled && (meeting.roomOpen || (canManage && meeting.roomOpenToFacilitators)) ? (
              <ButtonLink to={meeting.roomHref}>
                <Users aria-hidden="true" className="size-4" /> {meeting.roomOpen ? "Join the live room" : "Open the live room"}
              </ButtonLink>
            ) : null}
            {meeting.past ? (
              <ButtonLink to={meeting.summaryHref} variant="secondary">
                Summary
              </ButtonLink>
            ) : null}
            {meeting.videoUrl && !meeting.cancelled ? (
              <a href={meeting.videoUrl} className={buttonClass("secondary")}>
                <Video aria-hidden="true" className="size-4" /> Open the video link
              </a>
            ) : null}
            <ButtonLink to={meeting.icsHref} variant="secondary" reloadDocument>
              <CalendarPlus aria-hidden="true" className="size-4" /> Add to calendar (.ics)
            </ButtonLink>
          </>
        }
      />
      {notice ? <Notice>{notice}</Notice> : null}
      <FormError message={failure?.formError} />
      {meeting.cancelled ? (
        <div role="status" className="rounded-md border border-red-300 bg-red-50 p-4 font-semibold text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          This meeting is cancelled.
        </div>
      ) : null}
      {meeting.originalDate ? <p className="font-medium">Moved from {meeting.originalDate}.</p> : null}
      {meeting.description ? <p className="max-w-2xl">{meeting.description}</p> : null}

      <div className="grid gap-6 md:grid-cols-2">
        <Card title={`Agenda · ${meeting.agendaMinutes} minutes`}>
          <ol className="space-y-2">
            {meeting.agenda.map((phase, i) => (
              <li key={i} className="flex justify-between gap-4 border-b border-stone-100 pb-2 last:border-0 dark:border-stone-800">
                <span>{phase.title}</span>
                <span className="text-stone-700 dark:text-stone-300">{phase.minutes} min</span>
              </li>
            ))}
          </ol>
        </Card>
        <Card title="Who is coming">
          <p>
            {rsvp.counts.yes} coming · {rsvp.counts.maybe} maybe · {rsvp.counts.no} can't make it
          </p>
          {rsvp.attending.length > 0 ? <p className="mt-2 text-sm text-stone-700 dark:text-stone-300">{rsvp.attending.map((a) => a.name).join(", ")}</p> : null}
          {canRsvp && !meeting.cancelled && !meeting.past ? (
            <Form method="post" className="mt-4">
              <input type="hidden" name="intent" value="rsvp" />
              <fieldset>
                <legend className="text-sm font-medium">Will you come?{rsvp.mine ? ` Your answer: ${responses.find((r) => r.value === rsvp.mine)?.label}.` : ""}</legend>
                <div className="mt-2 flex flex-wrap gap-2">
                  {responses.map((r) => (
                    <Button key={r.value} name="response" value={r.value} variant={rsvp.mine === r.value ? "primary" : "secondary"}>
                      {r.label}
                    </Button>
                  ))}
                </div>
              </fieldset>
            </Form>
          ) : null}
        </Card>
      </div>

      {canManage ? (
        <section aria-labelledby="facilitator-heading" className="space-y-4">
          <h2 id="facilitator-heading" className="text-xl font-semibold">
            For facilitators
          </h2>
          <p>
            <Link to={meeting.seriesHref}>Change, end or delete the whole series</Link>
          </p>
          <div className="grid gap-6 md:grid-cols-2">
            <Card title="Move this meeting" headingLevel={3}>
              <Form method="post" className="space-y-3" noValidate>
                <input type="hidden" name="intent" value="move" />
                <div className="grid grid-cols-2 gap-3">
                  <Field label="Date" name="date" type="date" defaultValue={meeting.startDate} error={failure?.errors.date} />
                  <Field label={`Time (${meeting.timezone.replace("America/", "")})`} name="time" type="time" defaultValue={meeting.startTime} error={failure?.errors.time} />
                </div>
                <Button variant="secondary">Move</Button>
              </Form>
              <Form method="post" className="mt-4">
                {meeting.cancelled ? (
                  <Button name="intent" value="restore" variant="secondary">
                    Put this meeting back on
                  </Button>
                ) : (
                  <ConfirmAction
                    label="Cancel this meeting"
                    intent="cancel"
                    confirmLabel="Yes, cancel it"
                    question={
                      <p>
                        Cancel {meeting.title} on {meeting.date}? Every member is told, and calendars that subscribe drop it.
                      </p>
                    }
                  />
                )}
              </Form>
            </Card>
            <Card title="This meeting's agenda" headingLevel={3}>
              <Form method="post" className="space-y-3" noValidate>
                <AgendaEditor agenda={meeting.agenda} error={failure?.errors.agenda} />
                <div className="flex flex-wrap gap-2">
                  <Button name="intent" value="agenda" variant="secondary">
                    Save agenda
                  </Button>
                  <Button name="intent" value="agenda-reset" variant="quiet">
                    Use the series' agenda
                  </Button>
                </div>
              </Form>
            </Card>
          </div>
        </section>
      ) : null}
    </div>
  );
}
