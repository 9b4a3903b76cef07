// The demo network: the BC Compassionate Systems Leadership Network with school districts,
// partner organizations, three communities of practice with meeting series, one admin, two
// facilitators and ten members. All people are fictional. Seeding is idempotent.
import { DateTime } from "luxon";
import { PostgresAdapter, sql } from "kysely";
import type { DB } from "./connect";
import type { NetworkRole, OrganizationType } from "./schema";
import { nowIso } from "./time";
import { addMember, createCommunity } from "./queries/communities";
import { createSeries } from "./queries/meetings";
import { createCycle, saveProfile } from "./queries/mentorship";
import { openCohort } from "./queries/cohorts";
import { quote } from "../shared/training/quote";
import { defaultRules, defaultWeights } from "../shared/mentorship/profiles";
import { createUser, findUserByEmail } from "./queries/users";
import { hashPassword, verifyPassword } from "../server/auth/passwords";
import { defaultAgenda } from "../shared/agenda";
import { newId } from "../shared/ids";
import { defaultTimezone, localToUtc, recurrencePresets } from "../shared/recurrence";
import { luxonZone } from "../shared/timezones";

export const demoPassword = "circle-of-practice";
/** Every demo account's email ends in this domain (reserved: RFC 2606's .example). */
export const demoEmailDomain = "csl-commons.example";

export interface SeedResult {
  created: boolean;
  logins: { role: string; email: string; password: string }[];
}

// Districts are the province's, added by migration 0012 and found by number; the demo gives them regions.
const organizations: { name: string; type: OrganizationType; region: string; districtNumber?: number }[] = [
  { name: "BC Compassionate Systems Leadership Network", type: "network", region: "Province-wide" },
  { name: "SD 39 Vancouver", type: "school-district", region: "Metro Vancouver", districtNumber: 39 },
  { name: "SD 36 Surrey", type: "school-district", region: "Metro Vancouver", districtNumber: 36 },
  { name: "SD 61 Greater Victoria", type: "school-district", region: "Vancouver Island", districtNumber: 61 },
  { name: "SD 23 Central Okanagan", type: "school-district", region: "Okanagan", districtNumber: 23 },
  { name: "SD 57 Prince George", type: "school-district", region: "North", districtNumber: 57 },
  { name: "Kootenay Early Years Partnership", type: "early-years", region: "Kootenays" },
  { name: "Island Child and Youth Collaborative", type: "community-partner", region: "Vancouver Island" },
];

interface DemoPerson {
  email: string;
  name: string;
  pronouns: string;
  roleTitle: string;
  organization: number;
  domains: string;
  networkRole: NetworkRole;
  bio: string;
}

const people: DemoPerson[] = [
  { email: "admin@csl-commons.example", name: "Maya Thompson", pronouns: "she/her", roleTitle: "Network coordinator", organization: 0, domains: "self,each-other,system", networkRole: "admin", bio: "Coordinates the provincial network and its communities of practice." },
  { email: "daniel.okafor@csl-commons.example", name: "Daniel Okafor", pronouns: "he/him", roleTitle: "Vice-principal", organization: 1, domains: "each-other,system", networkRole: "facilitator", bio: "Facilitates the provincial community of practice; loves a good causal loop." },
  { email: "priya.sandhu@csl-commons.example", name: "Priya Sandhu", pronouns: "she/her", roleTitle: "District principal, wellness", organization: 2, domains: "self,each-other", networkRole: "facilitator", bio: "Holds circles for early years partners and district leaders." },
  { email: "member@csl-commons.example", name: "Sam Whitehorse", pronouns: "they/them", roleTitle: "Grade 5 teacher", organization: 3, domains: "self,system", networkRole: "member", bio: "Second year in the network." },
  { email: "lena.fischer@csl-commons.example", name: "Lena Fischer", pronouns: "she/her", roleTitle: "School counsellor", organization: 1, domains: "self,each-other", networkRole: "member", bio: "" },
  { email: "marcus.lee@csl-commons.example", name: "Marcus Lee", pronouns: "he/him", roleTitle: "Principal", organization: 4, domains: "system", networkRole: "member", bio: "" },
  { email: "aiyana.george@csl-commons.example", name: "Aiyana George", pronouns: "she/her", roleTitle: "Indigenous education helping teacher", organization: 5, domains: "each-other,system", networkRole: "member", bio: "" },
  { email: "tomas.reyes@csl-commons.example", name: "Tomás Reyes", pronouns: "he/him", roleTitle: "Early childhood educator", organization: 6, domains: "self", networkRole: "member", bio: "" },
  { email: "grace.chen@csl-commons.example", name: "Grace Chen", pronouns: "she/her", roleTitle: "Youth worker", organization: 7, domains: "each-other", networkRole: "member", bio: "" },
  { email: "owen.macdonald@csl-commons.example", name: "Owen MacDonald", pronouns: "he/him", roleTitle: "Director of instruction", organization: 3, domains: "system", networkRole: "member", bio: "" },
  { email: "fatima.haddad@csl-commons.example", name: "Fatima Haddad", pronouns: "she/her", roleTitle: "Learning support teacher", organization: 2, domains: "self,each-other", networkRole: "member", bio: "" },
  { email: "noah.bergstrom@csl-commons.example", name: "Noah Bergström", pronouns: "he/him", roleTitle: "Secondary teacher", organization: 4, domains: "system", networkRole: "member", bio: "" },
  { email: "hana.sato@csl-commons.example", name: "Hana Sato", pronouns: "she/her", roleTitle: "StrongStart facilitator", organization: 6, domains: "self,each-other", networkRole: "member", bio: "" },
];

