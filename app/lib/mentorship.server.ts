// Mentorship on the server: who coordinates, running a match over a cycle's profiles (keeping the
// coordinator's locks and forbidden pairs, and the places already taken), publishing it, mentee
// choice with capacity held under concurrent requests, and answers to a proposed pair.
import type { AppLoadContext } from "react-router";
import { notify, type Notice } from "../../server/notices";
import type { MentorshipPair, User } from "../../db/schema";
import { getCycle, holdingStatuses, holdsPlace, insertPair, mentoringElsewhere, pairsOf, previousPartners, profilesOf, rulingsOf, wishesOf, type Cycle } from "../../db/queries/mentorship";
import { nowIso } from "../../db/time";
import { isUniqueViolation } from "../../db/errors";
import { blockingPairs, exactMatching, scoreTable, stableMatching, summarize, type MatchInput } from "../../shared/mentorship/matching";
import { infeasibilities, infeasibilityText, scoreOnly, scorePair, pairKey, type PairContext, type ScorePart } from "../../shared/mentorship/scoring";
import { toReader } from "../../shared/mentorship/explain";
import { domainNames, type MenteeProfile, type MentorProfile, type Rules, type Weights } from "../../shared/mentorship/profiles";
import { may } from "../../shared/permissions";
import { actorOf, forbidden, notFound } from "./auth.server";

export const mayCoordinate = (user: User) => may(actorOf(user), "mentorship.coordinate");

export function requireCoordinator(user: User): void {
  if (!mayCoordinate(user)) forbidden("Only the network's coordinators (admins and facilitators) run mentorship cycles.");
}

export async function cycleOrNotFound(context: AppLoadContext, cycleId: string | undefined): Promise<Cycle> {
  const cycle = await getCycle(context.services.db, cycleId);
  if (!cycle) notFound("There is no such mentorship cycle.");
  return cycle;
}

export interface RunPair {
  mentorId: string;
  mentorName: string;
  menteeId: string;
  menteeName: string;
  score: number;
  locked: boolean;
  parts: ScorePart[];
}

export interface RunResult {
  algorithm: "exact" | "stable";
  pairs: RunPair[];
  unmatched: { menteeId: string; name: string; reason: string }[];
  mentees: number;
  matched: number;
  totalScore: number;
  lowestScore: number | null;
  p5Score: number | null;
  blockingPairs: number;
  /** The exact result's figures on the same input, for comparing a stable run with it. */
  exact: { matched: number; totalScore: number };
  /** How many on each side gave their own preferences (stable runs follow them; the rest, the score). */
  preferences?: { mentees: number; mentors: number };
  /** Mentees who asked for a mentor the cycle's rules do not allow them, and why. */
  blockedRequests?: { mentee: string; mentor: string; why: string }[];
  /** Locks the rules no longer allow, released rather than proposed, and why. */
  releasedLocks?: { mentee: string; mentor: string; why: string }[];
  unreadableProfiles: string[];
  /** The weights and rules the run was made with (runs before this was kept lack it). */
  settings?: { weights: Weights; rules: Rules };
}

