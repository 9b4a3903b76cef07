// Mentorship cycles, profiles, runs, the coordinator's rulings, pairs and their private notes.
import { sql } from "kysely";
import { z } from "zod";
import type { DB } from "../connect";
import type { MentorshipCycle, MentorshipMode, MentorshipPair } from "../schema";
import { nowIso } from "../time";
import { newId } from "../../shared/ids";
import { choiceQuestionSchema, menteeSchema, mentorSchema, rulesSchema, weightsSchema, type ChoiceQuestion, type MenteeProfile, type MentorProfile, type Rules, type Weights } from "../../shared/mentorship/profiles";
import { pairKey } from "../../shared/mentorship/scoring";

export interface CycleSettings {
  name: string;
  mode: MentorshipMode;
  intakeOpens: string;
  intakeCloses: string;
  matchingDate: string;
  lengthWeeks: number;
  checkinDays: number;
  requestDays: number;
  mentorLimit: number | null;
  questions: string[];
  choiceQuestions: ChoiceQuestion[];
  weights: Weights;
  rules: Rules;
}

/** The columns that hold a cycle's settings. */
const settingsColumns = (settings: CycleSettings) => ({
  name: settings.name,
  mode: settings.mode,
  intake_opens: settings.intakeOpens,
  intake_closes: settings.intakeCloses,
  matching_date: settings.matchingDate,
  length_weeks: settings.lengthWeeks,
  checkin_days: settings.checkinDays,
  request_days: settings.requestDays,
  mentor_limit: settings.mentorLimit,
  choice_questions: JSON.stringify(settings.choiceQuestions),
  questions: JSON.stringify(settings.questions),
  weights: JSON.stringify(settings.weights),
  rules: JSON.stringify(settings.rules),
});

export async function createCycle(db: DB, settings: CycleSettings, createdBy: string): Promise<MentorshipCycle> {
  const cycle: MentorshipCycle = {
    id: newId(),
    ...settingsColumns(settings),
    created_by: createdBy,
    created_at: nowIso(),
    changed_at: null,
    closed_at: null,
  };
  await db.insertInto("mentorship_cycles").values(cycle).execute();
  return cycle;
}

/**
 * Changes a cycle's settings while its matching has not started (no run, no pair): false when it
 * has, checked in the same statement so a run made meanwhile cannot be overtaken.
 */
export async function changeCycleSettings(db: DB, cycleId: string, settings: CycleSettings): Promise<boolean> {
  const result = await db
    .updateTable("mentorship_cycles")
    .set({ ...settingsColumns(settings), changed_at: nowIso() })
    .where("id", "=", cycleId)
    .where("closed_at", "is", null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("mentorship_runs").select("mentorship_runs.id").where("mentorship_runs.cycle_id", "=", cycleId))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom("mentorship_pairs").select("mentorship_pairs.id").where("mentorship_pairs.cycle_id", "=", cycleId))))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Notes that what a run is made from (rulings, capacities, intake answers) has changed. */
export async function touchCycle(db: DB, cycleId: string): Promise<void> {
  await db.updateTable("mentorship_cycles").set({ changed_at: nowIso() }).where("id", "=", cycleId).execute();
}

export const listCycles = (db: DB) => db.selectFrom("mentorship_cycles").selectAll().orderBy("created_at", "desc").execute();

export async function getCycle(db: DB, id: string | undefined) {
  const row = id ? await db.selectFrom("mentorship_cycles").selectAll().where("id", "=", id).executeTakeFirst() : undefined;
  if (!row) return undefined;
  return { ...row, weightsParsed: weightsSchema.parse(JSON.parse(row.weights)), rulesParsed: rulesSchema.parse(JSON.parse(row.rules)), questionsParsed: JSON.parse(row.questions) as string[], choiceQuestionsParsed: z.array(choiceQuestionSchema).parse(JSON.parse(row.choice_questions)) };
}
export type Cycle = NonNullable<Awaited<ReturnType<typeof getCycle>>>;

/** When a cycle's mentorships end: its matching date plus its length. */
export const cycleEnds = (cycle: { matching_date: string; length_weeks: number }) => new Date(Date.parse(`${cycle.matching_date}T00:00:00Z`) + cycle.length_weeks * 7 * 86_400_000);

/** A cycle's settings as they were written. */
export function settingsOf(cycle: Cycle): CycleSettings {
  return {
    name: cycle.name,
    mode: cycle.mode,
    intakeOpens: cycle.intake_opens,
    intakeCloses: cycle.intake_closes,
    matchingDate: cycle.matching_date,
    lengthWeeks: cycle.length_weeks,
    checkinDays: cycle.checkin_days,
    requestDays: cycle.request_days,
    mentorLimit: cycle.mentor_limit,
    questions: cycle.questionsParsed,
    choiceQuestions: cycle.choiceQuestionsParsed,
    weights: cycle.weightsParsed,
    rules: cycle.rulesParsed,
  };
}

