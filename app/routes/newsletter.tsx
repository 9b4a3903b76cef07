// One newsletter: written in Markdown with a preview beside it (rendered and sanitized by the
// server, live while typing when scripts run), its audience chosen by a contact filter or a saved
// segment with the count of people who may be sent to, a test copy to oneself, then scheduled or
// sent now; once started, its report (sent, failed with the server's reply, unsubscribed through
// it), pause and resume. Admins and coordinators only.
import { useEffect, useRef } from "react";
import { data, Form, Link, redirect, useFetcher, type ShouldRevalidateFunctionArgs } from "react-router";
import type { Route } from "./+types/newsletter";
import { Button, Card, ConfirmAction, Field, Figures, FormError, Notice, PageHeader } from "../components/ui";
import { notFound, requireUser } from "../lib/auth.server";
import { confirmed, formError, readForm } from "../lib/forms";
import { communityOptions, regionsInUse, requireContactKeeper } from "../lib/contacts.server";
import { ContactFilterFields } from "../network/ContactFilterFields";
import { newsletterStatusNames } from "../network/newsletterWords";
import {
  audienceCount,
  audienceOf,
  deliveryCounts,
  failedDeliveries,
  getNewsletter,
  queueTestCopy,
  retryFailed,
  scheduleNewsletter,
  setPaused,
  startSending,
  updateNewsletter,
} from "../../db/queries/newsletters";
import { contactFilterSchema, filterFromParams, type ContactFilter } from "../../shared/network/contactSearch";
import { renderMarkdown } from "../../shared/markdown";
import { formatDateTime } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";
import { isValidLocal, localToUtc, utcToLocal } from "../../shared/recurrence";
import { zoneLabel } from "../../shared/timezones";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.newsletter.subject ?? "Newsletter"} · CSL Commons` }];

const maxBody = 100_000;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireContactKeeper(requireUser(context, request));
  const { db } = context.services;
  const newsletter = await getNewsletter(db, params.newsletterId);
  if (!newsletter) notFound("There is no such newsletter.");
  const audience = audienceOf(newsletter.audience);
  const started = newsletter.status === "sending" || newsletter.status === "paused" || newsletter.status === "sent";
  return {
    newsletter: {
      id: newsletter.id,
      subject: newsletter.subject,
      body: newsletter.body_markdown,
      status: newsletter.status,
      statusName: newsletterStatusNames[newsletter.status],
      scheduledFor: newsletter.scheduled_for ? `${formatDateTime(newsletter.scheduled_for, defaultTimezone)} ${zoneLabel(defaultTimezone, Date.parse(newsletter.scheduled_for))}` : null,
      scheduledLocal: newsletter.scheduled_for ? utcToLocal(newsletter.scheduled_for, defaultTimezone) : "",
      started: newsletter.started_at ? formatDateTime(newsletter.started_at, defaultTimezone) : null,
      finished: newsletter.finished_at ? formatDateTime(newsletter.finished_at, defaultTimezone) : null,
      recipients: newsletter.recipients,
    },
    audience,
    started,
    previewHtml: newsletter.body_html ?? renderMarkdown(newsletter.body_markdown),
    count: started ? null : await audienceCount(db, audience),
    report: started ? await deliveryCounts(db, newsletter.id) : null,
    failures: started ? await failedDeliveries(db, newsletter.id) : [],
    smtp: Boolean(context.services.config.SMTP_URL),
    segments: await db.selectFrom("contact_segments").select(["id", "name"]).orderBy("name").execute(),
    regions: await regionsInUse(context),
    communities: await communityOptions(context),
    zone: zoneLabel(defaultTimezone, Date.now()),
  };
}

/** Typing in the editor asks only for a preview: the page's other figures need not be read again. */
export function shouldRevalidate({ formData, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;
}

/** The draft the form describes; the audience from a chosen segment, or from the filter's fields. */
async function draftOf(context: Route.ActionArgs["context"], form: FormData): Promise<{ subject: string; bodyMarkdown: string; audience: ContactFilter } | string> {
  const subject = String(form.get("subject") ?? "").trim();
  const bodyMarkdown = String(form.get("body") ?? "");
  if (subject.length < 3 || subject.length > 150) return "Give it a subject of 3 to 150 characters.";
  if (bodyMarkdown.length > maxBody) return `The newsletter is too long: keep it under ${maxBody.toLocaleString("en-CA")} characters.`;
  const segmentId = String(form.get("segment") ?? "");
  if (segmentId) {
    const segment = await context.services.db.selectFrom("contact_segments").select("filter").where("id", "=", segmentId).executeTakeFirst();
    if (!segment) return "That segment is no longer kept: choose another, or use the filter.";
    return { subject, bodyMarkdown, audience: contactFilterSchema.parse(JSON.parse(segment.filter)) };
  }
  const params = new URLSearchParams();
  for (const key of ["q", "tag", "region", "type", "sey2kt", "people", "community", "role"]) params.set(key, String(form.get(key) ?? ""));
  return { subject, bodyMarkdown, audience: filterFromParams(params) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireContactKeeper(user);
  const { db } = context.services;
  const newsletter = await getNewsletter(db, params.newsletterId);
  if (!newsletter) notFound("There is no such newsletter.");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "save");
  const here = `/network/newsletters/${newsletter.id}`;

  if (intent === "preview") {
    const body = String(form.get("body") ?? "").slice(0, maxBody);
    return { previewHtml: renderMarkdown(body) };
  }
  if (intent === "pause" || intent === "resume") {
    if (!(await setPaused(db, newsletter.id, intent === "pause"))) return formError(form, intent === "pause" ? "It is not sending now." : "It is not paused.", 409);
    if (intent === "resume") context.services.newsletters?.wake();
    throw redirect(here);
  }
  if (intent === "retry-failed") {
    const again = await retryFailed(db, newsletter.id);
    context.services.newsletters?.wake();
    return { notice: `${again} ${again === 1 ? "copy is" : "copies are"} queued again.` };
  }
  if (newsletter.status !== "draft" && newsletter.status !== "scheduled") return formError(form, "It has started: its words and audience can no longer change.", 409);

  const draft = await draftOf(context, form);
  if (typeof draft === "string") return formError(form, draft);
  if (!(await updateNewsletter(db, newsletter.id, draft))) return formError(form, "It has started: its words and audience can no longer change.", 409);

  if (intent === "test") {
    await queueTestCopy(db, newsletter.id, { email: user.email, name: user.name });
    context.services.newsletters?.wake();
    return { notice: `A test copy is on its way to ${user.email}.` };
  }
  if (intent === "schedule") {
    const local = String(form.get("when") ?? "");
    if (!isValidLocal(local)) return formError(form, "Choose the day and time to send it.");
    const at = localToUtc(local, defaultTimezone);
    if (at.getTime() < Date.now() + 60_000) return formError(form, "Choose a time in the future (or send it now).");
    await scheduleNewsletter(db, newsletter.id, at.toISOString());
    throw redirect(here);
  }
  if (intent === "unschedule") {
    await scheduleNewsletter(db, newsletter.id, null);
    throw redirect(here);
  }
  if (intent === "send") {
    if (!confirmed(form)) return formError(form, "Confirm the send.");
    if (!draft.bodyMarkdown.trim()) return formError(form, "Write the newsletter before sending it.");
    const queued = await startSending(db, newsletter.id);
    if (queued === null) return formError(form, "It has started already.", 409);
    context.services.newsletters?.wake();
    throw redirect(here);
  }
  return data({ notice: "Saved." });
}

export default function NewsletterPage({ loaderData, actionData }: Route.ComponentProps) {
  const { newsletter, started, report } = loaderData;
  const result = actionData as { notice?: string; formError?: string; previewHtml?: string } | undefined;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/network/newsletters">All newsletters</Link>
      </p>
      <PageHeader
        title={newsletter.subject}
        description={
          <p>
            {newsletter.statusName}
            {newsletter.scheduledFor ? `: to be sent ${newsletter.scheduledFor}` : ""}
            {newsletter.started ? `: started ${newsletter.started}` : ""}
            {newsletter.finished ? `, finished ${newsletter.finished}` : ""}
          </p>
        }
        actions={started ? <Link to={`/newsletters/${newsletter.id}`}>Web version</Link> : null}
      />
      {result?.notice ? <Notice>{result.notice}</Notice> : null}
      <FormError message={result?.formError} />
      {!loaderData.smtp ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          No mail server is set up (SMTP_URL): copies wait in the queue until one is.
        </p>
      ) : null}
      {started && report ? <Report status={newsletter.status} report={report} failures={loaderData.failures} /> : <Editor key={`${newsletter.subject}\n${JSON.stringify(loaderData.audience)}`} loaderData={loaderData} />}
      {started ? (
        <Card title="What was sent">
          {/* Sanitized on the server (shared/network/newsletterContent.ts). */}
          <div className="markdown-body max-w-none" dangerouslySetInnerHTML={{ __html: loaderData.previewHtml }} />
        </Card>
      ) : null}
    </div>
  );
}

function Editor({ loaderData }: { loaderData: Route.ComponentProps["loaderData"] }) {
  const { newsletter, count } = loaderData;
  const preview = useFetcher<{ previewHtml: string }>();
  // The latest preview typed, else the saved one (a save renders the same words).
  const html = preview.data?.previewHtml ?? loaderData.previewHtml;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const onBody = (body: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => preview.submit({ intent: "preview", body }, { method: "post" }), 300);
  };
  return (
    <Form method="post" className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Write">
          <div className="space-y-3">
            <Field label="Subject" name="subject" required maxLength={150} defaultValue={newsletter.subject} />
            <div>
              <label htmlFor="markdown-body" className="block text-sm font-medium">
                Newsletter (Markdown)
              </label>
              <p id="markdown-body-hint" className="text-sm text-stone-700 dark:text-stone-300">
                # for a heading, **bold**, *italic*, - for a list, [words](https://…) for a link.
              </p>
              <textarea
                id="markdown-body"
                name="body"
                rows={18}
                maxLength={100_000}
                defaultValue={newsletter.body}
                aria-describedby="markdown-body-hint"
                onChange={(event) => onBody(event.currentTarget.value)}
                className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 font-mono text-sm dark:bg-stone-900"
              />
            </div>
            <Button name="intent" value="save" variant="secondary">
              Save and preview
            </Button>
          </div>
        </Card>
        <Card title="Preview">
          {/* Sanitized on the server (shared/network/newsletterContent.ts). */}
          <div aria-live="polite" className="markdown-body max-w-none" dangerouslySetInnerHTML={{ __html: html || "<p><em>Nothing written yet.</em></p>" }} />
        </Card>
      </div>
      <Card title="Who receives it">
        <div className="space-y-3">
          <label className="block text-sm font-medium">
            A saved segment
            <select name="segment" defaultValue="" className="mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900">
              <option value="">None: use the filter below</option>
              {loaderData.segments.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="flex flex-wrap items-end gap-3">
            <legend className="mb-2 text-sm font-medium">Filter (everyone when left empty)</legend>
            <ContactFilterFields filter={loaderData.audience} regions={loaderData.regions} communities={loaderData.communities} />
          </fieldset>
          {count ? (
            <p className="font-medium" data-testid="audience-count">
              {count.consenting} of the {count.chosen} people chosen may be sent it now (live consent).
            </p>
          ) : null}
          <Button name="intent" value="save" variant="secondary">
            Save and count
          </Button>
        </div>
      </Card>
      <Card title="Send">
        <div className="space-y-4">
          <Button name="intent" value="test" variant="secondary">
            Send a test to me
          </Button>
          <div className="flex flex-wrap items-end gap-3">
            <Field label={`Send on (${loaderData.zone})`} name="when" type="datetime-local" defaultValue={newsletter.scheduledLocal} />
            <Button name="intent" value="schedule" variant="secondary">
              Schedule
            </Button>
            {newsletter.status === "scheduled" ? (
              <Button name="intent" value="unschedule" variant="quiet">
                Keep as a draft instead
              </Button>
            ) : null}
          </div>
          <ConfirmAction
            label="Send now"
            question={<p>Send “{newsletter.subject}” now to the {count?.consenting ?? 0} people who may be sent it? (Saved changes above are included.)</p>}
            confirmLabel="Yes, send it now"
            intent="send"
          />
        </div>
      </Card>
    </Form>
  );
}

function Report({ status, report, failures }: { status: string; report: NonNullable<Route.ComponentProps["loaderData"]["report"]>; failures: Route.ComponentProps["loaderData"]["failures"] }) {
  return (
    <Card title="Report">
      <div className="space-y-4">
        <Figures
          items={[
            ["Sent", String(report.sent)],
            ["Waiting", String(report.queued)],
            ["Failed", String(report.failed)],
            ["Withdrawn (unsubscribed before)", String(report.withdrawn)],
            ["Unsubscribed since it went", String(report.unsubscribedSince)],
            ["…through its own link", String(report.unsubscribed)],
          ]}
        />
        <Form method="post" className="flex flex-wrap gap-2">
          {status === "sending" ? (
            <Button name="intent" value="pause" variant="secondary">
              Pause sending
            </Button>
          ) : null}
          {status === "paused" ? <Button name="intent" value="resume">Resume sending</Button> : null}
          {report.failed ? (
            <Button name="intent" value="retry-failed" variant="secondary">
              Try the failed ones again
            </Button>
          ) : null}
        </Form>
        {failures.length ? (
          <table className="w-full text-left text-sm">
            <caption className="mb-2 text-left font-medium">Not delivered, with the mail server&apos;s reply</caption>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Attempts</th>
                <th scope="col">Reply</th>
              </tr>
            </thead>
            <tbody>
              {failures.map((f) => (
                <tr key={f.email} className="border-t border-stone-200 dark:border-stone-800">
                  <td className="py-1">
                    {f.name} &lt;{f.email}&gt;
                  </td>
                  <td>{f.attempts}</td>
                  <td className="font-mono text-xs">{f.last_reply}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </Card>
  );
}
