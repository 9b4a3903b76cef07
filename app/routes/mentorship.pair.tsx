import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/mentorship.pair";
import { Button, Card, ConfirmAction, FormError, Notice, PageHeader } from "../components/ui";
import { forbidden, notFound, requireUser } from "../lib/auth.server";
import { confirmed, formError, readForm } from "../lib/forms";
import { notify } from "../../server/notices";
import { answerPair, mayCoordinate } from "../lib/mentorship.server";
import { activeSince, addNote, getCycle, getPair, notesOf, profileOf } from "../../db/queries/mentorship";
import { isStalled, nextCheckin } from "../../shared/mentorship/followUp";
import { toReader } from "../../shared/mentorship/explain";
import { answersInWords } from "../mentorship/answersInWords";
import { surveyOpen, surveyQuestions, surveySchema } from "../../shared/mentorship/survey";
import { cycleEnds } from "../../db/queries/mentorship";
import { nowIso } from "../../db/time";

export const meta = () => [{ title: "Mentorship pair · CSL Commons" }];

async function pairFor(context: Route.LoaderArgs["context"], request: Request, pairId: string | undefined) {
  const user = requireUser(context, request);
  const pair = await getPair(context.services.db, pairId);
  if (!pair) notFound("There is no such pair.");
  const member = pair.mentor_id === user.id || pair.mentee_id === user.id;
  // Coordinators see that a pair exists and how it goes, never its goals or notes.
  if (!member && !mayCoordinate(user)) notFound("There is no such pair.");
  const cycle = (await getCycle(context.services.db, pair.cycle_id))!;
  return { user, pair, member, cycle };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, pair, member, cycle } = await pairFor(context, request, params.pairId);
  const { db } = context.services;
  const people = await db.selectFrom("users").select(["id", "name"]).where("id", "in", [pair.mentor_id, pair.mentee_id]).execute();
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? "";
  const notes = await notesOf(db, pair.id);
  const meetings = notes.filter((n) => n.kind === "meeting");
  const lastMeeting =
    meetings
      .map((m) => m.happened_on ?? m.created_at)
      .sort()
      .at(-1) ?? null;
  const since = activeSince(pair);
  const partnerId = pair.mentor_id === user.id ? pair.mentee_id : pair.mentor_id;
  const partnerProfile = member && pair.status !== "declined" ? await profileOf(db, cycle.id, partnerId) : null;
  const mySide = pair.mentor_id === user.id ? "mentor" : pair.mentee_id === user.id ? "mentee" : null;
  return {
    pair: {
      id: pair.id,
      status: pair.status,
      mentor: name(pair.mentor_id),
      mentee: name(pair.mentee_id),
      score: pair.score,
      // Written to whoever reads it: "you" and the partner's name for the two, neutral for a coordinator.
      why: (JSON.parse(pair.explanation) as { text: string; points: number }[])
        .filter((p) => p.points > 0)
        .map((p) => (mySide ? toReader(p.text, mySide, name(partnerId).split(" ")[0]) : p.text)),
      declineReason: pair.decline_reason,
      iAccepted: mySide === "mentor" ? pair.mentor_accepted_at !== null : mySide === "mentee" ? pair.mentee_accepted_at !== null : false,
    },
    cycle: { id: cycle.id, name: cycle.name, checkinDays: cycle.checkin_days },
    member,
    // Either person ends an active pair; a coordinator may also withdraw a proposal or request.
    endAs: member && pair.status === "active" ? ("member" as const) : !member && ["active", "proposed", "requested"].includes(pair.status) ? ("coordinator" as const) : null,
    endReasons: [...endReasons],
    mySide,
    partner: member
      ? {
          name: name(partnerId),
          answers: partnerProfile ? answersInWords(partnerProfile.answers) : [],
        }
      : null,
    // The pair's own words are theirs alone; what one wrote to the program only is not even the partner's.
    notes: member
      ? notes
          .filter((n) => n.kind !== "program-feedback" || n.author_id === user.id)
          .map((n) => ({
          id: n.id,
          kind: n.kind,
          author: n.author_name,
          body: n.body,
          rating: n.kind === "program-feedback" ? n.rating : null,
          happenedOn: n.happened_on,
          createdAt: n.created_at,
        }))
      : [],
    checkins: meetings.length,
    next:
      pair.status === "active"
        ? nextCheckin({
            since,
            lastMeeting,
            remindedAt: null,
            checkinDays: cycle.checkin_days,
          })
            .toISOString()
            .slice(0, 10)
        : null,
    stalled: pair.status === "active" && isStalled({ since, lastMeeting }, new Date()),
    // The end-of-cycle survey: open near the cycle's end (or once the pair ends), answered once.
    survey:
      member && surveyOpen(pair, { ends: cycleEnds(cycle), closed: cycle.closed_at !== null }, new Date())
        ? { answered: Boolean(await db.selectFrom("mentorship_surveys").select("pair_id").where("pair_id", "=", pair.id).where("author_id", "=", user.id).executeTakeFirst()) }
        : null,
  };
}

