import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/series.edit";
import { Button, Card, ConfirmAction, Field, FormError, PageHeader, Select, TextArea } from "../components/ui";
import { requireUser, notFound } from "../lib/auth.server";
import { authorizeInCommunity } from "../lib/community.server";
import { confirmed, failureOf, formError, formValues, invalid, parseForm, readForm } from "../lib/forms";
import { seriesFields, timezones } from "../lib/meetingForms";
import { changeSeries, deleteSeries, endSeries, getSeries, occurrencesInWindow, SeriesChangedMeanwhile, seriesRule } from "../../db/queries/meetings";
import { getCommunity } from "../../db/queries/communities";
import { seriesChanged } from "../../server/meetingNotices";
import { formatMeetingTime } from "../../shared/format";
import { describeRule, lastStartedOn, occurrenceOn } from "../../shared/recurrence";
import { recurrencePresets, type RecurrencePreset } from "../../shared/recurrencePresets";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `Change ${data?.series.title ?? "series"} · CSL Commons` }];

async function seriesAccess(context: Route.LoaderArgs["context"], request: Request, seriesId: string | undefined) {
  const user = requireUser(context, request);
  const missing = "There is no meeting series here. It may have been removed.";
  const series = seriesId ? await getSeries(context.services.db, seriesId) : undefined;
  const community = series ? await getCommunity(context.services.db, series.community_id) : undefined;
  if (!series || !community) notFound(missing);
  // A series that went on as another after a change is changed there; a change sent to the old
  // one was made on a page that is out of date.
  if (series.continued_as) {
    if (request.method === "POST") throw new SeriesChangedMeanwhile();
    throw redirect(`/meetings/${series.continued_as}/edit${new URL(request.url).search}`);
  }
  await authorizeInCommunity(context, user, community, "meeting.manage", { notFound: missing, forbidden: "Only the community's facilitators change its meetings." });
  return { user, series, community };
}

const presetOf = (rrule: string) => (Object.entries(recurrencePresets).find(([, p]) => p.rrule === rrule)?.[0] ?? null) as RecurrencePreset | null;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { series, community } = await seriesAccess(context, request, params.seriesId);
  const now = new Date();
  const [next] = await occurrencesInWindow(context.services.db, [series], now, new Date(now.getTime() + 400 * 86_400_000));
  const lastStarted = lastStartedOn(seriesRule(series), now);
  const lastSlot = lastStarted ? occurrenceOn(seriesRule(series), lastStarted) : null;
  return {
    series: {
      id: series.id,
      title: series.title,
      description: series.description,
      // The form proposes the next meeting as where the series (as changed) goes on from.
      date: next?.key ?? series.start_local.slice(0, 10),
      time: series.start_local.slice(11),
      durationMinutes: series.duration_minutes,
      repeat: presetOf(series.rrule),
      rule: describeRule(series.rrule),
      timezone: series.timezone,
      videoUrl: series.video_url ?? "",
      endsOn: series.ends_on ?? "",
      continuedAs: series.continued_as,
    },
    lastStarted: lastSlot ? formatMeetingTime(lastSlot.start.toISOString(), lastSlot.start.toISOString(), series.timezone).date : null,
    community: { name: community.name, slug: community.slug },
    changedMeanwhile: new URL(request.url).searchParams.get("changed") === "meanwhile",
  };
}

// The repeat rule may be one the presets do not offer (then it is kept as it is), and a series may end.
const schema = seriesFields.extend({
  repeat: seriesFields.shape.repeat.optional(),
  endsOn: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), "Choose a date, or leave it empty"),
});

const changedMeanwhile = "Someone changed this series a moment ago. Here it is as it stands now: check it, then make your change again.";

/**
 * A change made on a page that was out of date changes nothing: the person is sent to the series
 * as it now stands (the one it went on as, if it did), told why.
 */
export async function action(args: Route.ActionArgs) {
  try {
    return await changeOrEnd(args);
  } catch (error) {
    if (!SeriesChangedMeanwhile.is(error)) throw error;
    const current = await getSeries(args.context.services.db, args.params.seriesId);
    throw redirect(`/meetings/${current?.continued_as ?? args.params.seriesId}/edit?changed=meanwhile`);
  }
}