/** The Wednesday at 15:30 (Vancouver) four weeks before this week's, so the series has a past and a future. */
function seriesStart(weekday: number, time: string, weeksBack: number): string {
  const today = DateTime.now().setZone(luxonZone(defaultTimezone)).startOf("day");
  const thisWeek = today.minus({ days: (today.weekday - weekday + 7) % 7 });
  return `${thisWeek.minus({ weeks: weeksBack }).toFormat("yyyy-MM-dd")}T${time}`;
}

/** The demo logins that still sign in (an account whose password was changed is not advertised). */
async function stillWorking(db: DB, logins: SeedResult["logins"]): Promise<SeedResult["logins"]> {
  const rows = await db.selectFrom("users").select(["email", "password_hash"]).where("email", "in", logins.map((l) => l.email)).execute();
  const working = new Set<string>();
  for (const row of rows) if (await verifyPassword(row.password_hash, demoPassword)) working.add(row.email);
  return logins.filter((l) => working.has(l.email));
}

export async function seedDemoNetwork(db: DB, { onlyIfEmpty }: { onlyIfEmpty: boolean }): Promise<SeedResult> {
  const logins = [
    { role: "admin", email: people[0].email, password: demoPassword },
    { role: "facilitator", email: people[1].email, password: demoPassword },
    { role: "facilitator", email: people[2].email, password: demoPassword },
    { role: "member", email: people[3].email, password: demoPassword },
  ];
  if (onlyIfEmpty) {
    const anyone = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
    if (anyone) return { created: false, logins: await stillWorking(db, logins) };
  }
  if (await findUserByEmail(db, people[0].email)) return { created: false, logins: await stillWorking(db, logins) };

  const passwordHash = await hashPassword(demoPassword);
  const created = await db.transaction().execute(async (trx) => {
    // Several nodes starting together on one empty PostgreSQL database: one seeds, under a lock held
    // to the end of its transaction; the others find the network there when they get the lock.
    if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${seedLockKey})`.execute(trx);
    const already = onlyIfEmpty ? await trx.selectFrom("users").select("id").limit(1).executeTakeFirst() : await findUserByEmail(trx, people[0].email);
    if (already) return false;
    const orgIds: string[] = [];
    for (const { districtNumber, ...org } of organizations) {
      const existing = await trx
        .selectFrom("organizations")
        .select("id")
        .where((eb) => (districtNumber ? eb("district_number", "=", districtNumber) : eb("name", "=", org.name)))
        .executeTakeFirst();
      const id = existing?.id ?? newId();
      if (existing) await trx.updateTable("organizations").set({ region: org.region }).where("id", "=", id).where("region", "is", null).execute();
      else await trx.insertInto("organizations").values({ id, ...org, district_number: districtNumber ?? null, sey2kt: 0, created_at: nowIso() }).execute();
      orgIds.push(id);
    }
    const users = [];
    for (const person of people) {
      users.push(
        await createUser(trx, {
          email: person.email,
          name: person.name,
          passwordHash,
          networkRole: person.networkRole,
          organizationId: orgIds[person.organization],
          pronouns: person.pronouns,
          roleTitle: person.roleTitle,
          bio: person.bio || null,
          domains: person.domains,
        }),
      );
    }
    const [admin, daniel, priya, ...members] = users;

    const provincial = await createCommunity(trx, {
      name: "Provincial Community of Practice",
      description:
        "Every other Wednesday, practitioners from across BC gather to check in, think together about the systems we work in, and practise compassionate systems leadership.",
      visibility: "open",
      createdBy: admin.id,
    });
    await addMember(trx, provincial.id, daniel.id, "facilitator");
    await addMember(trx, provincial.id, priya.id, "facilitator");
    for (const member of members) await addMember(trx, provincial.id, member.id, "member");
    await createSeries(trx, {
      communityId: provincial.id,
      title: "Provincial CoP circle",
      description: "Check-in round, dialogue and a systems map of what we are noticing.",
      startLocal: seriesStart(3, "15:30", 4),
      timezone: defaultTimezone,
      durationMinutes: 90,
      rrule: recurrencePresets.biweekly.rrule,
      videoUrl: "https://video.example.org/provincial-cop",
      agenda: defaultAgenda,
      createdBy: daniel.id,
    });

    const earlyYears = await createCommunity(trx, {
      name: "Early Years Circle",
      description: "Early childhood educators and partners exploring compassionate systems in the early years.",
      visibility: "invite",
      createdBy: admin.id,
    });
    await addMember(trx, earlyYears.id, priya.id, "facilitator");
    for (const member of [members[0], members[4], members[9]]) await addMember(trx, earlyYears.id, member.id, "member");
    await createSeries(trx, {
      communityId: earlyYears.id,
      title: "Early Years evening circle",
      description: "A quieter circle for reflection and sharing practice.",
      startLocal: seriesStart(2, "18:30", 2),
      timezone: defaultTimezone,
      durationMinutes: 60,
      rrule: recurrencePresets.fourweekly.rrule,
      videoUrl: null,
      agenda: [
        { kind: "arrival", title: "Arrival and a breath together", minutes: 5 },
        { kind: "check-in", title: "Check-in round", minutes: 20 },
        { kind: "dialogue", title: "Sharing practice", minutes: 25 },
        { kind: "check-out", title: "Check-out", minutes: 10 },
      ],
      createdBy: priya.id,
    });

    const studyGroup = await createCommunity(trx, {
      name: "Systems Thinking Study Group",
      description: "Reading The Fifth Discipline together and mapping causal loops from our own schools.",
      visibility: "open",
      createdBy: admin.id,
    });
    await addMember(trx, studyGroup.id, daniel.id, "facilitator");
    for (const member of [members[2], members[5], members[7]]) await addMember(trx, studyGroup.id, member.id, "member");
    await createSeries(trx, {
      communityId: studyGroup.id,
      title: "Study group",
      description: "One chapter, one loop.",
      startLocal: seriesStart(4, "19:00", 1),
      timezone: defaultTimezone,
      durationMinutes: 60,
      rrule: recurrencePresets.fourweekly.rrule,
      videoUrl: "https://video.example.org/study-group",
      agenda: [
        { kind: "check-in", title: "Check-in round", minutes: 10 },
        { kind: "dialogue", title: "The chapter", minutes: 25 },
        { kind: "systems-mapping", title: "Mapping a loop", minutes: 20 },
        { kind: "check-out", title: "Check-out", minutes: 5 },
      ],
      createdBy: daniel.id,
    });

    await seedMentorship(trx, admin.id, members.map((m) => m.id));
    await seedTraining(trx, admin.id);

    // A public workshop three weeks out, open for registration.
    const workshopDay = DateTime.now().setZone(luxonZone(defaultTimezone)).plus({ weeks: 3 }).toFormat("yyyy-MM-dd");
    const now = new Date().toISOString();
    await trx
      .insertInto("events")
      .values({
        id: newId(),
        slug: "growing-capacity-the-iceberg",
        title: "Growing Capacity: seeing below the surface with the iceberg model",
        description: "An afternoon of practice for educators and child- and youth-serving professionals: a check-in round, then the **iceberg model** on a situation from your own work: events, patterns, structures and mental models.",
        starts_at: localToUtc(`${workshopDay}T13:00`, defaultTimezone).toISOString(),
        ends_at: localToUtc(`${workshopDay}T16:00`, defaultTimezone).toISOString(),
        timezone: defaultTimezone,
        mode: "online",
        venue: null,
        video_url: null,
        capacity: 60,
        registration_opens_at: null,
        registration_closes_at: null,
        audience: "Educators and child- and youth-serving professionals in BC",
        fee_cents: null,
        hours: 3,
        status: "published",
        created_by: admin.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return true;
  });
  return created ? { created: true, logins } : { created: false, logins: await stillWorking(db, logins) };
}

/** The advisory lock the demo seed holds on PostgreSQL (any fixed number no other lock uses). */
const seedLockKey = 7_411_001;

/** Training requests at several stages of the director's pipeline, one quoted, and a Going Deeper cohort taking applications. */
async function seedTraining(db: DB, adminId: string): Promise<void> {
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const requests = [
    { organization: "SD 36 Surrey", contact_name: "Harpreet Gill", contact_email: "h.gill@surrey.example", offering: "introduction" as const, hours: 14, participants: 60, facilitators: 2, prep_hours: 3, mode: "in-person" as const, stage: "quoted" as const, days: 12, context: "Our district leadership team and principals, as we begin our strategic plan." },
    { organization: "SD 61 Greater Victoria", contact_name: "Jordan Lee", contact_email: "j.lee@victoria.example", offering: "district-planning" as const, hours: 6, participants: 25, facilitators: 1, prep_hours: 0, mode: "hybrid" as const, stage: "new" as const, days: 2, context: "A day with our planning committee in the spring." },
    { organization: "SD 5 Southeast Kootenay", contact_name: "Ana Ruiz", contact_email: "a.ruiz@kootenay.example", offering: "early-learning" as const, hours: 3, participants: 30, facilitators: 1, prep_hours: 1, mode: "virtual" as const, stage: "in-conversation" as const, days: 6, context: "StrongStart facilitators and early childhood educators." },
    { organization: "SD 39 Vancouver", contact_name: "Mei Chen", contact_email: "m.chen@vancouver.example", offering: "going-deeper" as const, hours: 0, participants: 12, facilitators: 1, prep_hours: 0, mode: "hybrid" as const, stage: "agreed" as const, days: 30, context: "A cohort of school leaders for the coming year." },
  ];
  for (const { days, ...r } of requests) {
    const id = newId();
    await db.insertInto("training_requests").values({ id, ...r, preferred_dates: null, contact_role: null, created_at: ago(days), updated_at: ago(days) }).execute();
    await db.insertInto("training_request_changes").values({ id: newId(), request_id: id, changed_by: null, changed_at: ago(days), from_stage: null, to_stage: "new", note: null }).execute();
    if (r.stage === "new") continue;
    if (r.stage === "quoted") {
      await db.insertInto("training_quotes").values({ id: newId(), request_id: id, version: 1, hours: r.hours, participants: r.participants, facilitators: r.facilitators, prep_hours: r.prep_hours, total_cents: quote({ offering: r.offering, hours: r.hours, participants: r.participants, facilitators: r.facilitators, prepHours: r.prep_hours }).totalCents, note: null, created_by: adminId, created_at: ago(days - 3) }).execute();
    }
    await db.insertInto("training_request_changes").values({ id: newId(), request_id: id, changed_by: adminId, changed_at: ago(days - 3), from_stage: "new", to_stage: r.stage, note: r.stage === "quoted" ? `Quote version 1 sent to ${r.contact_email}` : null }).execute();
    if (r.offering === "going-deeper") {
      const cohort = await openCohort(db, id, "Going Deeper 2026–27: Vancouver school leaders");
      const applicants = [
        { name: "Grace Chen", email: "grace.chen@csl-commons.example", role: "Youth worker", reasons: "I want a year of steady practice with colleagues who share the questions I carry." },
        { name: "Luis Ortega", email: "l.ortega@vancouver.example", role: "Vice-principal", reasons: "Our school is beginning to use the iceberg model in planning; I want to go deeper myself first." },
      ];
      for (const a of applicants) await db.insertInto("cohort_applications").values({ id: newId(), cohort_id: cohort.id, ...a, organization: "SD 39 Vancouver", status: "applied", decided_by: null, decided_at: null, created_at: ago(5) }).execute();
    }
  }
}

/** A mentorship cycle in intake: four mentors, six mentees (one free only at weekends, whom no mentor can meet). */
async function seedMentorship(db: DB, adminId: string, m: string[]): Promise<void> {
  const day = (offset: number) => DateTime.now().plus({ days: offset }).toFormat("yyyy-MM-dd");
  const cycle = await createCycle(
    db,
    { name: "Mentorship 2026–27", mode: "exact", intakeOpens: day(-14), intakeCloses: day(21), matchingDate: day(28), lengthWeeks: 36, checkinDays: 14, requestDays: 7, mentorLimit: null, choiceQuestions: [], questions: ["What would make this year a success for you?"], weights: defaultWeights, rules: defaultRules },
    adminId,
  );
  const [sam, lena, marcus, aiyana, tomas, grace, owen, fatima, noah, hana] = m;
  const weekdays = ["weekday-afternoon", "weekday-evening"];
  const mentors = [
    { id: lena, yearsPractice: 8, roles: ["Classroom teacher", "Counsellor"], strengths: ["self", "each-other"], sectors: ["k12-classroom", "community"], region: "Metro Vancouver", district: "39", capacity: 2 },
    { id: marcus, yearsPractice: 12, roles: ["Principal"], strengths: ["system"], sectors: ["school-leadership", "district"], region: "Okanagan", district: "23", capacity: 2 },
    { id: owen, yearsPractice: 10, roles: ["Director of instruction"], strengths: ["system", "each-other"], sectors: ["district", "k12-classroom"], region: "Vancouver Island", district: "61", capacity: 1 },
    { id: aiyana, yearsPractice: 9, roles: ["Helping teacher"], strengths: ["each-other", "system"], sectors: ["k12-classroom", "early-years"], region: "North", district: "57", capacity: 2 },
  ];
  for (const { id, ...answers } of mentors) {
    await saveProfile(db, cycle.id, id, "mentor", { ...answers, languages: ["English"], availability: weekdays, modes: ["virtual", "in-person"], avoid: [], extra: {} });
  }
  const mentees = [
    { id: sam, yearsPractice: 1, goals: "Bring systems thinking into my grade 5 class and my team's planning.", focus: ["system", "self"], sectors: ["k12-classroom"], region: "Vancouver Island", district: "61", availability: weekdays },
    { id: tomas, yearsPractice: 0, goals: "Find steadiness for myself in a busy centre.", focus: ["self"], sectors: ["early-years"], region: "Kootenays", district: "8", availability: ["weekday-evening"] },
    { id: grace, yearsPractice: 2, goals: "Hold better conversations with the young people and families I work with.", focus: ["each-other"], sectors: ["community"], region: "Vancouver Island", district: "61", availability: weekdays },
    { id: fatima, yearsPractice: 1, goals: "Calmer, kinder check-ins with my students.", focus: ["self", "each-other"], sectors: ["k12-classroom"], region: "Metro Vancouver", district: "36", availability: ["weekday-afternoon"] },
    { id: noah, yearsPractice: 1, goals: "Understand why change stalls in our school.", focus: ["system"], sectors: ["k12-classroom"], region: "Okanagan", district: "23", availability: weekdays },
    { id: hana, yearsPractice: 0, goals: "Begin a practice of reflection.", focus: ["self"], sectors: ["early-years"], region: "Kootenays", district: "8", availability: ["weekend"] },
  ];
  for (const { id, ...answers } of mentees) {
    await saveProfile(db, cycle.id, id, "mentee", { ...answers, languages: ["English"], modes: ["virtual"], districtPreference: "either", preferredMentor: null, avoid: [], extra: {} });
  }
}