const noteSchema = z.object({
  kind: z.enum(["goal", "meeting", "feedback"]),
  body: z.string().trim().min(1, "Write a few words.").max(4000),
  rating: z.coerce.number().int().min(1).max(5).optional(),
  happenedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

/** No-fault reasons a mentorship ends early; the coordinator sees which, never more. */
const endReasons = ["Our goals are met", "Our schedules no longer fit", "A change of role or workplace", "Another reason"] as const;

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, pair, member, cycle } = await pairFor(context, request, params.pairId);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "end") {
    // Either person ends an active pair; a coordinator also withdraws a proposal or request.
    const coordinating = !member && mayCoordinate(user);
    if (!member && !coordinating) forbidden("Only the two people in a pair, or a coordinator, end it.");
    if (!confirmed(form)) return formError(form, "Confirm that this mentorship should end.");
    const allowed = member ? ["active"] : ["active", "proposed", "requested"];
    if (!allowed.includes(pair.status)) return formError(form, "This pair cannot be ended now.", 409);
    const reason = coordinating && pair.status !== "active" ? "Withdrawn by the coordinator" : (endReasons as readonly string[]).includes(String(form.get("reason"))) ? String(form.get("reason")) : null;
    if (!reason) return formError(form, "Choose why the mentorship ends.");
    const ended = await context.services.db
      .updateTable("mentorship_pairs")
      .set({ status: "ended", declined_by: user.id, decline_reason: reason, updated_at: new Date().toISOString() })
      .where("id", "=", pair.id)
      .where("status", "in", allowed as ("active" | "proposed" | "requested")[])
      .executeTakeFirst();
    if (!Number(ended.numUpdatedRows)) return formError(form, "This pair was changed a moment ago.", 409);
    await notify(
      context.services,
      [pair.mentor_id, pair.mentee_id]
        .filter((id) => id !== user.id)
        .map((id) => ({
          userId: id,
          kind: "mentorship" as const,
          key: `mentorship:ended:${pair.id}`,
          title: `${cycle.name}: a mentorship has ended`,
          body: `${user.name} ended the mentorship (${reason}). Thank you for the time you gave it.`,
          href: `/mentorship/pairs/${pair.id}`,
        })),
    );
    return { ended: true as const };
  }
  if (!member) forbidden("Only the two people in a pair answer for it or write in its space.");
  if (intent === "accept" || intent === "decline") {
    if (!["proposed", "requested"].includes(pair.status)) return formError(form, "This pair has already been answered.", 409);
    const reason = String(form.get("reason") ?? "")
      .trim()
      .slice(0, 1000);
    if (intent === "decline" && !reason) return formError(form, "Say briefly why, so the coordinator can find a better match.");
    await answerPair(context, pair, user, intent, reason);
    return { answered: intent };
  }
  if (intent === "survey") {
    if (!surveyOpen(pair, { ends: cycleEnds(cycle), closed: cycle.closed_at !== null }, new Date())) return formError(form, "The survey opens two weeks before the cycle ends.", 409);
    const parsed = surveySchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return formError(form, `Please answer every statement: ${parsed.error.issues[0]?.message ?? ""}`);
    const stored = await context.services.db
      .insertInto("mentorship_surveys")
      .values({ pair_id: pair.id, author_id: user.id, answers: JSON.stringify(parsed.data), created_at: nowIso() })
      .onConflict((oc) => oc.columns(["pair_id", "author_id"]).doNothing())
      .returning("pair_id")
      .executeTakeFirst();
    if (!stored) return formError(form, "You have already answered the survey for this pair.", 409);
    return { surveyed: true as const };
  }
  if (intent === "note") {
    if (pair.status !== "active") return formError(form, "The pair space opens once you have both accepted.", 409);
    const parsed = noteSchema.safeParse({
      kind: form.get("kind"),
      body: form.get("body"),
      rating: form.get("rating") || undefined,
      happenedOn: form.get("happenedOn") || undefined,
    });
    if (!parsed.success) return formError(form, parsed.error.issues[0]?.message ?? "That note could not be read.");
    if (parsed.data.kind === "feedback") {
      if (!parsed.data.rating) return formError(form, "Give the cycle a rating from 1 to 5.");
      // Two parts: words for the partner, and a rating (with words, if any) for the program only.
      const confidential = String(form.get("confidential") ?? "").trim().slice(0, 4000);
      await addNote(context.services.db, { pairId: pair.id, kind: "feedback", authorId: user.id, body: parsed.data.body, rating: null });
      await addNote(context.services.db, { pairId: pair.id, kind: "program-feedback", authorId: user.id, body: confidential, rating: parsed.data.rating });
      return { noted: "feedback" };
    }
    await addNote(context.services.db, {
      pairId: pair.id,
      kind: parsed.data.kind,
      authorId: user.id,
      body: parsed.data.body,
      rating: null,
      happenedOn: parsed.data.happenedOn ?? null,
    });
    return { noted: parsed.data.kind };
  }
  return formError(form, "That action is not one this page knows.");
}

