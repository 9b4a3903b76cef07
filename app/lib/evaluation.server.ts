// Who may run evaluation surveys and read their reports (admins, coordinators, researchers), and
// finding a survey for a route.
import type { AppLoadContext } from "react-router";
import type { User } from "../../db/schema";
import { findSurvey, type Survey } from "../../server/evaluation/surveys";
import { may } from "../../shared/permissions";
import { actorOf, forbidden, notFound } from "./auth.server";

export function requireEvaluator(user: User): void {
  if (!may(actorOf(user), "network.evaluation")) forbidden("Evaluation surveys are run by the network's admins, coordinators and researchers.");
}

export async function surveyOrNotFound(context: AppLoadContext, id: string): Promise<Survey> {
  const survey = await findSurvey(context.services.db, id);
  if (!survey) notFound("There is no such survey.");
  return survey;
}