export async function saveProfile(db: DB, cycleId: string, userId: string, role: "mentor" | "mentee", answers: object): Promise<void> {
  const row = { cycle_id: cycleId, user_id: userId, role, answers: JSON.stringify(answers), updated_at: nowIso() };
  await db
    .insertInto("mentorship_profiles")
    .values(row)
    .onConflict((oc) => oc.columns(["cycle_id", "user_id"]).doUpdateSet({ role, answers: row.answers, updated_at: row.updated_at }))
    .execute();
}

export async function profileOf(db: DB, cycleId: string, userId: string) {
  const row = await db.selectFrom("mentorship_profiles").selectAll().where("cycle_id", "=", cycleId).where("user_id", "=", userId).executeTakeFirst();
  return row ? { role: row.role, answers: JSON.parse(row.answers) as Record<string, unknown> } : null;
}

/** Every profile of a cycle, read and checked; a profile that no longer reads is left out and named. */
export async function profilesOf(db: DB, cycleId: string) {
  const rows = await db
    .selectFrom("mentorship_profiles")
    .innerJoin("users", "users.id", "mentorship_profiles.user_id")
    .select(["mentorship_profiles.user_id", "mentorship_profiles.role", "mentorship_profiles.answers", "users.name", "users.organization_id"])
    .where("cycle_id", "=", cycleId)
    .orderBy("mentorship_profiles.user_id")
    .execute();
  const mentors: MentorProfile[] = [];
  const mentees: MenteeProfile[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    // Who they are and where they work come from their account, as it is now.
    const answers = { ...(JSON.parse(row.answers) as object), userId: row.user_id, name: row.name, organizationId: row.organization_id };
    const parsed = row.role === "mentor" ? mentorSchema.safeParse(answers) : menteeSchema.safeParse(answers);
    if (!parsed.success) unreadable.push(row.name);
    else if (row.role === "mentor") mentors.push(parsed.data as MentorProfile);
    else mentees.push(parsed.data as MenteeProfile);
  }
  return { mentors, mentees, unreadable };
}

export const rulingsOf = (db: DB, cycleId: string) => db.selectFrom("mentorship_rulings").selectAll().where("cycle_id", "=", cycleId).execute();

export async function setRuling(db: DB, cycleId: string, mentorId: string, menteeId: string, ruling: "lock" | "forbid" | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("mentorship_rulings").where("cycle_id", "=", cycleId).where("mentor_id", "=", mentorId).where("mentee_id", "=", menteeId).execute();
    // A mentee has at most one locked pair.
    if (ruling === "lock") await trx.deleteFrom("mentorship_rulings").where("cycle_id", "=", cycleId).where("mentee_id", "=", menteeId).where("ruling", "=", "lock").execute();
    if (ruling) await trx.insertInto("mentorship_rulings").values({ cycle_id: cycleId, mentor_id: mentorId, mentee_id: menteeId, ruling }).execute();
  });
}

export type Wish = "keen" | "rather-not";

/** Each mentor's wishes about mentees in a cycle: mentorId → menteeId → wish. */
export async function wishesOf(db: DB, cycleId: string): Promise<Map<string, Map<string, Wish>>> {
  const rows = await db.selectFrom("mentorship_wishes").select(["mentor_id", "mentee_id", "wish"]).where("cycle_id", "=", cycleId).execute();
  const byMentor = new Map<string, Map<string, Wish>>();
  for (const r of rows) {
    if (!byMentor.has(r.mentor_id)) byMentor.set(r.mentor_id, new Map());
    byMentor.get(r.mentor_id)!.set(r.mentee_id, r.wish);
  }
  return byMentor;
}

/** Replaces a mentor's wishes about the given mentees (a mentee set to "either" loses its row). */
export async function saveWishes(db: DB, cycleId: string, mentorId: string, wishes: { menteeId: string; wish: Wish | null }[]): Promise<void> {
  if (wishes.length === 0) return;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("mentorship_wishes").where("cycle_id", "=", cycleId).where("mentor_id", "=", mentorId).where("mentee_id", "in", wishes.map((w) => w.menteeId)).execute();
    const kept = wishes.filter((w): w is { menteeId: string; wish: Wish } => w.wish !== null);
    if (kept.length) await trx.insertInto("mentorship_wishes").values(kept.map((w) => ({ cycle_id: cycleId, mentor_id: mentorId, mentee_id: w.menteeId, wish: w.wish }))).execute();
  });
}

