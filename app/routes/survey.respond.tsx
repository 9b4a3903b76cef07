// Answering an evaluation survey, from the link in its invitation (no account needed). It says
// plainly whether answers are anonymous, asks each question (a retrospective statement twice: for
// now, and for before the training), asks separately for consent to research use, and in an
// anonymous before-and-after survey links the two answers only by a code the person keeps: given
// to them, or made again from answers they can repeat. A lost code still lets them answer, unpaired.
import { randomInt } from "node:crypto";
import { data, Form } from "react-router";
import type { Route } from "./+types/survey.respond";
import { Button, FormError } from "../components/ui";
import { formValues, readForm } from "../lib/forms";
import { AnswerRefused, invitationByToken, storeResponse, surveyItems } from "../../server/evaluation/surveys";
import { alreadyAnswered, derivedCode, fieldName, givenCode, likertLabels, maxTextAnswer, normalizeCode, notTakingAnswers, phasesOf, readAnswers } from "../../shared/evaluation/surveys";
import { domains } from "../../shared/domains";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data && "survey" in data && data.survey ? data.survey.title : "A survey"} · CSL Commons` }];

/** The answer page again, with a message for the whole form and, when given, one per field. */
const refused = (status: number, formError: string, errors: Record<string, string> = {}) => data({ errors, formError }, { status });

async function load(context: Route.LoaderArgs["context"], token: string) {
  const invitation = await invitationByToken(context.services.db, token);
  if (!invitation) return null;
  const items = await surveyItems(context.services.db, invitation.survey.id);
  return { invitation, items };
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const found = await load(context, params.token);
  if (!found) return data({ survey: null, state: "unknown" as const }, { status: 404 });
  const { invitation, items } = found;
  const { survey } = invitation;
  const open = survey.open_round === invitation.round && !survey.closed_at;
  return {
    state: invitation.answered ? ("answered" as const) : open ? ("open" as const) : ("closed" as const),
    survey: { title: survey.title, intro: survey.intro, anonymous: survey.anonymity === "anonymous", design: survey.design, threshold: survey.threshold },
    round: invitation.round,
    name: invitation.name,
    items,
    // Offered to keep, in an anonymous survey's first round; stored only as its keyed hash, if used.
    givenCode: survey.anonymity === "anonymous" && invitation.round === "pre" ? givenCode((n) => randomInt(n)) : null,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const found = await load(context, params.token);
  if (!found) return refused(404, "This link does not open a survey.");
  const { invitation, items } = found;
  const { survey } = invitation;
  if (invitation.answered) return refused(409, alreadyAnswered);
  if (survey.open_round !== invitation.round || survey.closed_at) return refused(409, notTakingAnswers);
  const form = formValues(await readForm(request));
  const read = readAnswers(survey.design, items, form);
  const errors: Record<string, string> = read.ok ? {} : { ...read.errors };
  if (form.consent !== "yes" && form.consent !== "no") errors.consent = "Please say whether your answers may be used in research.";
  // Pairing, in an anonymous before-and-after survey only.
  let pairing: { code: string } | null = null;
  let keep: string | null = null;
  if (survey.anonymity === "anonymous" && survey.design === "pre-post") {
    const how = form.pairing;
    if (how === "given" && invitation.round === "pre" && /^[A-Z]{3,8}-\d{4}$/.test(form.givenCode ?? "")) pairing = { code: (keep = form.givenCode) };
    else if (how === "code" && invitation.round === "post") {
      if (normalizeCode(form.code ?? "").length < 4) errors.code = "Type the code you kept, or choose another way.";
      else pairing = { code: form.code };
    } else if (how === "derived") {
      const code = derivedCode({ parent: form.parent ?? "", day: form.day ?? "", town: form.town ?? "" });
      if (!code) errors.pairing = "Give all three: two letters, a day from 1 to 31, and two letters.";
      else pairing = { code };
    } else if (!(how === "lost" && invitation.round === "post")) errors.pairing = "Choose how your answers are linked.";
  }
  if (!read.ok || Object.keys(errors).length) return refused(400, "Some answers need another look: see below.", errors);
  try {
    await storeResponse(context.services.db, invitation, read.answers, pairing, form.consent === "yes");
  } catch (error) {
    if (error instanceof AnswerRefused) return refused(409, error.message);
    throw error;
  }
  return { done: true as const, code: keep, paired: pairing !== null };
}

const describe = (name: string, errors: Record<string, string>) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
function FieldError({ name, errors }: { name: string; errors: Record<string, string> }) {
  return errors[name] ? (
    <p id={`${name}-error`} className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
      {errors[name]}
    </p>
  ) : null;
}

export default function Respond({ loaderData, actionData }: Route.ComponentProps) {
  const result = actionData as { done?: true; code?: string | null; paired?: boolean; errors?: Record<string, string>; formError?: string } | undefined;
  if (loaderData.state === "unknown" || !("items" in loaderData)) return <Message title="This link does not open a survey">It may have been mistyped. The link in your email works as it is.</Message>;
  const { survey, round, items } = loaderData;
  if (result?.done)
    return (
      <Message title="Thank you">
        Your answers are stored{survey.anonymous ? ", with no link to you" : ""}.
        {result.code ? (
          <span className="mt-4 block rounded-lg border-2 border-indigo-700 p-4 text-lg">
            Keep your code for the second round: <strong className="font-mono tracking-wider">{result.code}</strong>
          </span>
        ) : null}
        {survey.design === "pre-post" && round === "post" && survey.anonymous && !result.paired ? <span className="mt-2 block">Without your code, your answers count on their own, unpaired.</span> : null}
      </Message>
    );
  if (loaderData.state === "answered") return <Message title="You have answered already">Thank you! Each person answers each round once.</Message>;
  if (loaderData.state === "closed") return <Message title={survey.title}>{notTakingAnswers}</Message>;
  const errors = result?.errors ?? {};
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header>
        <h1 className="text-3xl font-semibold tracking-tight">{survey.title}</h1>
        {survey.intro ? <p className="mt-2 whitespace-pre-line text-stone-700 dark:text-stone-300">{survey.intro}</p> : null}
        <p className="mt-3 rounded-lg bg-stone-100 p-3 dark:bg-stone-800">
          {survey.anonymous
            ? "Your answers are anonymous: they are stored with no link to you or to this invitation, and only the day you answered is kept."
            : "Your answers are identified: they are stored with your email address so that the network can follow up with you."}{" "}
          Reports never show a group of fewer than {survey.threshold} people, and never show names.
        </p>
      </header>
      <Form method="post" className="space-y-6" noValidate>
        <FormError message={result?.formError} />
        {items.map((item, index) => (
          <fieldset key={item.id} className="rounded-xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
            <legend className="px-1 font-medium">
              {index + 1}. {item.prompt}
              {item.domain ? <span className="ml-2 text-sm font-normal text-stone-700 dark:text-stone-300">({domains[item.domain].label})</span> : null}
            </legend>
            {phasesOf(survey.design, item).map((phase) => {
              const name = fieldName(item.id, phase);
              const heading = survey.design === "retrospective" && item.kind === "likert" ? (phase === "then" ? "Before the training, as you remember it" : "Now") : null;
              return (
                <div key={phase} className="mt-3" role={item.kind === "likert" || item.kind === "choice" ? "radiogroup" : undefined} aria-label={heading ?? undefined} {...describe(name, errors)}>
                  {heading ? <p className="text-sm font-semibold">{heading}</p> : null}
                  {item.kind === "likert" ? (
                    <div className="mt-1 flex flex-wrap gap-2">
                      {likertLabels.map((label, i) => (
                        <label key={label} className="flex items-center gap-2 rounded-md border border-stone-300 px-3 py-2 dark:border-stone-700">
                          <input type="radio" name={name} value={i + 1} />
                          {label}
                        </label>
                      ))}
                    </div>
                  ) : item.kind === "choice" ? (
                    <div className="mt-1 flex flex-wrap gap-2">
                      {item.choices.map((label, i) => (
                        <label key={label} className="flex items-center gap-2 rounded-md border border-stone-300 px-3 py-2 dark:border-stone-700">
                          <input type="radio" name={name} value={i} />
                          {label}
                        </label>
                      ))}
                    </div>
                  ) : item.kind === "number" ? (
                    <label className="block text-sm">
                      A whole number from {item.min} to {item.max}
                      <input name={name} type="number" min={item.min ?? undefined} max={item.max ?? undefined} className="mt-1 block w-40 rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900" />
                    </label>
                  ) : (
                    <label className="block text-sm">
                      Your answer (optional; please name nobody)
                      <textarea name={name} rows={4} maxLength={maxTextAnswer} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900" />
                    </label>
                  )}
                  <FieldError name={name} errors={errors} />
                </div>
              );
            })}
          </fieldset>
        ))}
        {survey.anonymous && survey.design === "pre-post" ? <Pairing round={round} givenCode={loaderData.givenCode} errors={errors} /> : null}
        <fieldset className="rounded-xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900" {...describe("consent", errors)}>
          <legend className="px-1 font-medium">Research use</legend>
          <p className="text-sm">May your answers, without your name, be used in the network&apos;s research with its university partners? Your answer here changes nothing else.</p>
          <div className="mt-2 flex gap-3">
            <label className="flex items-center gap-2">
              <input type="radio" name="consent" value="yes" /> Yes
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="consent" value="no" /> No
            </label>
          </div>
          <FieldError name="consent" errors={errors} />
        </fieldset>
        <Button>Send my answers</Button>
      </Form>
    </div>
  );
}

function Pairing({ round, givenCode, errors }: { round: string; givenCode: string | null; errors: Record<string, string> }) {
  return (
    <fieldset className="rounded-xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900" {...describe("pairing", errors)}>
      <legend className="px-1 font-medium">Linking your answers before and after</legend>
      <p className="text-sm">We link your two answers by a code only you hold. We never store it as you give it, and it says nothing about who you are.</p>
      <div className="mt-3 space-y-3">
        {round === "pre" && givenCode ? (
          <label className="flex items-start gap-2">
            <input type="radio" name="pairing" value="given" defaultChecked className="mt-1" />
            <span>
              Use this code, and keep it (write it down or take a picture): <strong className="font-mono tracking-wider">{givenCode}</strong>
              <input type="hidden" name="givenCode" value={givenCode} />
            </span>
          </label>
        ) : null}
        {round === "post" ? (
          <div className="flex items-start gap-2">
            <input type="radio" name="pairing" value="code" id="pairing-code" className="mt-1" defaultChecked />
            <label htmlFor="pairing-code">
              I have my code
              <input name="code" aria-label="Your code" autoComplete="off" className="mt-1 block w-48 rounded-md border border-stone-400 bg-white px-2 py-1 font-mono dark:bg-stone-900" {...describe("code", errors)} />
              <FieldError name="code" errors={errors} />
            </label>
          </div>
        ) : null}
        <div className="flex items-start gap-2">
          <input type="radio" name="pairing" value="derived" id="pairing-derived" className="mt-1" />
          <div>
            <label htmlFor="pairing-derived">{round === "pre" ? "Make my code from answers I can give again" : "Make my code again from the same answers"}</label>
            <div className="mt-1 grid gap-2 sm:grid-cols-3">
              <label className="text-sm">
                First two letters of a parent&apos;s or guardian&apos;s first name
                <input name="parent" maxLength={40} autoComplete="off" className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900" />
              </label>
              <label className="text-sm">
                The day of the month you were born
                <input name="day" type="number" min={1} max={31} className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900" />
              </label>
              <label className="text-sm">
                Last two letters of the town where you were born
                <input name="town" maxLength={60} autoComplete="off" className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900" />
              </label>
            </div>
          </div>
        </div>
        {round === "post" ? (
          <label className="flex items-start gap-2">
            <input type="radio" name="pairing" value="lost" className="mt-1" />
            <span>I have lost my code: count my answers on their own</span>
          </label>
        ) : null}
      </div>
      <FieldError name="pairing" errors={errors} />
    </fieldset>
  );
}

function Message({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
      <div className="mt-3 text-lg">{children}</div>
    </div>
  );
}
