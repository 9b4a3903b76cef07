// One evaluation survey, for those who run it: its questions (Likert statements by CSL domain,
// multiple choice, numbers, open text), added while nobody has been invited; opening each round
// (everyone in its audience invited once, through the outbox), one reminder to those who have not
// answered, closing; how many were invited and answered (counts only, never who).
import { Form } from "react-router";
import type { Route } from "./+types/evaluation.survey";
import { Button, ButtonLink, Card, ConfirmAction, EmptyState, Field, Figures, FormError, Notice, PageHeader, Select, TextArea } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { requireEvaluator, surveyOrNotFound } from "../lib/evaluation.server";
import { confirmed, failureOf, formError, invalid, parseForm, readForm } from "../lib/forms";
import { nowIso } from "../../db/time";
import { audienceOf, openRound, remindUnanswered, roundCounts, surveyItems } from "../../server/evaluation/surveys";
import { cslTemplate, designNames, itemForm, likertLabels, maxItems, roundNames, roundsOf, type ItemInput } from "../../shared/evaluation/surveys";
import { domainIds, domains } from "../../shared/domains";
import { newId } from "../../shared/ids";
import type { SurveyRound } from "../../db/schema";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.survey.title ?? "Survey"} · Evaluation · CSL Commons` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireEvaluator(requireUser(context, request));
  const survey = await surveyOrNotFound(context, params.surveyId);
  const { db } = context.services;
  const [items, audience, counts] = await Promise.all([surveyItems(db, survey.id), audienceOf(db, survey.audience_kind, survey.audience_id), roundCounts(db, survey.id)]);
  return {
    survey: { id: survey.id, title: survey.title, intro: survey.intro, design: survey.design, anonymous: survey.anonymity === "anonymous", threshold: survey.threshold, openRound: survey.open_round, closed: survey.closed_at !== null },
    items,
    audience: audience ? { name: audience.name, people: audience.people.length } : null,
    rounds: roundsOf(survey.design).map((round) => {
      const c = counts.find((x) => x.round === round);
      return { round, name: roundNames[round], invited: c?.invited ?? 0, answered: c?.answered ?? 0, reminded: c?.reminded ?? 0 };
    }),
    locked: counts.some((c) => c.invited > 0),
  };
}

async function addItems(context: Route.ActionArgs["context"], surveyId: string, inputs: ItemInput[]) {
  const { db } = context.services;
  await db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom("survey_items").select((eb) => eb.fn.max("position").as("p")).where("survey_id", "=", surveyId).executeTakeFirst();
    let position = Number(last?.p ?? 0);
    for (const item of inputs) {
      position++;
      await trx
        .insertInto("survey_items")
        .values({
          id: newId(),
          survey_id: surveyId,
          position,
          kind: item.kind,
          domain: item.domain ?? null,
          prompt: item.prompt,
          choices: item.kind === "choice" ? JSON.stringify(item.choices) : null,
          min_value: item.kind === "number" ? item.min : null,
          max_value: item.kind === "number" ? item.max : null,
        })
        .execute();
    }
  });
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireEvaluator(user);
  const survey = await surveyOrNotFound(context, params.surveyId);
  const { db } = context.services;
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const invited = (await roundCounts(db, survey.id)).some((c) => c.invited > 0);
  const items = await surveyItems(db, survey.id);
  if ((intent === "open" || intent === "remind" || intent === "close") && survey.closed_at) return formError(form, "This survey is closed: it takes no more answers.", 409);
  if (intent === "add-item" || intent === "template" || intent === "remove-item") {
    if (invited) return formError(form, "People have been invited already: the questions stay as they were asked.", 409);
  }
  switch (intent) {
    case "add-item": {
      const parsed = parseForm(itemForm, form);
      if (!parsed.ok) return invalid(parsed.failure);
      if (items.length >= maxItems) return formError(form, `A survey has ${maxItems} questions at most.`);
      await addItems(context, survey.id, [parsed.data]);
      return { notice: "Question added." };
    }
    case "template":
      if (items.length > 0) return formError(form, "The starting set goes into an empty survey.");
      await addItems(context, survey.id, cslTemplate);
      return { notice: `Added ${cslTemplate.length} questions: three statements for each domain and one open question.` };
    case "remove-item":
      await db.deleteFrom("survey_items").where("survey_id", "=", survey.id).where("id", "=", String(form.get("itemId") ?? "")).execute();
      return { notice: "Question removed." };
    case "open": {
      const round = String(form.get("round") ?? "") as SurveyRound;
      if (!roundsOf(survey.design).includes(round)) return formError(form, "This survey has no such round.");
      if (items.length === 0) return formError(form, "Add questions before inviting anyone.");
      const sent = await openRound(context.services, survey, round);
      context.services.log.info({ by: user.id, surveyId: survey.id, round, sent }, "survey round opened");
      return { notice: `${roundNames[round][0].toUpperCase()}${roundNames[round].slice(1)} is open. ${sent} ${sent === 1 ? "invitation" : "invitations"} sent.` };
    }
    case "remind": {
      const sent = await remindUnanswered(context.services, survey);
      return { notice: sent ? `Reminded ${sent} ${sent === 1 ? "person" : "people"} who had not answered.` : "Nobody to remind: everyone has answered or been reminded once." };
    }
    case "close":
      if (!confirmed(form)) return formError(form, "Confirm closing the survey.");
      await db.updateTable("surveys").set({ open_round: null, closed_at: nowIso(), updated_at: nowIso() }).where("id", "=", survey.id).execute();
      return { notice: "The survey is closed: it takes no more answers." };
    default:
      return formError(form, "That was not understood.");
  }
}

const kindNames = { likert: "Statement (agree–disagree, 1 to 5)", choice: "Multiple choice", number: "Number", text: "Open text" } as const;

export default function SurveyPage({ loaderData, actionData }: Route.ComponentProps) {
  const { survey, items, audience, rounds, locked } = loaderData;
  const failure = failureOf(actionData);
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const values = failure?.values ?? {};
  const errors = failure?.errors ?? {};
  return (
    <div className="space-y-6">
      <PageHeader
        title={survey.title}
        description={
          <p>
            {designNames[survey.design]}. {survey.anonymous ? "Anonymous." : "Identified."} Goes to {audience ? `${audience.name} (${audience.people} ${audience.people === 1 ? "person" : "people"})` : "an audience that no longer exists"}. Reports show no group of fewer than {survey.threshold}.
          </p>
        }
        actions={
          <>
            <ButtonLink to={`/evaluation/${survey.id}/report`}>The report</ButtonLink>
            <ButtonLink to="/evaluation" variant="secondary">
              All surveys
            </ButtonLink>
          </>
        }
      />
      {notice ? <Notice>{notice}</Notice> : null}
      <FormError message={failure?.formError} />
      <Card title="Rounds">
        <Figures items={rounds.flatMap((r) => [[`Invited to ${r.name}`, String(r.invited)] as [string, string], [`Answered ${r.name}`, String(r.answered)] as [string, string]])} />
        {survey.closed ? (
          <p className="mt-4">This survey is closed.</p>
        ) : (
          <div className="mt-4 flex flex-wrap items-center gap-2">
            {rounds.map((r) => (
              <Form key={r.round} method="post">
                <input type="hidden" name="round" value={r.round} />
                <Button name="intent" value="open" variant={survey.openRound === r.round ? "secondary" : "primary"}>
                  {survey.openRound === r.round ? `Invite anyone new to ${r.name}` : `Open ${r.name} and invite everyone`}
                </Button>
              </Form>
            ))}
            {survey.openRound ? (
              <Form method="post">
                <Button name="intent" value="remind" variant="secondary">
                  Remind those who have not answered
                </Button>
              </Form>
            ) : null}
          </div>
        )}
        {!survey.closed && survey.openRound ? (
          <Form method="post" className="mt-3">
            <ConfirmAction label="Close the survey" question="Nobody will be able to answer after this. The report stays." confirmLabel="Close it" intent="close" />
          </Form>
        ) : null}
      </Card>
      <Card title={`Questions (${items.length})`}>
        {items.length === 0 ? (
          <EmptyState>
            No questions yet.
            <Form method="post" className="mt-3">
              <Button name="intent" value="template" variant="secondary">
                Start from the CSL set (nine statements by domain, one open question)
              </Button>
            </Form>
          </EmptyState>
        ) : (
          <ol className="list-decimal space-y-2 pl-6">
            {items.map((item) => (
              <li key={item.id}>
                <span className="font-medium">{item.prompt}</span>{" "}
                <span className="text-sm text-stone-700 dark:text-stone-300">
                  {kindNames[item.kind]}
                  {item.domain ? ` · ${domains[item.domain].label}` : ""}
                  {item.kind === "choice" ? ` · ${item.choices.join(" / ")}` : ""}
                  {item.kind === "number" ? ` · ${item.min} to ${item.max}` : ""}
                  {item.kind === "likert" && survey.design === "retrospective" ? " · asked for now and for before" : ""}
                </span>
                {!locked ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="itemId" value={item.id} />
                    <Button name="intent" value="remove-item" variant="quiet" aria-label={`Remove: ${item.prompt}`}>
                      Remove
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {locked ? <p className="mt-3 text-sm text-stone-700 dark:text-stone-300">People have been invited: the questions stay as they were asked.</p> : null}
      </Card>
      {!locked ? (
        <Card title="Add a question">
          <Form method="post" className="space-y-4" noValidate>
            <Select label="Kind" name="kind" defaultValue={values.kind ?? "likert"} error={errors.kind} options={Object.entries(kindNames).map(([value, label]) => ({ value, label }))} />
            <Field label="Question or statement" name="prompt" defaultValue={values.prompt} error={errors.prompt} maxLength={500} />
            <Select label="Domain (needed for statements)" name="domain" defaultValue={values.domain ?? ""} error={errors.domain} options={[{ value: "", label: "None" }, ...domainIds.map((d) => ({ value: d, label: domains[d].label }))]} />
            <TextArea label="Choices, one a line (multiple choice)" name="choices" defaultValue={values.choices} error={errors.choices} rows={3} />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Smallest answer (number)" name="min" type="number" defaultValue={values.min} error={errors.min} />
              <Field label="Largest answer (number)" name="max" type="number" defaultValue={values.max} error={errors.max} />
            </div>
            <p className="text-sm text-stone-700 dark:text-stone-300">Statements are answered on five points: {likertLabels.join(", ")}.</p>
            <Button name="intent" value="add-item">
              Add the question
            </Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
