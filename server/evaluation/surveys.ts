// Evaluation surveys on the server: who a survey goes to, opening a round (invitations through the
// outbox, each person once however many times or nodes ask), reminders (once, to those who have not
// answered), and answering. An anonymous answer is stored with no link to its person: the
// invitation is marked answered in the same transaction (that claim makes a second answer
// impossible), and the answer keeps only the group, the day and, when the person gives one, the
// keyed hash of their pairing code.
import { createHmac } from "node:crypto";
import type { DB } from "../../db/connect";
import type { SurveyRound, SurveyTable } from "../../db/schema";
import { nowIso } from "../../db/time";
import { answerKey, type StoredResponse } from "../../shared/evaluation/report";
import { alreadyAnswered, normalizeCode, notTakingAnswers, type Answer, type SurveyItem } from "../../shared/evaluation/surveys";
import { newId } from "../../shared/ids";
import { newSecretToken, sha256Hex } from "../auth/tokens";
import type { Services } from "../services";

export type Survey = Omit<SurveyTable, "threshold"> & { threshold: number };

export interface Recipient {
  email: string;
  name: string;
  group: string;
}

const noGroup = "No organization given";

/** The people a survey goes to, and what to call them together. */
export async function audienceOf(db: DB, kind: Survey["audience_kind"], id: string): Promise<{ name: string; people: Recipient[] } | null> {
  if (kind === "community") {
    const community = await db.selectFrom("communities").select("name").where("id", "=", id).executeTakeFirst();
    if (!community) return null;
    const people = await db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .leftJoin("organizations", "organizations.id", "users.organization_id")
      .select(["users.email", "users.name", "organizations.name as organization"])
      .where("memberships.community_id", "=", id)
      .orderBy("users.email")
      .execute();
    return { name: community.name, people: people.map((p) => ({ email: p.email, name: p.name, group: p.organization ?? noGroup })) };
  }
  if (kind === "event") {
    const event = await db.selectFrom("events").select("title").where("id", "=", id).executeTakeFirst();
    if (!event) return null;
    const people = await db.selectFrom("event_registrations").select(["email", "name", "organization", "district"]).where("event_id", "=", id).where("status", "=", "registered").orderBy("email").execute();
    return { name: `Registrants of ${event.title}`, people: people.map((p) => ({ email: p.email, name: p.name, group: p.organization ?? p.district ?? noGroup })) };
  }
  const request = await db.selectFrom("training_requests").select(["organization", "offering"]).where("id", "=", id).executeTakeFirst();
  if (!request) return null;
  const people = await db
    .selectFrom("cohort_applications")
    .innerJoin("cohorts", "cohorts.id", "cohort_applications.cohort_id")
    .select(["cohort_applications.email", "cohort_applications.name", "cohort_applications.organization"])
    .where("cohorts.request_id", "=", id)
    .where("cohort_applications.status", "=", "accepted")
    .orderBy("cohort_applications.email")
    .execute();
  return { name: `Participants of the training for ${request.organization}`, people: people.map((p) => ({ email: p.email, name: p.name, group: p.organization ?? noGroup })) };
}

export async function findSurvey(db: DB, id: string): Promise<Survey | undefined> {
  return db.selectFrom("surveys").selectAll().where("id", "=", id).executeTakeFirst() as Promise<Survey | undefined>;
}

export async function surveyItems(db: DB, surveyId: string): Promise<SurveyItem[]> {
  const rows = await db.selectFrom("survey_items").selectAll().where("survey_id", "=", surveyId).orderBy("position").execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, domain: r.domain, prompt: r.prompt, choices: r.choices ? (JSON.parse(r.choices) as string[]) : [], min: r.min_value, max: r.max_value }));
}