/** The cycle's input to matching: people still to match, places left, locks and forbidden pairs. */
export async function matchingInput(context: AppLoadContext, cycle: Cycle): Promise<{ input: MatchInput; unreadable: string[] }> {
  const { db } = context.services;
  const { mentors, mentees, unreadable } = await profilesOf(db, cycle.id);
  const pairs = await pairsOf(db, cycle.id);
  const holding = pairs.filter((p) => holdsPlace(p.status));
  const placed = new Set(holding.map((p) => p.mentee_id));
  const taken = new Map<string, number>();
  for (const p of holding) taken.set(p.mentor_id, (taken.get(p.mentor_id) ?? 0) + 1);
  const rulings = await rulingsOf(db, cycle.id);
  const forbiddenPairs = new Set(rulings.filter((r) => r.ruling === "forbid").map((r) => pairKey(r.mentor_id, r.mentee_id)));
  // A declined or ended pair is not proposed again in this cycle: both are free to be matched anew.
  for (const p of pairs) if (p.status === "declined" || p.status === "ended") forbiddenPairs.add(pairKey(p.mentor_id, p.mentee_id));
  // A cycle's limit counts the mentees a mentor holds in other open cycles too.
  const elsewhere = cycle.mentor_limit === null ? new Map<string, number>() : await mentoringElsewhere(db, cycle.id);
  const pairContext = { weights: cycle.weightsParsed, rules: cycle.rulesParsed, questions: cycle.choiceQuestionsParsed, previous: await previousPartners(db, cycle.id), forbidden: forbiddenPairs };
  const open = mentees.filter((m) => !placed.has(m.userId));
  return {
    unreadable,
    input: {
      mentors: mentors.map((m) => ({ ...m, capacity: placesLeft(m.capacity, taken.get(m.userId) ?? 0, cycle.mentor_limit, elsewhere.get(m.userId) ?? 0) })),
      mentees: open,
      context: pairContext,
      preferences: await ownPreferences(db, cycle.id, mentors, open, pairContext),
      // A lock on a pair since declined is released: it is never proposed again.
      locked: rulings.filter((r) => r.ruling === "lock" && !placed.has(r.mentee_id) && !forbiddenPairs.has(pairKey(r.mentor_id, r.mentee_id))).map((r) => ({ mentorId: r.mentor_id, menteeId: r.mentee_id })),
    },
  };
}

/** A mentor's places left: their capacity here less those taken, and within the cycle's limit across open cycles. */
export function placesLeft(capacity: number, takenHere: number, limit: number | null, takenElsewhere: number): number {
  const here = capacity - takenHere;
  return Math.max(0, limit === null ? here : Math.min(here, limit - takenElsewhere - takenHere));
}

/**
 * Each side's own choices, for stable matching: a mentee's mentors in order of choice; a mentor's
 * mentees they are keen on (best fit first) and those they would rather not have.
 */
async function ownPreferences(db: AppLoadContext["services"]["db"], cycleId: string, mentors: MentorProfile[], mentees: MenteeProfile[], context: PairContext): Promise<NonNullable<MatchInput["preferences"]>> {
  const wishes = await wishesOf(db, cycleId);
  const menteeById = new Map(mentees.map((m) => [m.userId, m]));
  const keen: Record<string, string[]> = {};
  const ratherNot: Record<string, string[]> = {};
  for (const mentor of mentors) {
    const mine = [...(wishes.get(mentor.userId) ?? [])].filter(([id]) => menteeById.has(id));
    const fit = (id: string) => scoreOnly(mentor, menteeById.get(id)!, context) ?? -1;
    const wanted = mine.filter(([, wish]) => wish === "keen").map(([id]) => id);
    if (wanted.length) keen[mentor.userId] = wanted.sort((a, b) => fit(b) - fit(a) || (a < b ? -1 : 1));
    const not = mine.filter(([, wish]) => wish === "rather-not").map(([id]) => id);
    if (not.length) ratherNot[mentor.userId] = not;
  }
  return {
    mentees: Object.fromEntries(mentees.map((m) => [m.userId, m.rankedMentors?.length ? m.rankedMentors : m.preferredMentor ? [m.preferredMentor] : []]).filter(([, list]) => list.length)),
    mentors: keen,
    mentorsRatherNot: ratherNot,
  };
}

