import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/community.meetings.new";
import { Button, Field, FormError, PageHeader, Select, TextArea } from "../components/ui";
import { AgendaEditor } from "../components/AgendaEditor";
import { requireUser } from "../lib/auth.server";
import { communityAccess } from "../lib/community.server";
import { failureOf, invalid, parseForm, readForm } from "../lib/forms";
import { readAgenda, seriesFields, timezones } from "../lib/meetingForms";
import { createSeries } from "../../db/queries/meetings";
import { defaultAgenda } from "../../shared/agenda";
import { defaultTimezone, recurrencePresets } from "../../shared/recurrencePresets";

export const meta = () => [{ title: "New meeting series · CSL Commons" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { community } = await communityAccess(context, user, params.slug, "meeting.manage");
  return { community: { name: community.name, slug: community.slug }, agenda: defaultAgenda };
}

const schema = seriesFields;

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const { community } = await communityAccess(context, user, params.slug, "meeting.manage");
  const form = await readForm(request);
  const parsed = parseForm(schema, form);
  const agenda = readAgenda(form);
  if (!parsed.ok || !agenda.ok) {
    const failure = parsed.ok ? { errors: {}, values: {} } : parsed.failure;
    if (!agenda.ok) failure.errors.agenda = agenda.error;
    return invalid(failure);
  }
  const input = parsed.data;
  await createSeries(context.services.db, {
    communityId: community.id,
    title: input.title,
    description: input.description,
    startLocal: `${input.date}T${input.time}`,
    timezone: input.timezone,
    durationMinutes: input.durationMinutes,
    rrule: recurrencePresets[input.repeat].rrule,
    videoUrl: input.videoUrl,
    agenda: agenda.agenda,
    createdBy: user.id,
  });
  throw redirect(`/communities/${community.slug}`);
}

export default function NewSeries({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const v = failure?.values;
  return (
    <div className="max-w-2xl">
      <PageHeader title="Plan a meeting series" description={<Link to={`/communities/${loaderData.community.slug}`}>Back to {loaderData.community.name}</Link>} />
      <Form method="post" className="space-y-5" noValidate>
        <FormError message={failure?.formError} />
        <Field label="Name" name="title" required defaultValue={v?.title ?? "Community circle"} error={failure?.errors.title} />
        <TextArea label="What happens in it (optional)" name="description" rows={3} defaultValue={v?.description} error={failure?.errors.description} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="First meeting" name="date" type="date" required defaultValue={v?.date} error={failure?.errors.date} />
          <Field label="Starts at" name="time" type="time" required defaultValue={v?.time ?? "15:30"} error={failure?.errors.time} />
          <Field label="Length in minutes" name="durationMinutes" type="number" min={15} max={480} defaultValue={v?.durationMinutes ?? "90"} error={failure?.errors.durationMinutes} />
          <Select
            label="Repeats"
            name="repeat"
            defaultValue={v?.repeat ?? "biweekly"}
            error={failure?.errors.repeat}
            options={Object.entries(recurrencePresets).map(([value, p]) => ({ value, label: p.label }))}
          />
        </div>
        <Select label="Time zone" name="timezone" defaultValue={v?.timezone ?? defaultTimezone} error={failure?.errors.timezone} options={timezones.map((z) => ({ value: z, label: z.replace("America/", "").replace("_", " ") }))} />
        <Field label="Video link (optional)" name="videoUrl" type="url" hint="The Zoom, Teams or Jitsi link people use to see and hear each other." defaultValue={v?.videoUrl} error={failure?.errors.videoUrl} />
        <AgendaEditor agenda={loaderData.agenda} error={failure?.errors.agenda} />
        <Button>Create meeting series</Button>
      </Form>
    </div>
  );
}