/** Records one invitation or reminder in the caller's transaction; its link is absolute, from PUBLIC_URL. */
function recordInvitation(trx: DB, services: Pick<Services, "mailer" | "origin">, survey: Survey, to: { email: string; name: string }, token: string, reminder: boolean): Promise<string> {
  const stored = survey.anonymity === "anonymous" ? "Your answers are anonymous: they are stored with no link to you, and" : "Your answers are stored with your name so that the network can follow up with you;";
  return services.mailer.record(trx, {
    to: to.email,
    kind: "survey",
    subject: reminder ? `A reminder: ${survey.title}` : `Your answers, please: ${survey.title}`,
    text: `Hello ${to.name},\n\n${reminder ? "A gentle reminder: we would still value your answers to" : "You are invited to answer"} "${survey.title}".\n\n${stored} reports never show a group of fewer than ${survey.threshold} people.\n\nAnswer here (about five minutes):\n${services.origin()}/surveys/${token}\n\nThis link is yours; please do not forward it.`,
    secretExpiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
  });
}

/**
 * Opens a round and invites everyone in the audience who has not been invited to it: an
 * invitation row and its email are written in one transaction, and the unique (survey, round,
 * email) makes a second opening, on this node or another, invite nobody twice.
 */
export async function openRound(services: Pick<Services, "db" | "mailer" | "origin">, survey: Survey, round: SurveyRound): Promise<number> {
  const { db, mailer } = services;
  const audience = await audienceOf(db, survey.audience_kind, survey.audience_id);
  if (!audience) throw new Error("the survey's audience no longer exists");
  const tokens = await Promise.all(audience.people.map(() => newSecretToken()));
  const emails = await db.transaction().execute(async (trx) => {
    await trx.updateTable("surveys").set({ open_round: round, closed_at: null, updated_at: nowIso() }).where("id", "=", survey.id).execute();
    const ids: string[] = [];
    for (const [i, person] of audience.people.entries()) {
      const inserted = await trx
        .insertInto("survey_invitations")
        .values({ id: newId(), survey_id: survey.id, round, email: person.email, name: person.name, group_label: person.group, token_hash: tokens[i].hash, reminder_token_hash: null, invited_at: nowIso(), reminded_at: null })
        .onConflict((oc) => oc.columns(["survey_id", "round", "email"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) continue;
      ids.push(await recordInvitation(trx as unknown as DB, services, survey, person, tokens[i].token, false));
    }
    return ids;
  });
  mailer.release(emails);
  return emails.length;
}

/** Reminds, once, everyone invited to the open round who has not answered; the update is the claim. */
export async function remindUnanswered(services: Pick<Services, "db" | "mailer" | "origin">, survey: Survey): Promise<number> {
  const { db, mailer } = services;
  if (!survey.open_round) return 0;
  const round = survey.open_round;
  const emails = await db.transaction().execute(async (trx) => {
    const due = await trx.selectFrom("survey_invitations").select(["id", "email", "name"]).where("survey_id", "=", survey.id).where("round", "=", round).where("answered", "=", 0).where("reminded_at", "is", null).execute();
    const ids: string[] = [];
    for (const invitation of due) {
      const { token, hash } = await newSecretToken();
      const claimed = await trx.updateTable("survey_invitations").set({ reminded_at: nowIso(), reminder_token_hash: hash }).where("id", "=", invitation.id).where("reminded_at", "is", null).where("answered", "=", 0).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) continue;
      ids.push(await recordInvitation(trx as unknown as DB, services, survey, invitation, token, true));
    }
    return ids;
  });
  mailer.release(emails);
  return emails.length;
}

export interface Invitation {
  id: string;
  round: SurveyRound;
  email: string;
  name: string;
  group: string;
  answered: boolean;
  survey: Survey;
}

/** The invitation a link's secret opens, with its survey; null for a link that is not one. */
export async function invitationByToken(db: DB, token: string): Promise<Invitation | null> {
  if (!/^[a-z2-9]{32}$/.test(token)) return null;
  const hash = await sha256Hex(token);
  const row = await db
    .selectFrom("survey_invitations")
    .select(["id", "survey_id", "round", "email", "name", "group_label", "answered"])
    .where((eb) => eb.or([eb("token_hash", "=", hash), eb("reminder_token_hash", "=", hash)]))
    .executeTakeFirst();
  if (!row) return null;
  const survey = await findSurvey(db, row.survey_id);
  if (!survey) return null;
  return { id: row.id, round: row.round, email: row.email, name: row.name, group: row.group_label, answered: row.answered === 1, survey };
}

/** The keyed hash that links one person's answers across rounds: of their code, or (identified) of their address. */
export function pairKey(survey: Pick<Survey, "pairing_salt">, source: { code: string } | { email: string }): string {
  const material = "code" in source ? `code:${normalizeCode(source.code)}` : `email:${source.email.trim().toLowerCase()}`;
  return createHmac("sha256", survey.pairing_salt).update(material).digest("base64url");
}

export class AnswerRefused extends Error {}

/** Stores one person's answers; refuses a second answer, and an answer to a round that is not open. */
export async function storeResponse(db: DB, invitation: Invitation, answers: Answer[], pairing: { code: string } | null, consent: boolean): Promise<void> {
  const { survey } = invitation;
  const key = survey.anonymity === "identified" ? pairKey(survey, { email: invitation.email }) : pairing ? pairKey(survey, pairing) : null;
  await db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom("surveys").select(["open_round", "closed_at"]).where("id", "=", survey.id).executeTakeFirst();
    if (!open || open.closed_at || open.open_round !== invitation.round) throw new AnswerRefused(notTakingAnswers);
    const claimed = await trx.updateTable("survey_invitations").set({ answered: 1 }).where("id", "=", invitation.id).where("answered", "=", 0).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw new AnswerRefused(alreadyAnswered);
    const responseId = newId();
    await trx
      .insertInto("survey_responses")
      .values({
        id: responseId,
        survey_id: survey.id,
        round: invitation.round,
        group_label: invitation.group,
        respondent_email: survey.anonymity === "identified" ? invitation.email : null,
        pair_key: key,
        research_consent: consent ? 1 : 0,
        submitted_on: nowIso().slice(0, 10),
      })
      .execute();
    if (answers.length) await trx.insertInto("survey_answers").values(answers.map((a) => ({ response_id: responseId, item_id: a.itemId, phase: a.phase, number_value: a.number, text_value: a.text }))).execute();
  });
}