export function runMatching(input: MatchInput, algorithm: "exact" | "stable", unreadable: string[] = []): RunResult {
  const table = scoreTable(input);
  const exact = exactMatching(table);
  const pairs = algorithm === "exact" ? exact : stableMatching(table);
  const summary = summarize(input, table, pairs);
  return {
    algorithm,
    pairs: pairs.map((p) => {
      const mentor = table.mentors[p.mentor];
      const mentee = table.mentees[p.mentee];
      const explained = scorePair(mentor, mentee, { ...input.context, forbidden: undefined, previous: undefined });
      return { mentorId: mentor.userId, mentorName: mentor.name, menteeId: mentee.userId, menteeName: mentee.name, score: p.score, locked: p.locked, parts: explained.feasible ? explained.parts : [] };
    }),
    unmatched: summary.unmatched.map((u) => ({ menteeId: table.mentees[u.mentee].userId, name: table.mentees[u.mentee].name, reason: u.reason })),
    mentees: table.mentees.length,
    matched: summary.matched,
    totalScore: summary.totalScore,
    lowestScore: summary.lowestScore,
    p5Score: summary.p5Score,
    preferences: { mentees: table.menteeRanks.filter((r) => r.length).length, mentors: table.mentors.filter((_, j) => table.mentorRanks[j].length || table.mentorLast[j].size).length },
    blockedRequests: input.mentees.flatMap((mentee) => {
      const mentor = mentee.preferredMentor ? input.mentors.find((m) => m.userId === mentee.preferredMentor) : undefined;
      if (!mentor) return [];
      const scored = scorePair(mentor, mentee, input.context);
      return scored.feasible ? [] : [{ mentee: mentee.name, mentor: mentor.name, why: scored.reasons.map((r) => infeasibilityText[r]).join("; ") }];
    }),
    releasedLocks: table.releasedLocks.map(([i, j]) => ({
      mentee: table.mentees[i].name,
      mentor: table.mentors[j].name,
      why: infeasibilities(table.mentors[j], table.mentees[i], input.context)
        .map((r) => infeasibilityText[r])
        .join("; "),
    })),
    blockingPairs: blockingPairs(table, pairs),
    exact: { matched: exact.length, totalScore: exact.reduce((n, p) => n + p.score, 0) },
    unreadableProfiles: unreadable,
    settings: { weights: input.context.weights, rules: input.context.rules },
  };
}

/**
 * The two notices of a proposed pair, one per person, once per pair (the key): `say(side, other)`
 * words the body for the mentor or the mentee, naming the other.
 */
function proposalNotices(cycle: Cycle, pairId: string, mentor: { id: string; name: string }, mentee: { id: string; name: string }, say: (side: "mentor" | "mentee", other: string) => string): Notice[] {
  return (["mentor", "mentee"] as const).map((side) => {
    const [me, other] = side === "mentor" ? [mentor, mentee] : [mentee, mentor];
    return { userId: me.id, kind: "mentorship", key: `mentorship:pair:${pairId}`, title: `${cycle.name}: you have been matched with ${other.name}`, body: say(side, other.name), href: `/mentorship/pairs/${pairId}` };
  });
}

/**
 * Publishes a run: in one transaction the run is claimed (published once; null when it already
 * was) and each pair that still holds becomes a proposal both people answer; after it commits,
 * both people hear of it. A lock on a pair since declined or forbidden is released, not proposed.
 */
