// One training request for the director: what was asked; the quote with every version kept (a
// revision is a new version; each prints and downloads as PDF); sending it (the request becomes
// "quoted" and the requester gets it by email); the sessions, which become events reached by their
// link; the stage with its history (who, when, from, to, what was sent). Going Deeper requests
// lead to their cohort.
import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/network.training-request";
import { Button, ButtonLink, Card, Field, FormError, Notice, PageHeader, Select, TextArea } from "../components/ui";
import { notFound, requireUser } from "../lib/auth.server";
import { requireEventKeeper } from "../lib/events.server";
import { formError, formValues, parseForm, readForm } from "../lib/forms";
import { readAsk } from "../lib/training.server";
import { QuoteTable } from "../training/QuoteTable";
import { offeringRules } from "../../shared/training/offerings";
import { formatCad, quote } from "../../shared/training/quote";
import { trainingStageNames, trainingStages } from "../../shared/training/stages";
import type { TrainingStage } from "../../db/schema";
import { formatDateTime } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";
import { isValidLocal, localToUtc } from "../../shared/recurrence";
import { moveStage, quoteVersions, saveQuoteVersion, sendQuote } from "../../db/queries/training";
import { createEvent } from "../../db/queries/events";
import { recordQuoteEmail, recordScheduledEmail } from "../../server/trainingNotices";
import { whenOf } from "../../server/eventNotices";

export const meta = () => [{ title: "Training request · CSL Commons" }];

const askOf = (v: { hours: number; participants: number; facilitators: number; prep_hours: number }, offering: Parameters<typeof quote>[0]["offering"]) => ({ offering, hours: v.hours, participants: v.participants, facilitators: v.facilitators, prepHours: v.prep_hours });

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireEventKeeper(requireUser(context, request));
  const { db } = context.services;
  const r = await db.selectFrom("training_requests").selectAll().where("id", "=", params.requestId).executeTakeFirst();
  if (!r) notFound("There is no such request.");
  const [history, versions, sessions, cohort] = await Promise.all([
    db.selectFrom("training_request_changes").leftJoin("users", "users.id", "training_request_changes.changed_by").select(["training_request_changes.id", "changed_at", "from_stage", "to_stage", "note", "users.name as by"]).where("request_id", "=", r.id).orderBy("changed_at").orderBy("training_request_changes.id").execute(),
    quoteVersions(db, r.id),
    db.selectFrom("events").selectAll().where("training_request_id", "=", r.id).orderBy("starts_at").execute(),
    db.selectFrom("cohorts").select(["id", "name"]).where("request_id", "=", r.id).executeTakeFirst(),
  ]);
  const current = versions[0] ?? { ...r, version: 0 };
  return {
    request: { ...r, offeringName: offeringRules[r.offering].name, received: formatDateTime(r.created_at, defaultTimezone), perParticipant: offeringRules[r.offering].billing === "per-participant" },
    current: { version: current.version, hours: current.hours, participants: current.participants, facilitators: current.facilitators, prepHours: current.prep_hours, note: versions[0]?.note ?? null },
    quote: quote(askOf(current, r.offering)),
    versions: versions.map((v) => ({ version: v.version, total: formatCad(v.total_cents), at: formatDateTime(v.created_at, defaultTimezone), note: v.note })),
    sessions: sessions.map((e) => ({ id: e.id, slug: e.slug, when: whenOf(e), where: e.mode === "online" ? "Online" : (e.venue ?? ""), capacity: e.capacity })),
    cohort,
    history: history.map((h) => ({ id: h.id, at: formatDateTime(h.changed_at, defaultTimezone), by: h.by ?? "the request form", from: h.from_stage ? trainingStageNames[h.from_stage] : null, to: trainingStageNames[h.to_stage], note: h.note })),
  };
}