export async function storedResponses(db: DB, surveyId: string): Promise<StoredResponse[]> {
  const responses = await db.selectFrom("survey_responses").select(["id", "round", "group_label", "pair_key", "research_consent"]).where("survey_id", "=", surveyId).execute();
  const answers = responses.length
    ? await db.selectFrom("survey_answers").innerJoin("survey_responses", "survey_responses.id", "survey_answers.response_id").select(["response_id", "item_id", "phase", "number_value", "text_value"]).where("survey_responses.survey_id", "=", surveyId).execute()
    : [];
  const byResponse = new Map(responses.map((r) => [r.id, { id: r.id, round: r.round, group: r.group_label, pairKey: r.pair_key, consent: r.research_consent === 1, answers: new Map<string, number | string>() } satisfies StoredResponse]));
  for (const a of answers) byResponse.get(a.response_id)?.answers.set(answerKey(a.item_id, a.phase), a.text_value ?? Number(a.number_value));
  return [...byResponse.values()];
}

/** How many were invited to and have answered each round (counts only, never who). */
export async function roundCounts(db: DB, surveyId: string): Promise<{ round: SurveyRound; invited: number; answered: number; reminded: number }[]> {
  const rows = await db
    .selectFrom("survey_invitations")
    .select((eb) => ["round", eb.fn.countAll<number>().as("invited"), eb.fn.sum<number>("answered").as("answered"), eb.fn.count<number>("reminded_at").as("reminded")])
    .where("survey_id", "=", surveyId)
    .groupBy("round")
    .execute();
  return rows.map((r) => ({ round: r.round, invited: Number(r.invited), answered: Number(r.answered ?? 0), reminded: Number(r.reminded) }));
}