export async function publishRun(context: AppLoadContext, cycle: Cycle, runId: string, result: RunResult): Promise<number | null> {
  const { db } = context.services;
  const { input } = await matchingInput(context, cycle);
  const open = new Set(input.mentees.map((m) => m.userId));
  const places = new Map(input.mentors.map((m) => [m.userId, m.capacity]));
  const forbidden = input.context.forbidden ?? new Set<string>();
  const created: { pair: RunPair; id: string }[] = [];
  const claimed = await db.transaction().execute(async (trx) => {
    const claim = await trx.updateTable("mentorship_runs").set({ published_at: nowIso() }).where("id", "=", runId).where("published_at", "is", null).executeTakeFirst();
    if (!Number(claim.numUpdatedRows)) return false;
    for (const pair of result.pairs) {
      // Only what still holds: the mentee is still unplaced, the mentor still has a place, and the pair is not ruled out.
      if (!open.has(pair.menteeId) || (places.get(pair.mentorId) ?? 0) <= 0 || forbidden.has(pairKey(pair.mentorId, pair.menteeId))) continue;
      open.delete(pair.menteeId);
      places.set(pair.mentorId, places.get(pair.mentorId)! - 1);
      const row = await insertPair(trx as typeof db, { cycleId: cycle.id, mentorId: pair.mentorId, menteeId: pair.menteeId, score: pair.score, explanation: pair.parts, status: "proposed" });
      created.push({ pair, id: row.id });
    }
    return true;
  });
  if (!claimed) return null;
  for (const { pair, id } of created) {
    const why = (side: "mentor" | "mentee", other: string) =>
      pair.parts
        .filter((p) => p.points > 0)
        .map((p) => toReader(p.text, side, other.split(" ")[0]))
        .join("; ");
    await notify(
      context.services,
      proposalNotices(cycle, id, { id: pair.mentorId, name: pair.mentorName }, { id: pair.menteeId, name: pair.menteeName }, (side, other) => `${cycle.name} has matched you with ${other} as your ${side === "mentor" ? "mentee" : "mentor"}. Why: ${why(side, other)}. Please accept or decline.`),
    );
  }
  return created.length;
}

/**
 * The participant of a cycle a coordinator means: by id, or by name or email typed (case aside).
 * A name two participants share asks for the email.
 */
export async function findParticipant(context: AppLoadContext, cycle: Cycle, role: "mentor" | "mentee", typed: string): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const query = typed.trim().toLowerCase();
  if (!query) return { ok: false, message: `Name the ${role}.` };
  const found = await context.services.db
    .selectFrom("mentorship_profiles")
    .innerJoin("users", "users.id", "mentorship_profiles.user_id")
    .select(["users.id", "users.name", "users.email"])
    .where("mentorship_profiles.cycle_id", "=", cycle.id)
    .where("mentorship_profiles.role", "=", role)
    .where((eb) => eb.or([eb("users.id", "=", typed.trim()), eb(eb.fn("lower", ["users.email"]), "=", query), eb(eb.fn("lower", ["users.name"]), "=", query)]))
    .limit(3)
    .execute();
  if (found.length === 1) return { ok: true, id: found[0].id };
  if (found.length > 1) return { ok: false, message: `More than one ${role} is called “${typed.trim()}”: give their email.` };
  return { ok: false, message: `No ${role} of this cycle is called “${typed.trim()}”.` };
}

/**
 * A pair the coordinator makes by hand: its score and the words for it, or why the rules forbid it.
 * Proposing it (`manual`) is refused when either person cannot take it on.
 */
export async function manualPair(context: AppLoadContext, cycle: Cycle, mentorId: string, menteeId: string, propose: boolean) {
  const { db } = context.services;
  const { mentors, mentees } = await profilesOf(db, cycle.id);
  const mentor = mentors.find((m) => m.userId === mentorId);
  const mentee = mentees.find((m) => m.userId === menteeId);
  if (!mentor || !mentee) return { ok: false as const, message: "Choose a mentor and a mentee of this cycle." };
  if (mentor.userId === mentee.userId) return { ok: false as const, message: "A person cannot mentor themselves." };
  const { input } = await matchingInput(context, cycle);
  const scored = scorePair(mentor, mentee, input.context);
  const preview = scored.feasible
    ? { mentor: mentor.name, mentee: mentee.name, score: scored.score, parts: scored.parts.map((p) => ({ text: p.text, points: p.points, outOf: p.outOf })), blocked: null }
    : { mentor: mentor.name, mentee: mentee.name, score: 0, parts: [], blocked: scored.reasons.map((r) => infeasibilityText[r]).join("; ") };
  if (!propose) return { ok: true as const, preview };
  if (!scored.feasible) return { ok: false as const, message: `The cycle's rules do not allow this pair (${preview.blocked}).` };
  const left = input.mentors.find((m) => m.userId === mentorId)?.capacity ?? 0;
  if (left <= 0) return { ok: false as const, message: `${mentor.name} has no place left.` };
  if (!input.mentees.some((m) => m.userId === menteeId)) return { ok: false as const, message: `${mentee.name} already has a mentor or a proposal.` };
  try {
    const pair = await insertPair(db, { cycleId: cycle.id, mentorId, menteeId, score: scored.score, explanation: scored.parts, status: "proposed" });
    await notify(
      context.services,
      proposalNotices(cycle, pair.id, { id: mentor.userId, name: mentor.name }, { id: mentee.userId, name: mentee.name }, (side, other) => `A coordinator of ${cycle.name} has matched you with ${other} as your ${side === "mentor" ? "mentee" : "mentor"}. Please accept or decline.`),
    );
    return { ok: true as const, preview, pairId: pair.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false as const, message: `${mentee.name} already has a mentor or a proposal.` };
    throw error;
  }
}

