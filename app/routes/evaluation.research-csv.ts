// The de-identified research export: consenting people only, under pseudonyms (R001, P001 in a
// shuffled order, new each time), small groups pooled as in the reports, no names or emails, and an
// open-text answer that seems to name a person or hold contact details withheld for review.
import { randomInt } from "node:crypto";
import { data } from "react-router";
import type { Route } from "./+types/evaluation.research-csv";
import { requireUser } from "../lib/auth.server";
import { csvResponse } from "../lib/csv";
import { requireEvaluator, surveyOrNotFound } from "../lib/evaluation.server";
import { audienceOf, storedResponses, surveyItems } from "../../server/evaluation/surveys";
import { researchRows } from "../../shared/evaluation/report";

function shuffle<T>(xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  requireEvaluator(user);
  const survey = await surveyOrNotFound(context, params.surveyId);
  const { db } = context.services;
  const [items, responses, audience] = await Promise.all([surveyItems(db, survey.id), storedResponses(db, survey.id), audienceOf(db, survey.audience_kind, survey.audience_id)]);
  const names = (await db.selectFrom("users").select("name").execute()).map((u) => u.name).concat(audience?.people.map((p) => p.name) ?? []);
  const out = researchRows({ design: survey.design, threshold: survey.threshold, items, responses }, names, shuffle);
  if (!out.ok) throw data(out.reason, { status: 400 });
  context.services.log.info({ by: user.id, surveyId: survey.id, rows: out.rows.length, withheld: out.withheld }, "research export");
  return csvResponse([out.header, ...out.rows], `survey-${survey.id}-research.csv`);
}