const localTime = z.string().refine(isValidLocal, "Choose a day and time.");
const sessionSchema = z
  .object({
    start: localTime,
    end: localTime,
    mode: z.enum(["online", "in-person"]),
    venue: z.preprocess((v) => v ?? "", z.string().trim().max(200)).transform((v) => v || null),
    videoUrl: z.preprocess((v) => v ?? "", z.union([z.literal(""), z.url({ protocol: /^https$/, message: "Give the video link as an https:// address." })])).transform((v) => v || null),
    capacity: z.coerce.number({ message: "Give the number of places." }).int("Places are whole numbers.").min(1, "At least 1 place.").max(250, "At most 250 places."),
  })
  .refine((e) => e.end > e.start, { path: ["end"], message: "It ends after it starts." })
  .refine((e) => e.mode === "online" || e.venue, { path: ["venue"], message: "Say where it happens." });

/**
 * Sends the request's quote (a new version from `revision`, else the latest) with its email recorded
 * in the same transaction, and releases the email once that has committed.
 */
async function sendQuoteByEmail(context: Route.ActionArgs["context"], requestId: string, userId: string, revision: Parameters<typeof sendQuote>[4]) {
  const { db, dialect, mailer } = context.services;
  const ids: string[] = [];
  const sent = await sendQuote(db, dialect, requestId, userId, revision, async (trx, req, v) => {
    ids.push(await recordQuoteEmail(trx, mailer, req, v.version, quote(askOf(v, req.offering)), v.note));
  });
  mailer.release(ids);
  return sent;
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireEventKeeper(user);
  const { db, dialect, mailer } = context.services;
  const r = await db.selectFrom("training_requests").selectAll().where("id", "=", params.requestId).executeTakeFirst();
  if (!r) notFound("There is no such request.");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");

  if (intent === "quote" || intent === "quote-send") {
    const { ask, check } = readAsk(form, r.offering);
    if (Object.keys(check.problems).length) return { errors: check.problems as Record<string, string>, values: formValues(form), intent };
    const note = String(form.get("note") ?? "").trim().slice(0, 2000) || null;
    if (intent === "quote") {
      const saved = await saveQuoteVersion(db, dialect, r.id, ask, note, user.id);
      return { notice: `Saved as version ${saved?.version}. It has not been sent.` };
    }
    const sent = await sendQuoteByEmail(context, r.id, user.id, { ask, note });
    return { notice: `Version ${sent?.version} sent to ${r.contact_email}.` };
  }

  if (intent === "session") {
    const parsed = parseForm(sessionSchema, form);
    if (!parsed.ok) return { ...parsed.failure, intent };
    const s = parsed.data;
    const startsAt = localToUtc(s.start, defaultTimezone);
    if (startsAt.getTime() < Date.now()) return { errors: { start: "Choose a start in the future." }, values: formValues(form), intent };
    const endsAt = localToUtc(s.end, defaultTimezone);
    const offering = offeringRules[r.offering].name;
    await createEvent(db, {
      title: `${offering} for ${r.organization}`,
      description: `A session of ${offering} for ${r.organization}, with the BC Compassionate Systems Leadership Network.`,
      startsAt,
      endsAt,
      timezone: defaultTimezone,
      mode: s.mode,
      venue: s.venue,
      videoUrl: s.videoUrl,
      capacity: s.capacity,
      opensAt: null,
      closesAt: null,
      audience: r.organization,
      feeCents: null,
      hours: Math.round(((endsAt.getTime() - startsAt.getTime()) / 3_600_000) * 2) / 2,
      listed: false,
      trainingRequestId: r.id,
      createdBy: user.id,
    });
    return { notice: "Session added. Its page takes registrations by its link; it is not on the public calendar." };
  }

  const to = String(form.get("stage") ?? "") as TrainingStage;
  if (!trainingStages.includes(to)) return formError(form, "Choose a stage.");
  if (to === "quoted") {
    const sent = await sendQuoteByEmail(context, r.id, user.id, null);
    return { notice: `Moved to Quoted; version ${sent?.version} sent to ${r.contact_email}.` };
  }
  const ids: string[] = [];
  if (to === "scheduled") {
    const sessions = await db.selectFrom("events").selectAll().where("training_request_id", "=", r.id).where("status", "=", "published").orderBy("starts_at").execute();
    if (sessions.length === 0) return formError(form, "Add its sessions first: they are what the requester is told.");
    const moved = await moveStage(db, dialect, r.id, to, user.id, `Sessions sent to ${r.contact_email}`, async (trx) => {
      ids.push(await recordScheduledEmail(trx, mailer, context.services.origin(), r, sessions));
    });
    mailer.release(ids);
    return { notice: moved.moved ? `Moved to Scheduled; the sessions were sent to ${r.contact_email}.` : "It is at that stage already." };
  }
  const moved = await moveStage(db, dialect, r.id, to, user.id, null);
  if (!moved.moved && moved.reason === "missing") notFound("There is no such request.");
  return { notice: moved.moved ? `Moved to ${trainingStageNames[to]}.` : moved.reason === "raced" ? "Someone moved it at the same moment; see its history." : "It is at that stage already." };
}