async function changeOrEnd({ context, request, params }: Route.ActionArgs) {
  const { user, series, community } = await seriesAccess(context, request, params.seriesId);
  const { db } = context.services;
  const form = await readForm(request);
  const now = new Date();
  const upcoming = await occurrencesInWindow(db, [series], now, new Date(now.getTime() + 400 * 86_400_000));
  const communityHref = `/communities/${community.slug}`;
  switch (form.get("intent")) {
    case "save": {
      const parsed = parseForm(schema, form);
      if (!parsed.ok) return invalid(parsed.failure);
      const input = parsed.data;
      const rrule = input.repeat ? recurrencePresets[input.repeat].rrule : series.rrule;
      const lastStarted = lastStartedOn(seriesRule(series), now);
      if (lastStarted && input.date <= lastStarted) return invalid({ errors: { date: `This series has met up to ${lastStarted}: choose its next meeting after that.` }, values: formValues(form) });
      if (input.endsOn && input.endsOn < input.date) return invalid({ errors: { endsOn: "The last meeting cannot come before the next one." }, values: formValues(form) });
      const { series: carried, split } = await changeSeries(
        db,
        series,
        { title: input.title, description: input.description, startLocal: `${input.date}T${input.time}`, timezone: input.timezone, durationMinutes: input.durationMinutes, rrule, videoUrl: input.videoUrl, endsOn: input.endsOn },
        user.id,
        now,
      );
      const [next] = await occurrencesInWindow(db, [carried], now, new Date(now.getTime() + 400 * 86_400_000));
      const nextText = next ? ` The next meeting is ${Object.values(formatMeetingTime(next.startsAt, next.endsAt, next.timezone)).join(", ")}.` : " No meetings are planned after this.";
      await seriesChanged(context.services, {
        series: carried,
        upcoming,
        what: "changed",
        describe: `${community.name} changed ${carried.title}: it now meets ${describeRule(carried.rrule).toLowerCase()}, ${carried.duration_minutes} minutes.${nextText}`,
        href: next ? `/meetings/${next.seriesId}/${next.key}` : communityHref,
        actorId: user.id,
      });
      throw redirect(`${communityHref}?series=${split ? "continued" : "saved"}`);
    }
    case "end": {
      if (!confirmed(form)) return formError(form, "Confirm that the series should end.");
      const last = await endSeries(db, series, now);
      if (!last) return formError(form, "This series has not met yet. Delete it instead.");
      await seriesChanged(context.services, {
        series: { ...series, ends_on: last, updated_at: new Date().toISOString() },
        upcoming,
        what: "ended",
        describe: `${series.title} has ended: there are no more meetings after ${last}. Thank you for taking part.`,
        href: communityHref,
        actorId: user.id,
      });
      throw redirect(`${communityHref}?series=ended`);
    }
    case "delete": {
      if (!confirmed(form)) return formError(form, "Confirm that the series should be deleted.");
      if (!(await deleteSeries(db, series, now))) return formError(form, "This series has met already: end it instead, so that its past meetings and summaries stay.");
      await seriesChanged(context.services, {
        series: { ...series, updated_at: new Date().toISOString() },
        upcoming,
        what: "deleted",
        describe: `${series.title} will not take place: the series was removed before its first meeting.`,
        href: communityHref,
        actorId: user.id,
      });
      throw redirect(`${communityHref}?series=deleted`);
    }
    default:
      return formError(form, "That action is not one this page knows.");
  }
}

export default function EditSeries({ loaderData, actionData }: Route.ComponentProps) {
  const { series, community, lastStarted } = loaderData;
  const failure = failureOf(actionData);
  const v = failure?.values;
  return (
    <div className="max-w-2xl space-y-8">
      <PageHeader title={`Change ${series.title}`} description={<Link to={`/communities/${community.slug}`}>Back to {community.name}</Link>} />
      <FormError message={failure?.formError ?? (loaderData.changedMeanwhile && !actionData ? changedMeanwhile : null)} />
      <Form method="post" className="space-y-5" noValidate>
        <input type="hidden" name="intent" value="save" />
        <Field label="Name" name="title" required defaultValue={v?.title ?? series.title} error={failure?.errors.title} />
        <TextArea label="What happens in it (optional)" name="description" rows={3} defaultValue={v?.description ?? series.description} error={failure?.errors.description} />
        <p className="text-sm text-stone-700 dark:text-stone-300">
          {lastStarted
            ? `A new time, length or rule applies from the next meeting on; meetings up to ${lastStarted} keep theirs. People coming to an upcoming meeting are told.`
            : "People coming to an upcoming meeting are told of a change."}
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Next meeting" name="date" type="date" required defaultValue={v?.date ?? series.date} error={failure?.errors.date} />
          <Field label="Starts at" name="time" type="time" required defaultValue={v?.time ?? series.time} error={failure?.errors.time} />
          <Field label="Length in minutes" name="durationMinutes" type="number" min={15} max={480} defaultValue={v?.durationMinutes ?? String(series.durationMinutes)} error={failure?.errors.durationMinutes} />
          {series.repeat ? (
            <Select
              label="Repeats"
              name="repeat"
              defaultValue={v?.repeat ?? series.repeat}
              error={failure?.errors.repeat}
              options={Object.entries(recurrencePresets).map(([value, p]) => ({ value, label: p.label }))}
            />
          ) : (
            <p className="text-sm">Repeats: {series.rule}</p>
          )}
        </div>
        <Select label="Time zone" name="timezone" defaultValue={v?.timezone ?? series.timezone} error={failure?.errors.timezone} options={timezones.map((z) => ({ value: z, label: z.replace("America/", "").replace("_", " ") }))} />
        <Field label="Video link (optional)" name="videoUrl" type="url" defaultValue={v?.videoUrl ?? series.videoUrl} error={failure?.errors.videoUrl} />
        <Field label="Last meeting on or before (optional)" name="endsOn" type="date" hint="Leave empty while the series goes on." defaultValue={v?.endsOn ?? series.endsOn} error={failure?.errors.endsOn} />
        <Button>Save changes</Button>
      </Form>
      <Card title="End or delete this series">
        <div className="flex flex-wrap gap-4">
          {lastStarted ? (
            <Form method="post">
              <ConfirmAction
                label="End this series"
                intent="end"
                confirmLabel="Yes, end it"
                question={<p>No meetings after {lastStarted}. Past meetings, their summaries and maps stay. Every member is told.</p>}
              />
            </Form>
          ) : (
            <Form method="post">
              <ConfirmAction label="Delete this series" intent="delete" confirmLabel="Yes, delete it" question={<p>It has not met yet. Every member is told that it will not take place.</p>} />
            </Form>
          )}
        </div>
      </Card>
    </div>
  );
}