const box = "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 dark:border-stone-600 dark:bg-stone-900";

export default function PairPage({ loaderData, actionData }: Route.ComponentProps) {
  const { pair, partner, notes } = loaderData;
  const data = actionData as Record<string, unknown> | undefined;
  const section = (kind: string) => notes.filter((n) => n.kind === kind || (kind === "feedback" && n.kind === "program-feedback"));
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={`/mentorship/${loaderData.cycle.id}`}>{loaderData.cycle.name}</Link>
      </p>
      <PageHeader
        title={`${pair.mentee} with ${pair.mentor}`}
        description={
          <p>
            Mentee {pair.mentee}, mentor {pair.mentor}. Status: {pair.status}.
          </p>
        }
      />
      <FormError message={typeof data?.formError === "string" ? data.formError : null} />
      {loaderData.stalled ? <Notice>It has been more than three weeks since your last check-in. A short call is enough to pick things up again.</Notice> : null}
      {pair.why.length ? (
        <Card title="Why you were matched">
          <ul className="list-disc pl-5">
            {pair.why.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      {loaderData.member && ["proposed", "requested"].includes(pair.status) ? (
        <Card title="Your answer">
          {pair.iAccepted ? (
            <p>You have accepted. Waiting for {loaderData.mySide === "mentor" ? pair.mentee : pair.mentor}.</p>
          ) : (
            <div className="flex flex-wrap items-end gap-6">
              <Form method="post">
                <Button name="intent" value="accept">
                  Accept
                </Button>
              </Form>
              <Form method="post" className="flex flex-wrap items-end gap-2">
                <label className="text-sm font-medium">
                  Or decline, saying why
                  <input name="reason" maxLength={1000} className={box} />
                </label>
                <Button name="intent" value="decline" variant="secondary">
                  Decline
                </Button>
              </Form>
            </div>
          )}
        </Card>
      ) : null}
      {pair.status === "declined" ? (
        <p>
          This pair was declined
          {pair.declineReason ? `: “${pair.declineReason}”` : ""}. The coordinator will match again.
        </p>
      ) : null}
      {partner && partner.answers.length ? (
        <Card title={`About ${partner.name}`}>
          <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
            {partner.answers.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="font-medium">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </Card>
      ) : null}
      {!loaderData.member ? <Card title="Check-ins">{loaderData.checkins} check-ins logged. Goals and notes are private to the pair.</Card> : null}
      {loaderData.member && pair.status === "active" ? (
        <>
          <p>
            {loaderData.checkins} check-ins so far. Next check-in due by {loaderData.next} (every {loaderData.cycle.checkinDays} days).
          </p>
          {data?.noted ? <Notice>Saved.</Notice> : null}
          {[
            ["goal", "Goals we agreed"],
            ["meeting", "Our meetings"],
            ["feedback", "End-of-cycle feedback"],
          ].map(([kind, title]) => (
            <Card key={kind} title={title}>
              <ul className="mb-3 space-y-2">
                {section(kind).map((n) => (
                  <li key={n.id}>
                    <span className="font-semibold">{n.author}</span>
                    {n.happenedOn ? ` · ${n.happenedOn}` : ""}
                    {n.kind === "program-feedback" ? ` · to the program only · ${n.rating}/5` : ""}: {n.body}
                  </li>
                ))}
              </ul>
              <Form method="post" className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="note" />
                <input type="hidden" name="kind" value={kind} />
                {kind === "meeting" ? (
                  <label className="text-sm font-medium">
                    Date
                    <input type="date" name="happenedOn" required className={box} />
                  </label>
                ) : null}
                <label className="min-w-64 flex-1 text-sm font-medium">
                  {kind === "goal" ? "A goal" : kind === "meeting" ? "What you talked about" : "How the cycle went for you (your partner reads this)"}
                  <input name="body" required maxLength={4000} className={box} />
                </label>
                {kind === "feedback" ? (
                  <>
                    <label className="text-sm font-medium">
                      Rating, 1 to 5 (for the program only)
                      <input type="number" name="rating" min={1} max={5} required className={box} />
                    </label>
                    <label className="min-w-64 flex-1 text-sm font-medium">
                      For the program only (optional)
                      <input name="confidential" maxLength={4000} className={box} />
                    </label>
                    <p className="w-full text-xs text-stone-700 dark:text-stone-300">Your rating and these words are never shown to your partner; the program report shows ratings only for groups of five people or more.</p>
                  </>
                ) : null}
                <Button variant="secondary">Add</Button>
              </Form>
            </Card>
          ))}
        </>
      ) : null}
      {loaderData.survey ? <SurveyCard answered={loaderData.survey.answered} justSent={Boolean(data?.surveyed)} /> : null}
      {loaderData.endAs ? (
        <Card title={loaderData.endAs === "coordinator" && pair.status !== "active" ? "Withdraw this proposal" : "End this mentorship"}>
          {data?.ended ? <Notice>The mentorship has ended. Both people are free to be matched again.</Notice> : null}
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="end" />
            {loaderData.endAs === "member" || pair.status === "active" ? (
              <label className="block text-sm font-medium">
                Why (the coordinator sees only this)
                <select name="reason" className={box} defaultValue={loaderData.endReasons[0]}>
                  {loaderData.endReasons.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </label>
            ) : null}
            <ConfirmAction
              label={loaderData.endAs === "coordinator" && pair.status !== "active" ? "Withdraw" : "End the mentorship"}
              intent="end"
              confirmLabel="Yes, end it"
              question={<p>The pair space closes for new notes; both people can be matched again, and the other person is told.</p>}
            />
          </Form>
        </Card>
      ) : null}
    </div>
  );
}

/** The end-of-cycle survey: to the program only, never to the partner. */
function SurveyCard({ answered, justSent }: { answered: boolean; justSent: boolean }) {
  return (
    <Card title="End-of-cycle survey">
      {answered ? (
        <p role={justSent ? "status" : undefined}>Thank you: your answers went to the program. Your partner does not see them, and the report shows them only for groups of five or more.</p>
      ) : (
        <Form method="post" className="space-y-4">
          <input type="hidden" name="intent" value="survey" />
          <p className="text-sm">For the program only: your partner never sees your answers, and the report shows averages only for groups of five or more. 1 means not at all, 5 very much.</p>
          {surveyQuestions.map((q) => (
            <fieldset key={q.key}>
              <legend className="font-medium">{q.text}</legend>
              <div className="mt-1 flex gap-4">
                {[1, 2, 3, 4, 5].map((n) => (
                  <label key={n}>
                    <input type="radio" name={q.key} value={n} required /> {n}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          <label className="block text-sm font-medium">
            What should the program keep or change? (optional)
            <textarea name="comment" rows={3} maxLength={2000} className={box} />
          </label>
          <Button>Send to the program</Button>
        </Form>
      )}
    </Card>
  );
}