/** The mentors a choosing mentee is shown: every one who fits and has a place left, best first. */
export async function shortlistFor(context: AppLoadContext, cycle: Cycle, menteeId: string) {
  // Every mentor who fits and has a place left, best first: a mentee is never told there is no
  // place while there is one. (Spreading mentors across mentees hid places that were free.)
  const { input } = await matchingInput(context, cycle);
  const table = scoreTable(input);
  const i = table.mentees.findIndex((m) => m.userId === menteeId);
  if (i === -1) return [];
  const choices = table.mentors
    .map((_, j) => j)
    .filter((j) => table.scores[i][j] >= 0 && table.capacity[j] > 0)
    .sort((a, b) => table.scores[i][b] - table.scores[i][a] || table.mentors[a].name.localeCompare(table.mentors[b].name));
  const ids = choices.map((j) => table.mentors[j].userId);
  const about = new Map(ids.length ? (await context.services.db.selectFrom("users").select(["id", "bio", "role_title"]).where("id", "in", ids).execute()).map((u) => [u.id, u]) : []);
  return choices.map((j) => {
    const explained = scorePair(table.mentors[j], table.mentees[i], input.context);
    const person = about.get(table.mentors[j].userId);
    return {
      mentorId: table.mentors[j].userId,
      name: table.mentors[j].name,
      roleTitle: person?.role_title ?? null,
      bio: person?.bio ?? null,
      yearsPractice: table.mentors[j].yearsPractice,
      placesLeft: table.capacity[j],
      score: table.scores[i][j],
      parts: explained.feasible ? explained.parts : [],
    };
  });
}

/** Mentees a mentor may say wishes about: the 30 who fit them best among those still to match. */
export async function wishesFor(context: AppLoadContext, cycle: Cycle, mentorId: string) {
  const { input } = await matchingInput(context, cycle);
  const mentor = input.mentors.find((m) => m.userId === mentorId);
  if (!mentor) return null;
  const fitting = input.mentees
    .map((mentee) => ({ mentee, score: scoreOnly(mentor, mentee, input.context) }))
    .filter((f): f is { mentee: MenteeProfile; score: number } => f.score !== null)
    .sort((a, b) => b.score - a.score || a.mentee.name.localeCompare(b.mentee.name));
  // The wishes as the matching input already read them (for the mentees still to match, which are those shown).
  const keen = new Set(input.preferences?.mentors?.[mentorId] ?? []);
  const ratherNot = new Set(input.preferences?.mentorsRatherNot?.[mentorId] ?? []);
  return {
    fitting: fitting.length,
    mentees: fitting.slice(0, 30).map(({ mentee }) => ({
      id: mentee.userId,
      name: mentee.name,
      region: mentee.region,
      goals: mentee.goals,
      focus: mentee.focus.map((d) => domainNames[d]).join(", "),
      wish: keen.has(mentee.userId) ? ("keen" as const) : ratherNot.has(mentee.userId) ? ("rather-not" as const) : ("either" as const),
    })),
  };
}