/** How many mentees each person (or the one mentor named) mentors in the other open cycles (pairs holding a place). */
export async function mentoringElsewhere(db: DB, cycleId: string, mentorId?: string): Promise<Map<string, number>> {
  let query = db.selectFrom("mentorship_pairs");
  if (mentorId) query = query.where("mentorship_pairs.mentor_id", "=", mentorId);
  const rows = await query
    .innerJoin("mentorship_cycles", "mentorship_cycles.id", "mentorship_pairs.cycle_id")
    .select(["mentorship_pairs.mentor_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("mentorship_pairs.cycle_id", "!=", cycleId)
    .where("mentorship_cycles.closed_at", "is", null)
    .where("mentorship_pairs.status", "in", [...holdingStatuses])
    .groupBy("mentorship_pairs.mentor_id")
    .execute();
  return new Map(rows.map((r) => [r.mentor_id, Number(r.n)]));
}

/** Partners from other cycles who were matched and did not decline. */
export async function previousPartners(db: DB, cycleId: string): Promise<Set<string>> {
  const rows = await db.selectFrom("mentorship_pairs").select(["mentor_id", "mentee_id"]).where("cycle_id", "!=", cycleId).where("status", "in", ["active", "ended"]).execute();
  return new Set(rows.map((r) => pairKey(r.mentor_id, r.mentee_id)));
}

export const pairsOf = (db: DB, cycleId: string) =>
  db
    .selectFrom("mentorship_pairs")
    .innerJoin("users as mentor", "mentor.id", "mentorship_pairs.mentor_id")
    .innerJoin("users as mentee", "mentee.id", "mentorship_pairs.mentee_id")
    .selectAll("mentorship_pairs")
    .select(["mentor.name as mentor_name", "mentee.name as mentee_name", "mentor.email as mentor_email", "mentee.email as mentee_email"])
    .where("mentorship_pairs.cycle_id", "=", cycleId)
    .orderBy("mentee.name")
    .execute();

export async function getPair(db: DB, pairId: string | undefined): Promise<MentorshipPair | undefined> {
  return pairId ? db.selectFrom("mentorship_pairs").selectAll().where("id", "=", pairId).executeTakeFirst() : undefined;
}

/** Pairs that hold a place of a mentor's capacity or a mentee's: awaiting answers or active. */
export const holdingStatuses = ["proposed", "requested", "active"] as const;
export const holdsPlace = (status: string) => (holdingStatuses as readonly string[]).includes(status);

/** When a pair began: the later of the two acceptances (its creation until both have accepted). */
export const activeSince = (pair: Pick<MentorshipPair, "mentor_accepted_at" | "mentee_accepted_at" | "created_at">) =>
  [pair.mentor_accepted_at, pair.mentee_accepted_at].filter((d): d is string => d !== null).sort().at(-1) ?? pair.created_at;

export async function insertPair(db: DB, input: { cycleId: string; mentorId: string; menteeId: string; score: number; explanation: object; status: "proposed" | "requested" }): Promise<MentorshipPair> {
  const now = nowIso();
  const pair: MentorshipPair = {
    id: newId(),
    cycle_id: input.cycleId,
    mentor_id: input.mentorId,
    mentee_id: input.menteeId,
    score: input.score,
    explanation: JSON.stringify(input.explanation),
    status: input.status,
    mentor_accepted_at: null,
    mentee_accepted_at: input.status === "requested" ? now : null,
    declined_by: null,
    decline_reason: null,
    reminded_at: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto("mentorship_pairs").values(pair).execute();
  return pair;
}

export async function notesOf(db: DB, pairId: string) {
  return db
    .selectFrom("mentorship_notes")
    .innerJoin("users", "users.id", "mentorship_notes.author_id")
    .selectAll("mentorship_notes")
    .select("users.name as author_name")
    .where("pair_id", "=", pairId)
    .orderBy("mentorship_notes.created_at")
    .execute();
}

export async function addNote(db: DB, input: { pairId: string; kind: "goal" | "meeting" | "feedback" | "program-feedback"; authorId: string; body: string; rating?: number | null; happenedOn?: string | null }) {
  await db
    .insertInto("mentorship_notes")
    .values({ id: newId(), pair_id: input.pairId, kind: input.kind, author_id: input.authorId, body: input.body, rating: input.rating ?? null, happened_on: input.happenedOn ?? null, created_at: nowIso() })
    .execute();
}

/** Per pair: how many meetings are logged and when the last was, for the report and stall alerts. */
export async function meetingCounts(db: DB, cycleId: string) {
  const rows = await db
    .selectFrom("mentorship_notes")
    .innerJoin("mentorship_pairs", "mentorship_pairs.id", "mentorship_notes.pair_id")
    .select(["mentorship_notes.pair_id", sql<number>`count(*)`.as("meetings"), sql<string>`max(coalesce(mentorship_notes.happened_on, mentorship_notes.created_at))`.as("last")])
    .where("mentorship_pairs.cycle_id", "=", cycleId)
    .where("mentorship_notes.kind", "=", "meeting")
    .groupBy("mentorship_notes.pair_id")
    .execute();
  return new Map(rows.map((r) => [r.pair_id, { meetings: Number(r.meetings), last: r.last }]));
}