type ActionResult = { notice?: string; formError?: string; errors?: Record<string, string>; values?: Record<string, string>; intent?: string };

export default function TrainingRequest({ loaderData, actionData }: Route.ComponentProps) {
  const { request: r, current } = loaderData;
  const result = actionData as ActionResult | undefined;
  const quoteFailure = result?.intent?.startsWith("quote") ? result : undefined;
  const sessionFailure = result?.intent === "session" ? result : undefined;
  const q = quoteFailure?.values;
  return (
    <div className="space-y-6">
      <p className="text-sm print:hidden">
        <Link to="/network/training">All training requests</Link>
      </p>
      <PageHeader title={`${r.offeringName} for ${r.organization}`} description={<p>Received {r.received} from {r.contact_name} ({r.contact_email}){r.contact_role ? `, ${r.contact_role}` : ""}. Stage: {trainingStageNames[r.stage]}.</p>} />
      <div className="print:hidden">
        {result?.notice ? <Notice>{result.notice}</Notice> : null}
        <FormError message={result?.formError} />
      </div>
      <Card title={current.version ? `Quote, version ${current.version}` : "Estimate from the request"}>
        <p className="mb-3 text-sm">
          {r.perParticipant ? "" : `${current.hours} hours, `}
          {current.participants} participants{r.perParticipant ? "" : `, ${current.facilitators} ${current.facilitators === 1 ? "facilitator" : "facilitators"}`}, {r.mode}
          {r.preferred_dates ? `; preferred: ${r.preferred_dates}` : ""}
        </p>
        <QuoteTable quote={loaderData.quote} />
        {current.note ? <p className="mt-3 text-sm italic">{current.note}</p> : null}
        {r.context ? <p className="mt-3 whitespace-pre-wrap text-sm">{r.context}</p> : null}
        {current.version ? (
          <p className="mt-3 print:hidden">
            <ButtonLink to={`/network/training/${r.id}/quotes/${current.version}.pdf`} variant="secondary" reloadDocument>
              Download version {current.version} as PDF
            </ButtonLink>
          </p>
        ) : null}
      </Card>
      <div className="grid gap-6 print:hidden lg:grid-cols-2">
        <Card title="Revise the quote">
          <Form method="post" className="grid gap-3 sm:grid-cols-2">
            {r.perParticipant ? null : <Field label="Hours" name="hours" type="number" step="0.5" min={0.5} defaultValue={q?.hours ?? current.hours} error={quoteFailure?.errors?.hours} />}
            <Field label={r.perParticipant ? "Participants (accepted into the cohort)" : "Participants"} name="participants" type="number" min={1} defaultValue={q?.participants ?? current.participants} error={quoteFailure?.errors?.participants} />
            {r.perParticipant ? null : <Field label="Facilitators" name="facilitators" type="number" min={1} defaultValue={q?.facilitators ?? current.facilitators} error={quoteFailure?.errors?.facilitators} />}
            <Field label="Preparation and follow-up coaching (hours)" name="prepHours" type="number" step="0.5" min={0} defaultValue={q?.prepHours ?? current.prepHours} error={quoteFailure?.errors?.prepHours} />
            <div className="sm:col-span-2">
              <TextArea label="A note on the quote (optional)" name="note" rows={2} maxLength={2000} defaultValue={q?.note} />
            </div>
            <div className="flex flex-wrap gap-2 sm:col-span-2">
              <Button name="intent" value="quote-send">
                Save and send to {r.contact_name}
              </Button>
              <Button name="intent" value="quote" variant="secondary">
                Save as a new version
              </Button>
            </div>
          </Form>
          {loaderData.versions.length > 0 ? (
            <table className="mt-4 w-full text-left text-sm">
              <caption className="mb-1 text-left font-medium">Every version</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Saved</th>
                  <th scope="col" className="text-right">
                    Total
                  </th>
                  <th scope="col">
                    <span className="sr-only">PDF</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {loaderData.versions.map((v) => (
                  <tr key={v.version} className="border-t border-stone-200 dark:border-stone-800">
                    <td className="py-1">{v.version}</td>
                    <td>{v.at}</td>
                    <td className="text-right">{v.total}</td>
                    <td className="text-right">
                      <a href={`/network/training/${r.id}/quotes/${v.version}.pdf`}>PDF</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </Card>
        <Card title="Sessions">
          {loaderData.sessions.length > 0 ? (
            <ul className="mb-4 space-y-1 text-sm">
              {loaderData.sessions.map((s) => (
                <li key={s.id}>
                  <Link to={`/network/events/${s.id}`}>{s.when}</Link> · {s.where} · {s.capacity} places · <Link to={`/events/${s.slug}`}>registration page</Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-3 text-sm">No session yet. Each session becomes an event with registration, reminders, a check-in list and certificates, reached by its link only.</p>
          )}
          <Form method="post" className="grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="intent" value="session" />
            <Field label="Starts (Pacific Time)" name="start" type="datetime-local" required defaultValue={sessionFailure?.values?.start} error={sessionFailure?.errors?.start} />
            <Field label="Ends (Pacific Time)" name="end" type="datetime-local" required defaultValue={sessionFailure?.values?.end} error={sessionFailure?.errors?.end} />
            <Select label="Online or in person" name="mode" defaultValue={sessionFailure?.values?.mode ?? (r.mode === "virtual" ? "online" : "in-person")} options={[{ value: "in-person", label: "In person" }, { value: "online", label: "Online" }]} />
            <Field label="Places" name="capacity" type="number" min={1} max={250} required defaultValue={sessionFailure?.values?.capacity ?? Math.min(250, current.participants)} error={sessionFailure?.errors?.capacity} />
            <Field label="Venue (in person)" name="venue" maxLength={200} defaultValue={sessionFailure?.values?.venue} error={sessionFailure?.errors?.venue} />
            <Field label="Video link (online)" name="videoUrl" type="url" maxLength={500} defaultValue={sessionFailure?.values?.videoUrl} error={sessionFailure?.errors?.videoUrl} />
            <div className="sm:col-span-2">
              <Button variant="secondary">Add the session</Button>
            </div>
          </Form>
        </Card>
      </div>
      <div className="space-y-6 print:hidden">
        {r.offering === "going-deeper" ? (
          <Card title="Going Deeper cohort">
            {loaderData.cohort ? (
              <p>
                <Link to={`/network/training/${r.id}/cohort`}>{loaderData.cohort.name}</Link>: applications, acceptance and the cohort&apos;s community.
              </p>
            ) : (
              <p>
                <Link to={`/network/training/${r.id}/cohort`}>Open the cohort</Link> to take applications; its community is made when the first person is accepted.
              </p>
            )}
          </Card>
        ) : null}
        <Card title="Stage">
          <Form method="post" className="flex flex-wrap items-end gap-3 print:hidden">
            <input type="hidden" name="intent" value="stage" />
            <Select label="Move to" name="stage" defaultValue={r.stage} options={trainingStages.map((s) => ({ value: s, label: trainingStageNames[s] }))} />
            <Button variant="secondary">Move</Button>
          </Form>
          <p className="mt-2 text-sm print:hidden">Moving to Quoted sends the latest quote to the requester; moving to Scheduled sends the sessions.</p>
          <ol className="mt-4 space-y-1 text-sm">
            {loaderData.history.map((h) => (
              <li key={h.id}>
                {h.at}: {h.from && h.from !== h.to ? `${h.from} → ${h.to}` : h.to}, by {h.by}
                {h.note ? ` (${h.note})` : ""}
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </div>
  );
}