/**
 * A mentee asks for a mentor: one transaction that counts the mentor's taken places and the
 * mentee's open pairs before writing, so two requests at once cannot both take the last place.
 */
export async function requestMentor(context: AppLoadContext, cycle: Cycle, menteeId: string, mentorId: string): Promise<{ ok: true; pair: MentorshipPair } | { ok: false; message: string }> {
  const shortlist = await shortlistFor(context, cycle, menteeId);
  const choice = shortlist.find((s) => s.mentorId === mentorId);
  if (!choice) return { ok: false, message: "That mentor is not on your shortlist any more. Here is the list as it is now." };
  const { db, dialect } = context.services;
  const already = { ok: false as const, message: "You already have a mentor or a request waiting." };
  return db
    .transaction()
    .execute(async (trx) => {
      let profile = trx.selectFrom("mentorship_profiles").select("answers").where("cycle_id", "=", cycle.id).where("user_id", "=", mentorId);
      if (dialect === "postgres") profile = profile.forUpdate();
      const mentor = await profile.executeTakeFirst();
      const capacity = Number((JSON.parse(mentor?.answers ?? "{}") as { capacity?: number }).capacity ?? 0);
      const holding = await trx.selectFrom("mentorship_pairs").select(["mentor_id", "mentee_id"]).where("cycle_id", "=", cycle.id).where("status", "in", [...holdingStatuses]).where((eb) => eb.or([eb("mentor_id", "=", mentorId), eb("mentee_id", "=", menteeId)])).execute();
      if (holding.some((p) => p.mentee_id === menteeId)) return already;
      const elsewhere = cycle.mentor_limit === null ? 0 : ((await mentoringElsewhere(trx, cycle.id, mentorId)).get(mentorId) ?? 0);
      if (placesLeft(capacity, holding.filter((p) => p.mentor_id === mentorId).length, cycle.mentor_limit, elsewhere) <= 0) return { ok: false as const, message: `${choice.name} has just been asked by as many mentees as they can take. Please choose again.` };
      const pair = await insertPair(trx, { cycleId: cycle.id, mentorId, menteeId, score: choice.score, explanation: choice.parts, status: "requested" });
      return { ok: true as const, pair };
    })
    // Two requests of one mentee at once, to two mentors: the one-place index lets one through.
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return already;
      throw error;
    });
}

/** Accept or decline a pair one is part of. Both accepting makes it active; a decline frees both. */
export async function answerPair(context: AppLoadContext, pair: MentorshipPair, user: User, answer: "accept" | "decline", reason: string): Promise<void> {
  const { db } = context.services;
  const side = pair.mentor_id === user.id ? "mentor" : "mentee";
  const now = nowIso();
  if (answer === "decline") {
    await db.updateTable("mentorship_pairs").set({ status: "declined", declined_by: user.id, decline_reason: reason, updated_at: now }).where("id", "=", pair.id).where("status", "in", ["proposed", "requested"]).execute();
    return;
  }
  await db
    .updateTable("mentorship_pairs")
    .set({ [`${side}_accepted_at`]: now, updated_at: now })
    .where("id", "=", pair.id)
    .where("status", "in", ["proposed", "requested"])
    .execute();
  // Decided in the database, after this acceptance is stored: when both accept at the same moment,
  // each request may have read the other's acceptance as missing, and the pair must still begin.
  await db
    .updateTable("mentorship_pairs")
    .set({ status: "active", updated_at: now })
    .where("id", "=", pair.id)
    .where("status", "in", ["proposed", "requested"])
    .where("mentor_accepted_at", "is not", null)
    .where("mentee_accepted_at", "is not", null)
    .execute();
}

export { getCycle };
