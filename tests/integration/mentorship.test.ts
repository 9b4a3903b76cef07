// Mentorship against a started server and its database: a coordinator runs the seeded cycle,
// locks, forbids and re-runs, publishes; people accept and decline; mentee choice holds capacity
// under concurrent requests; privacy; the report; check-in reminders.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendCheckinReminders } from "../../server/jobs/checkinReminders";
import { lapseRequests } from "../../server/jobs/lapsedRequests";
import { inviteToSurveys } from "../../server/jobs/surveyInvitations";
import type { RunResult } from "../../app/lib/mentorship.server";
import { startTestServer, Visitor, visibleText, type TestServer } from "../helpers/server";

let server: TestServer;
const visitors = new Map<string, Visitor>();
async function as(email: string): Promise<Visitor> {
  if (!visitors.has(email)) {
    const v = new Visitor(server.url);
    await v.signIn(email);
    visitors.set(email, v);
  }
  return visitors.get(email)!;
}
const email = (first: string) => `${first}@csl-commons.example`;
const admin = email("admin");
const sam = email("member");

let cycleId = "";
const idOf = async (address: string) => (await server.services.db.selectFrom("users").select("id").where("email", "=", address).executeTakeFirstOrThrow()).id;
const latestRunOf = async (id: string) => JSON.parse((await server.services.db.selectFrom("mentorship_runs").select("result").where("cycle_id", "=", id).orderBy("created_at", "desc").orderBy("id", "desc").executeTakeFirstOrThrow()).result) as RunResult;
const latestRun = () => latestRunOf(cycleId);
const latestRunRow = async () => server.services.db.selectFrom("mentorship_runs").selectAll().where("cycle_id", "=", cycleId).orderBy("created_at", "desc").orderBy("id", "desc").executeTakeFirstOrThrow();

beforeAll(async () => {
  server = await startTestServer();
  cycleId = (await server.services.db.selectFrom("mentorship_cycles").select("id").executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await server?.stop();
});

describe("a coordinator runs a cycle", () => {
  it("only coordinators open cycles, run matching or see the report", async () => {
    const member = await as(sam);
    expect((await member.post("/mentorship", { name: "Mine", mode: "exact", intakeOpens: "2026-12-01", intakeCloses: "2026-12-10", matchingDate: "2026-12-20", lengthWeeks: "30", checkinDays: "14" })).status).toBe(403);
    expect((await member.post(`/mentorship/${cycleId}`, { intent: "run" })).status).toBe(403);
    expect((await member.post(`/mentorship/${cycleId}`, { intent: "publish", runId: "x" })).status).toBe(403);
    expect((await member.page(`/mentorship/${cycleId}/report`)).status).toBe(403);
    expect((await member.request(`/mentorship/${cycleId}/report.csv`)).status).toBe(403);
    const page = visibleText((await member.page(`/mentorship/${cycleId}`)).html);
    expect(page).not.toContain("Run matching");
    expect(page).not.toContain("Begin a practice of reflection"); // Hana's answers are not shown to other members
  });

  it("opening a cycle checks its dates", async () => {
    const coordinator = await as(admin);
    const bad = await coordinator.post("/mentorship", { name: "Mentorship 2027–28", mode: "stable", intakeOpens: "2027-06-10", intakeCloses: "2027-06-01", matchingDate: "2027-06-20", lengthWeeks: "30", checkinDays: "14", ...weights() });
    expect(bad.status).toBe(400);
    expect(visibleText(bad.html)).toContain("Intake closes after it opens");
    // Weights that are not whole numbers from 0 to 50 get a message in plain words beside the field.
    for (const [value, message] of [["", "Give a whole number of points from 0 to 50"], ["abc", "Give a whole number"], ["2.5", "no decimals"], ["-3", "no minus sign"], ["80", "At most 50 points."]]) {
      const wrong = await coordinator.post("/mentorship", { name: "Weights", mode: "stable", intakeOpens: "2027-06-01", intakeCloses: "2027-06-10", matchingDate: "2027-06-20", lengthWeeks: "30", checkinDays: "14", ...weights(), "weight-domain": value });
      expect(wrong.status, value).toBe(400);
      expect(visibleText(wrong.html), value).toContain(message);
      expect(visibleText(wrong.html)).not.toMatch(/expected|Invalid input/);
    }
    const good = await coordinator.post("/mentorship", { name: "Mentorship 2027–28", mode: "choice", intakeOpens: "2027-06-01", intakeCloses: "2027-06-10", matchingDate: "2027-06-20", lengthWeeks: "30", checkinDays: "14", notSameOrganization: "on", ...weights() });
    expect(good.status).toBe(302);
    expect(good.location).toMatch(/^\/mentorship\/[a-z2-9]{16}$/);
    // A first intake starts from the person's own profile: Sam works in Greater Victoria.
    const intake = (await (await as(sam)).page(good.location!)).html;
    expect(intake).toMatch(/<option selected="">Vancouver Island<\/option>/);
    expect(intake).toContain('<input type="checkbox" name="focus" checked="" value="system"/>');
    // The "rather not be matched with" list holds the program's participants only, not every account in the network.
    expect(intake).not.toContain(`<option value="${await idOf(email("daniel.okafor"))}">`);
    // Its intake opens in June 2027: an answer sent before then is refused, plainly.
    const early = await (await as(sam)).post(good.location!, { intent: "profile", role: "mentee" });
    expect(early.status).toBe(409);
    expect(visibleText(early.html)).toContain("opens on 2027-06-01");

    // Next year's cycle starts from this one's settings; then this one closes, and nothing more happens in it.
    const like = (await coordinator.page(`/mentorship?from=${good.location!.split("/").pop()}`)).html;
    expect(visibleText(like)).toContain("Open a cycle like Mentorship 2027–28");
    expect(like).toMatch(/<option value="choice" selected="">/);
    expect((await coordinator.post(good.location!, { intent: "close" })).status).toBe(400);
    expect((await coordinator.post(good.location!, { intent: "close", confirmed: "yes" })).status).toBe(200);
    expect(visibleText((await coordinator.page(good.location!)).html)).toContain("This cycle is closed.");
    expect((await coordinator.post(good.location!, { intent: "run", algorithm: "exact" })).status).toBe(409);
    expect(visibleText((await coordinator.page("/mentorship")).html)).toMatch(/Mentorship 2027–28 · closed/);
  });

  it("coordinators list the participants (search, role, paging), download them and remove one who is not in a pair", async () => {
    const coordinator = await as(admin);
    expect((await (await as(sam)).page(`/mentorship/${cycleId}/participants`)).status).toBe(403);
    const all = visibleText((await coordinator.page(`/mentorship/${cycleId}/participants`)).html);
    expect(all).toMatch(/\d+ mentors, \d+ mentees/);
    const found = visibleText((await coordinator.page(`/mentorship/${cycleId}/participants?q=hana&role=mentee`)).html);
    expect(found).toContain("1 person");
    expect(found).toContain("Hana Sato");
    // Their answers, in words.
    expect(found).toContain("Goals Begin a practice of reflection.");
    expect(found).toContain("Free weekends");
    const csv = new TextDecoder().decode(await (await coordinator.request(`/mentorship/${cycleId}/participants.csv`)).arrayBuffer());
    expect(csv.split("\r\n")[0]).toBe('"cycle","name","email","role","profile_complete_percent","capacity","in_a_pair","mentoring_in_other_open_cycles","updated"');
    expect(csv).toContain('"Hana Sato"');
  });

  it("an exact run matches everyone it can, explains each pair and says why Hana is unmatched", async () => {
    const coordinator = await as(admin);
    expect((await coordinator.post(`/mentorship/${cycleId}`, { intent: "run", algorithm: "exact" })).status).toBe(200);
    const run = await latestRun();
    expect(run.mentees).toBe(6);
    expect(run.matched).toBe(5);
    expect(run.unmatched).toEqual([{ menteeId: await idOf(email("hana.sato")), name: "Hana Sato", reason: "No mentor shares a time window with them." }]);
    for (const pair of run.pairs) expect(pair.parts.reduce((n, p) => n + p.points, 0)).toBe(pair.score);
    // Owen and Sam work for the same district: never paired.
    expect(run.pairs.find((p) => p.menteeName === "Sam Whitehorse")?.mentorName).not.toBe("Owen MacDonald");
    const page = visibleText((await coordinator.page(`/mentorship/${cycleId}`)).html);
    expect(page).toContain("Hana Sato: No mentor shares a time window with them.");
    expect(page).toContain("matches the mentee's goal");
  });

  it("a stable run reports zero blocking pairs and what it gives up", async () => {
    const coordinator = await as(admin);
    await coordinator.post(`/mentorship/${cycleId}`, { intent: "run", algorithm: "stable" });
    const run = await latestRun();
    expect(run.algorithm).toBe("stable");
    expect(run.blockingPairs).toBe(0);
    expect(run.totalScore).toBeLessThanOrEqual(run.exact.totalScore);
    expect(visibleText((await coordinator.page(`/mentorship/${cycleId}`)).html)).toContain("Score given up for stability");
  });

  it("tells the coordinator when the rules block the mentor a mentee asked for", async () => {
    const db = server.services.db;
    const hana = await idOf(email("hana.sato"));
    const lena = await idOf(email("lena.fischer"));
    const row = await db.selectFrom("mentorship_profiles").select("answers").where("cycle_id", "=", cycleId).where("user_id", "=", hana).executeTakeFirstOrThrow();
    await db.updateTable("mentorship_profiles").set({ answers: JSON.stringify({ ...JSON.parse(row.answers), preferredMentor: lena }) }).where("cycle_id", "=", cycleId).where("user_id", "=", hana).execute();
    const coordinator = await as(admin);
    await coordinator.post(`/mentorship/${cycleId}`, { intent: "run", algorithm: "exact" });
    const page = visibleText((await coordinator.page(`/mentorship/${cycleId}`)).html);
    expect(page).toContain("Hana Sato asked for Lena Fischer; they have no time window in common.");
    await db.updateTable("mentorship_profiles").set({ answers: row.answers }).where("cycle_id", "=", cycleId).where("user_id", "=", hana).execute();
  });

  it("refuses to run with more locked pairs on a mentor than places, saying what to change", async () => {
    const coordinator = await as(admin);
    const lena = await idOf(email("lena.fischer"));
    const [tomas, grace] = await Promise.all([idOf(email("tomas.reyes")), idOf(email("grace.chen"))]);
    await coordinator.post(`/mentorship/${cycleId}/participants`, { intent: "capacity", mentorId: lena, capacity: "1" });
    for (const mentee of [tomas, grace]) await coordinator.post(`/mentorship/${cycleId}`, { intent: "rule", mentorId: lena, menteeId: mentee, ruling: "lock" });
    const refused = await coordinator.post(`/mentorship/${cycleId}`, { intent: "run", algorithm: "exact" });
    expect(refused.status).toBe(409);
    expect(visibleText(refused.html)).toContain("Lena Fischer has 2 locked pairs but 1 place: unlock one, or raise the capacity.");
    for (const mentee of [tomas, grace]) await coordinator.post(`/mentorship/${cycleId}`, { intent: "rule", mentorId: lena, menteeId: mentee, ruling: "clear" });
  });

  it("locks survive a re-run, forbidden pairs do not come back, and a capacity change counts", async () => {
    const coordinator = await as(admin);
    const [lena, marcus, aiyana] = await Promise.all(["lena.fischer", "marcus.lee", "aiyana.george"].map((n) => idOf(email(n))));
    const [samId, noah] = await Promise.all([idOf(sam), idOf(email("noah.bergstrom"))]);
    // Sam with Aiyana is not what the optimum picks on its own; lock it.
    await coordinator.post(`/mentorship/${cycleId}`, { intent: "rule", mentorId: aiyana, menteeId: samId, ruling: "lock" });
    await coordinator.post(`/mentorship/${cycleId}`, { intent: "rule", mentorId: marcus, menteeId: noah, ruling: "forbid" });
    await coordinator.post(`/mentorship/${cycleId}`, { intent: "run", algorithm: "exact" });
    let run = await latestRun();
    expect(run.pairs.find((p) => p.menteeId === samId)).toMatchObject({ mentorId: aiyana, locked: true });
    expect(run.pairs.find((p) => p.menteeId === noah)?.mentorId).not.toBe(marcus);
    await coordinator.post(`/mentorship/${cycleId}/participants`, { intent: "capacity", mentorId: lena, capacity: "1" });
    await coordinator.post(`/mentorship/${cycleId}`, { intent: "run", algorithm: "exact" });
    run = await latestRun();
    expect(run.pairs.filter((p) => p.mentorId === lena).length).toBeLessThanOrEqual(1);
    expect(run.pairs.find((p) => p.menteeId === samId)).toMatchObject({ mentorId: aiyana, locked: true });
    const page = visibleText((await coordinator.page(`/mentorship/${cycleId}`)).html);
    expect(page).toMatch(/Compared with the run before/);
  });

  it("publishes only the run the coordinator reviewed, and only while nothing changed since", async () => {
    const coordinator = await as(admin);
    const reviewed = await latestRunRow();
    // Someone changes a capacity after the run: publishing it would not be what was reviewed.
    const lena = await idOf(email("lena.fischer"));
    await coordinator.post(`/mentorship/${cycleId}/participants`, { intent: "capacity", mentorId: lena, capacity: "1" });
    const stale = await coordinator.post(`/mentorship/${cycleId}`, { intent: "publish", runId: reviewed.id });
    expect(stale.status).toBe(409);
    expect(visibleText(stale.html)).toContain("re-run before publishing");
    expect(visibleText((await coordinator.page(`/mentorship/${cycleId}`)).html)).toContain("re-run before publishing");
    await coordinator.post(`/mentorship/${cycleId}`, { intent: "run", algorithm: "exact" });
    // A page that still shows the older run cannot publish it.
    expect((await coordinator.post(`/mentorship/${cycleId}`, { intent: "publish", runId: reviewed.id })).status).toBe(409);
    expect(await server.services.db.selectFrom("mentorship_pairs").select("id").where("cycle_id", "=", cycleId).execute()).toHaveLength(0);
  });

  it("publishing proposes each pair and tells both people by email, once even when sent twice at once", async () => {
    const coordinator = await as(admin);
    const before = Number((await server.services.db.selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const run = await latestRun();
    const runId = (await latestRunRow()).id;
    const [published, twice] = await Promise.all([coordinator.post(`/mentorship/${cycleId}`, { intent: "publish", runId }), coordinator.post(`/mentorship/${cycleId}`, { intent: "publish", runId })]);
    const [ok] = [published, twice].filter((r) => r.status === 200);
    expect([published.status, twice.status].sort()).toEqual([200, 409]);
    expect(visibleText(ok.html)).toContain(run.pairs.length === 1 ? "Published 1 pair." : `Published ${run.pairs.length} pairs`);
    expect(visibleText((await coordinator.page(`/mentorship/${cycleId}`)).html)).toContain("These pairs are published.");
    const pairs = await server.services.db.selectFrom("mentorship_pairs").selectAll().where("cycle_id", "=", cycleId).execute();
    expect(pairs.map((p) => p.status)).toEqual(run.pairs.map(() => "proposed"));
    const after = Number((await server.services.db.selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    expect(after - before).toBe(run.pairs.length * 2);
    // Publishing again proposes nothing twice.
    expect((await coordinator.post(`/mentorship/${cycleId}`, { intent: "publish", runId })).status).toBe(409);
    expect(await server.services.db.selectFrom("mentorship_pairs").select("id").where("cycle_id", "=", cycleId).execute()).toHaveLength(run.pairs.length);
  });
});

describe("people in a pair", () => {
  const pairOf = async (menteeEmail: string) =>
    server.services.db.selectFrom("mentorship_pairs").selectAll().where("cycle_id", "=", cycleId).where("mentee_id", "=", await idOf(menteeEmail)).where("status", "!=", "declined").executeTakeFirstOrThrow();

  it("both accept; the pair space is theirs, and the coordinator sees only that check-ins happen", async () => {
    const pair = await pairOf(sam);
    const member = await as(sam);
    const mentor = await as(email("aiyana.george"));
    const page = visibleText((await member.page(`/mentorship/pairs/${pair.id}`)).html);
    expect(page).toContain("About Aiyana George");
    expect(page).toContain("Why you were matched");
    // Written to Sam: "you" and Aiyana, not "the mentee" and "the mentor".
    expect(page).not.toMatch(/the (mentor|mentee)('s)?\b/);
    expect((await member.post(`/mentorship/pairs/${pair.id}`, { intent: "accept" })).status).toBe(200);
    expect((await pairOf(sam)).status).toBe("proposed");
    await mentor.post(`/mentorship/pairs/${pair.id}`, { intent: "accept" });
    expect((await pairOf(sam)).status).toBe("active");
    await member.post(`/mentorship/pairs/${pair.id}`, { intent: "note", kind: "goal", body: "A loop map of our team's planning by March" });
    await mentor.post(`/mentorship/pairs/${pair.id}`, { intent: "note", kind: "meeting", body: "First talk: what stalls planning", happenedOn: "2026-11-20" });
    expect(visibleText((await mentor.page(`/mentorship/pairs/${pair.id}`)).html)).toContain("A loop map of our team's planning by March");
    const coordinatorView = visibleText((await (await as(admin)).page(`/mentorship/pairs/${pair.id}`)).html);
    expect(coordinatorView).toContain("1 check-ins logged");
    expect(coordinatorView).not.toContain("A loop map");
    expect(coordinatorView).not.toContain("what stalls planning");
    const stranger = await as(email("grace.chen"));
    expect((await stranger.page(`/mentorship/pairs/${pair.id}`)).status).toBe(404);
    expect((await stranger.post(`/mentorship/pairs/${pair.id}`, { intent: "note", kind: "goal", body: "x" })).status).toBe(404);
  });

  it("a decline needs a reason, frees the place, and the next run does not propose that pair again", async () => {
    const pair = await pairOf(email("fatima.haddad"));
    const fatima = await as(email("fatima.haddad"));
    expect((await fatima.post(`/mentorship/pairs/${pair.id}`, { intent: "decline", reason: "" })).status).toBe(400);
    expect((await fatima.post(`/mentorship/pairs/${pair.id}`, { intent: "decline", reason: "We work together already" })).status).toBe(200);
    const coordinator = await as(admin);
    await coordinator.post(`/mentorship/${cycleId}`, { intent: "run", algorithm: "exact" });
    const run = await latestRun();
    expect(run.pairs.some((p) => p.menteeId === pair.mentee_id && p.mentorId === pair.mentor_id)).toBe(false);
    // Only people still without a partner are in the new run.
    expect(run.pairs.some((p) => p.menteeName === "Sam Whitehorse")).toBe(false);
  });

  it("a coordinator pairs two people by hand, seeing the fit first; the rules and taken places still hold", async () => {
    const coordinator = await as(admin);
    const [hana, fatima, samId] = await Promise.all([idOf(email("hana.sato")), idOf(email("fatima.haddad")), idOf(sam)]);
    const anyMentor = (await server.services.db.selectFrom("mentorship_profiles").select("user_id").where("cycle_id", "=", cycleId).where("role", "=", "mentor").executeTakeFirstOrThrow()).user_id;
    const blocked = await coordinator.post(`/mentorship/${cycleId}`, { intent: "manual-preview", mentorId: anyMentor, menteeId: hana });
    expect(visibleText(blocked.html)).toMatch(/The cycle's rules do not allow Hana Sato with .*: they have no time window in common/);
    expect((await coordinator.post(`/mentorship/${cycleId}`, { intent: "manual-pair", mentorId: anyMentor, menteeId: hana })).status).toBe(409);
    expect((await coordinator.post(`/mentorship/${cycleId}`, { intent: "manual-pair", mentorId: anyMentor, menteeId: samId })).status).toBe(409);
    // Fatima declined her pair; the latest run found her a mentor with a place: pair them by hand.
    const mentorId = (await latestRun()).pairs.find((p) => p.menteeId === fatima)!.mentorId;
    const preview = await coordinator.post(`/mentorship/${cycleId}`, { intent: "manual-preview", mentorId, menteeId: fatima });
    expect(visibleText(preview.html)).toMatch(/Fatima Haddad with .*: \d+ points/);
    const proposed = await coordinator.post(`/mentorship/${cycleId}`, { intent: "manual-pair", mentorId, menteeId: fatima });
    expect(proposed.status).toBe(200);
    const made = await server.services.db.selectFrom("mentorship_pairs").selectAll().where("cycle_id", "=", cycleId).where("mentee_id", "=", fatima).where("status", "=", "proposed").execute();
    expect(made).toHaveLength(1);
    // Both accept at the same moment: the pair begins, whichever request is stored last.
    const mentorEmail = (await server.services.db.selectFrom("users").select("email").where("id", "=", mentorId).executeTakeFirstOrThrow()).email;
    const [fatimaPage, mentorPage] = await Promise.all([as(email("fatima.haddad")), as(mentorEmail)]);
    const answers = await Promise.all([fatimaPage.post(`/mentorship/pairs/${made[0].id}`, { intent: "accept" }), mentorPage.post(`/mentorship/pairs/${made[0].id}`, { intent: "accept" })]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await server.services.db.selectFrom("mentorship_pairs").select("status").where("id", "=", made[0].id).executeTakeFirstOrThrow()).status).toBe("active");
    // Put it back to proposed for the report's counts that follow.
    await server.services.db.updateTable("mentorship_pairs").set({ status: "proposed", mentor_accepted_at: null, mentee_accepted_at: null }).where("id", "=", made[0].id).execute();
  });

  it("either person ends an active pair with a no-fault reason; both are free again, and the next run pairs them with others", async () => {
    const pair = await pairOf(sam);
    const member = await as(sam);
    expect((await member.post(`/mentorship/pairs/${pair.id}`, { intent: "end", reason: "Our schedules no longer fit" })).status).toBe(400);
    expect((await (await as(email("grace.chen"))).post(`/mentorship/pairs/${pair.id}`, { intent: "end", reason: "Another reason", confirmed: "yes" })).status).toBe(404);
    const ended = await member.post(`/mentorship/pairs/${pair.id}`, { intent: "end", reason: "Our schedules no longer fit", confirmed: "yes" });
    expect(ended.status).toBe(200);
    const row = await server.services.db.selectFrom("mentorship_pairs").selectAll().where("id", "=", pair.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "ended", decline_reason: "Our schedules no longer fit" });
    const told = await server.services.db.selectFrom("notifications").select("title").where("user_id", "=", pair.mentor_id).where("key", "=", `mentorship:ended:${pair.id}`).execute();
    expect(told).toHaveLength(1);
    const coordinator = await as(admin);
    await coordinator.post(`/mentorship/${cycleId}`, { intent: "run", algorithm: "exact" });
    const run = await latestRun();
    expect(run.pairs.some((p) => p.menteeId === pair.mentee_id && p.mentorId === pair.mentor_id)).toBe(false);
    // Put the pair back as it was for the stories that follow.
    await server.services.db.updateTable("mentorship_pairs").set({ status: "active", decline_reason: null, declined_by: null }).where("id", "=", pair.id).execute();
  });

  it("feedback has a part for the partner and a confidential part: the partner never reads the rating, and the report shows none for fewer than five", async () => {
    const pair = await pairOf(sam);
    const member = await as(sam);
    expect((await member.post(`/mentorship/pairs/${pair.id}`, { intent: "note", kind: "feedback", body: "Thank you for the maps", rating: "2", confidential: "Hard to find times together" })).status).toBe(200);
    const own = visibleText((await member.page(`/mentorship/pairs/${pair.id}`)).html);
    expect(own).toContain("to the program only · 2/5: Hard to find times together");
    const partner = visibleText((await (await as(email("aiyana.george"))).page(`/mentorship/pairs/${pair.id}`)).html);
    expect(partner).toContain("Thank you for the maps");
    expect(partner).not.toContain("Hard to find times together");
    expect(partner).not.toContain("2/5");
    const report = visibleText((await (await as(admin)).page(`/mentorship/${cycleId}/report`)).html);
    expect(report).toContain("Mentees' feedback 1 answered (shown from 5)");
    expect(report).not.toContain("2 / 5");
  });

  it("the report counts check-ins and acceptance, and the CSV holds no private words", async () => {
    const coordinator = await as(admin);
    const report = visibleText((await coordinator.page(`/mentorship/${cycleId}/report`)).html);
    expect(report).toContain("Check-ins held 1");
    expect(report).toMatch(/Acceptance rate 50%/);
    const bytes = new Uint8Array(await (await coordinator.request(`/mentorship/${cycleId}/report.csv`)).arrayBuffer());
    // A UTF-8 byte-order mark first, so spreadsheets read the accents.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv.split("\r\n")[0]).toBe('"cycle","mentee","mentor","status","score","proposed_on","active_since","check_ins","last_check_in","stalled","decline_reason"');
    // Every mentee is accounted for: Hana, whom no mentor can meet, has a row of her own.
    expect(csv).toMatch(/"Hana Sato",[^\r\n]*"unmatched"/);
    expect(csv).toContain('"Sam Whitehorse","Aiyana George","active"');
    expect(csv).toContain('"We work together already"');
    expect(csv).not.toContain("Hard to find times");
    expect(csv).not.toContain("loop map");
  });

  it("the end-of-cycle survey: once per person, never shown to the partner, and in the report only from five", async () => {
    const db = server.services.db;
    const pair = await pairOf(sam);
    const member = await as(sam);
    const answers = { intent: "survey", self: "4", eachOther: "3", system: "5", recommend: "5", comment: "More time for the systems part" };
    // Not open while the pair is active and the cycle's end is months away.
    expect(visibleText((await member.page(`/mentorship/pairs/${pair.id}`)).html)).not.toContain("End-of-cycle survey");
    expect((await member.post(`/mentorship/pairs/${pair.id}`, answers)).status).toBe(409);
    await db.updateTable("mentorship_pairs").set({ status: "ended" }).where("id", "=", pair.id).execute();
    // Both are invited once, however many runs at once.
    await Promise.all([inviteToSurveys(server.services), inviteToSurveys(server.services)]);
    expect(await inviteToSurveys(server.services)).toBe(0);
    expect((await db.selectFrom("notifications").select("user_id").where("key", "=", `survey:${pair.id}`).execute()).map((n) => n.user_id).sort()).toEqual([pair.mentor_id, pair.mentee_id].sort());
    expect(visibleText((await member.page(`/mentorship/pairs/${pair.id}`)).html)).toContain("End-of-cycle survey");
    const incomplete = await member.post(`/mentorship/pairs/${pair.id}`, { intent: "survey", self: "4" });
    expect(incomplete.status).toBe(400);
    expect(visibleText(incomplete.html)).toContain("Please answer every statement");
    expect((await member.post(`/mentorship/pairs/${pair.id}`, answers)).status).toBe(200);
    expect((await member.post(`/mentorship/pairs/${pair.id}`, answers)).status).toBe(409);
    expect(visibleText((await (await as(email("aiyana.george"))).page(`/mentorship/pairs/${pair.id}`)).html)).not.toContain("More time for the systems part");
    const report = visibleText((await (await as(admin)).page(`/mentorship/${cycleId}/report`)).html);
    expect(report).toContain("0 mentors and 1 mentee answered");
    expect(report).toContain("The mentorship deepened my own practice of reflection and mindfulness — —");
    expect(report).not.toContain("More time for the systems part");
    await db.updateTable("mentorship_pairs").set({ status: "active" }).where("id", "=", pair.id).execute();
  });

  it("reminds an active pair once when a check-in falls due, however many runs at once, and not again after a crash", async () => {
    const far = new Date(Date.now() + 30 * 86_400_000);
    // The server's own job may have reminded the pair of an earlier check-in already (it runs soon
    // after a start): only what these runs send counts.
    const checkinEmails = async () => (await server.services.db.selectFrom("outbox").select("to_address").where("subject", "like", "%time for a check-in%").execute()).map((r) => r.to_address);
    const before = await checkinEmails();
    const runs = await Promise.all([sendCheckinReminders(server.services, far), sendCheckinReminders(server.services, far)]);
    expect(runs[0] + runs[1]).toBe(1);
    expect(await sendCheckinReminders(server.services, far)).toBe(0);
    // A crash after the notice but before the pair was marked: the next run finds the notice and sends nothing.
    await server.services.db.updateTable("mentorship_pairs").set({ reminded_at: null }).where("cycle_id", "=", cycleId).execute();
    expect(await sendCheckinReminders(server.services, far)).toBe(0);
    const sent = await checkinEmails();
    for (const address of before) sent.splice(sent.indexOf(address), 1);
    expect(sent.sort()).toEqual([email("aiyana.george"), sam].sort());
  });
});

describe("mentee choice", () => {
  it("a mentee sees every mentor who fits and has a place; two mentees asking for the last place at once: one gets it", async () => {
    const db = server.services.db;
    const coordinator = await as(admin);
    const created = await coordinator.post("/mentorship", { name: "Choice cycle", mode: "choice", intakeOpens: "2026-01-01", intakeCloses: "2099-01-01", matchingDate: "2099-02-01", lengthWeeks: "30", checkinDays: "14", ...weights() });
    const choiceId = created.location!.split("/").pop()!;
    const invalid = await (await as(email("lena.fischer"))).post(`/mentorship/${choiceId}`, profile("mentor", { strengths: [], yearsPractice: "many" }));
    expect(visibleText(invalid.html)).toContain("Choose at least one domain you are strong in.");
    expect(visibleText(invalid.html)).toContain("Give your years of CSL practice as a whole number.");
    for (const m of ["lena.fischer", "marcus.lee", "owen.macdonald", "aiyana.george"]) expect((await (await as(email(m))).post(`/mentorship/${choiceId}`, profile("mentor", {}))).status).toBe(200);
    for (const m of ["tomas.reyes", "noah.bergstrom"]) await (await as(email(m))).post(`/mentorship/${choiceId}`, profile("mentee", {}));
    const tomas = await as(email("tomas.reyes"));
    const noah = await as(email("noah.bergstrom"));
    expect(visibleText((await tomas.page(`/mentorship/${choiceId}`)).html)).toContain("Choose your mentor");
    // Both mentees see every mentor who fits them and has a place: nobody is told there is none while there are four.
    for (const mentee of [tomas, noah]) {
      const page = visibleText((await mentee.page(`/mentorship/${choiceId}`)).html);
      expect(page).not.toContain("No mentor who fits you has a place left");
      expect(page.match(/Ask [A-Z]/g)?.length).toBeGreaterThanOrEqual(2);
      // Each mentor's experience is shown beside their role and bio.
      expect(page).toContain("9 years of CSL practice");
    }
    // Leave one mentor with a place: the others are taken by earlier requests.
    const mentorIds = await Promise.all(["lena.fischer", "marcus.lee", "owen.macdonald", "aiyana.george"].map((m) => idOf(email(m))));
    const lastMentor = mentorIds[3];
    for (const [k, m] of mentorIds.slice(0, 3).entries()) {
      await db.insertInto("mentorship_pairs").values({ id: `taken${k}aaaaaaaaaaa`, cycle_id: choiceId, mentor_id: m, mentee_id: await idOf(email(["grace.chen", "fatima.haddad", "hana.sato"][k])), score: 1, explanation: "[]", status: "active", mentor_accepted_at: null, mentee_accepted_at: null, declined_by: null, decline_reason: null, reminded_at: null, created_at: new Date().toISOString(), updated_at: new Date().toISOString() }).execute();
    }
    const [a, b] = await Promise.all([tomas.post(`/mentorship/${choiceId}`, { intent: "request", mentorId: lastMentor }), noah.post(`/mentorship/${choiceId}`, { intent: "request", mentorId: lastMentor })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const requests = await db.selectFrom("mentorship_pairs").selectAll().where("cycle_id", "=", choiceId).where("mentor_id", "=", lastMentor).execute();
    expect(requests).toHaveLength(1);
    expect(requests[0].status).toBe("requested");
    // The mentor is told, with a link to answer.
    const told = await db.selectFrom("notifications").select(["title", "href"]).where("user_id", "=", lastMentor).where("key", "like", "mentorship:request:%").execute();
    expect(told).toEqual([{ title: expect.stringMatching(/asks you to be their mentor$/), href: `/mentorship/pairs/${requests[0].id}` }]);
    // The mentor confirms, and the pair is active.
    await (await as(email("aiyana.george"))).post(`/mentorship/pairs/${requests[0].id}`, { intent: "accept" });
    expect((await db.selectFrom("mentorship_pairs").select("status").where("id", "=", requests[0].id).executeTakeFirstOrThrow()).status).toBe("active");
    // The mentee left without a place can be taken out of the cycle; someone in a pair cannot.
    const chair = await as(admin);
    const noahId = await idOf(email("noah.bergstrom"));
    const stayer = requests[0].mentee_id;
    expect((await chair.post(`/mentorship/${choiceId}/participants`, { intent: "remove", userId: stayer, confirmed: "yes" })).status).toBe(409);
    expect((await chair.post(`/mentorship/${choiceId}/participants`, { intent: "remove", userId: noahId === stayer ? await idOf(email("tomas.reyes")) : noahId, confirmed: "yes" })).status).toBe(200);
    expect(await db.selectFrom("mentorship_profiles").select("user_id").where("cycle_id", "=", choiceId).where("role", "=", "mentee").execute()).toHaveLength(1);
  });
});

describe("a cycle's settings, its runs and each side's own wishes", () => {
  it("a coordinator changes a cycle's settings until matching starts; then they are shown and stay", async () => {
    const db = server.services.db;
    const coordinator = await as(admin);
    const created = await coordinator.post("/mentorship", { ...openCycle("Settings cycle", "stable"), notSameOrganization: "on", sameRegionInPerson: "on" });
    const id = created.location!.split("/").pop()!;
    expect((await coordinator.page(`/mentorship/${id}`)).html).toContain('name="sameRegionInPerson" checked=""');
    const bad = await coordinator.post(`/mentorship/${id}`, { intent: "settings", ...openCycle("Settings cycle", "stable"), requestDays: "0" });
    expect(bad.status).toBe(400);
    expect(visibleText(bad.html)).toContain("At least one day");
    expect((await (await as(sam)).post(`/mentorship/${id}`, { intent: "settings", ...openCycle("Mine now", "exact") })).status).toBe(403);
    const good = await coordinator.post(`/mentorship/${id}`, { intent: "settings", ...openCycle("Settings cycle, renamed", "stable"), "weight-region": "25", requestDays: "5" });
    expect(good.status).toBe(200);
    const row = await db.selectFrom("mentorship_cycles").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "Settings cycle, renamed", request_days: 5 });
    expect(JSON.parse(row.weights).region).toBe(25);
    expect(JSON.parse(row.rules)).toEqual({ notSameOrganization: false, excludePrevious: false, sameRegionInPerson: false });
    // Matching starts: the settings stay as they are, shown in words, and a change is refused.
    expect((await coordinator.post(`/mentorship/${id}`, { intent: "run", algorithm: "stable" })).status).toBe(200);
    const late = await coordinator.post(`/mentorship/${id}`, { intent: "settings", ...openCycle("Changed again", "exact") });
    expect(late.status).toBe(409);
    expect(visibleText(late.html)).toContain("Matching has started in this cycle");
    const page = visibleText((await coordinator.page(`/mentorship/${id}`)).html);
    expect(page).toContain("Matching has started, so these settings stay as they are");
    expect(page).toContain("Region: 25 points");
    expect((await db.selectFrom("mentorship_cycles").select("name").where("id", "=", id).executeTakeFirstOrThrow()).name).toBe("Settings cycle, renamed");
  });

  it("a cycle's limit counts the mentees a mentor holds in other open cycles, shown to coordinators", async () => {
    const db = server.services.db;
    const coordinator = await as(admin);
    const otherId = (await coordinator.post("/mentorship", openCycle("Another open cycle", "exact"))).location!.split("/").pop()!;
    const id = (await coordinator.post("/mentorship", openCycle("Limited cycle", "exact", { mentorLimit: "2" }))).location!.split("/").pop()!;
    expect((await coordinator.post("/mentorship", openCycle("Bad limit", "exact", { mentorLimit: "0" }))).status).toBe(400);
    const danielId = await idOf(email("daniel.okafor"));
    await db.insertInto("mentorship_pairs").values({ id: "elsewhereaaaaaaa", cycle_id: otherId, mentor_id: danielId, mentee_id: await idOf(sam), score: 1, explanation: "[]", status: "active", mentor_accepted_at: null, mentee_accepted_at: null, declined_by: null, decline_reason: null, reminded_at: null, created_at: new Date().toISOString(), updated_at: new Date().toISOString() }).execute();
    await (await as(email("daniel.okafor"))).post(`/mentorship/${id}`, profile("mentor", { capacity: "3" }));
    for (const m of ["grace.chen", "fatima.haddad"]) await (await as(email(m))).post(`/mentorship/${id}`, profile("mentee"));
    const people = visibleText((await coordinator.page(`/mentorship/${id}/participants?role=mentor`)).html);
    expect(people).toMatch(/Daniel Okafor Years of CSL practice 9 .* mentor Places Change .* 1 mentee/);
    expect((await coordinator.page(`/mentorship/${id}/participants?role=mentor`)).html).toMatch(/name="capacity" value="3"/);
    // Three places here, but two at most across open cycles and one held elsewhere: one mentee now.
    expect((await coordinator.post(`/mentorship/${id}`, { intent: "run", algorithm: "exact" })).status).toBe(200);
    expect((await latestRunOf(id)).matched).toBe(1);
    await coordinator.post(`/mentorship/${otherId}`, { intent: "close", confirmed: "yes" });
    expect((await coordinator.post(`/mentorship/${id}`, { intent: "run", algorithm: "exact" })).status).toBe(200);
    expect((await latestRunOf(id)).matched).toBe(2);
  });

  it("stable matching follows mentees' ranked choices and a mentor's wishes; every run is kept and any two compare like with like", async () => {
    const db = server.services.db;
    const coordinator = await as(admin);
    const id = (await coordinator.post("/mentorship", openCycle("Wishes cycle", "stable"))).location!.split("/").pop()!;
    const [lenaId, marcusId] = await Promise.all([idOf(email("lena.fischer")), idOf(email("marcus.lee"))]);
    for (const m of ["lena.fischer", "marcus.lee"]) expect((await (await as(email(m))).post(`/mentorship/${id}`, profile("mentor"))).status).toBe(200);
    // Both mentees want Lena first and Marcus second.
    for (const m of ["tomas.reyes", "noah.bergstrom"]) expect((await (await as(email(m))).post(`/mentorship/${id}`, profile("mentee", { preferredMentor: lenaId, preferredMentor2: marcusId }))).status).toBe(200);
    const stored = await db.selectFrom("mentorship_profiles").select("answers").where("cycle_id", "=", id).where("user_id", "=", await idOf(email("tomas.reyes"))).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.answers)).toMatchObject({ preferredMentor: lenaId, rankedMentors: [lenaId, marcusId] });
    const lenaOf = async () => (await latestRunOf(id)).pairs.find((p) => p.mentorId === lenaId)?.menteeId;

    expect((await coordinator.post(`/mentorship/${id}`, { intent: "run", algorithm: "stable" })).status).toBe(200);
    const first = await lenaOf();
    const other = [await idOf(email("tomas.reyes")), await idOf(email("noah.bergstrom"))].find((m) => m !== first)!;
    // Lena says whom she would like: the mentee the score gave to Marcus. Mentees have no such card.
    const lena = await as(email("lena.fischer"));
    const card = visibleText((await lena.page(`/mentorship/${id}`)).html);
    expect(card).toContain("Mentees you would like to mentor");
    expect(card).toContain("Learn");
    expect(visibleText((await (await as(email("tomas.reyes"))).page(`/mentorship/${id}`)).html)).not.toContain("Mentees you would like to mentor");
    expect((await (await as(email("tomas.reyes"))).post(`/mentorship/${id}`, { intent: "wishes", [`wish-${first}`]: "keen" })).status).toBe(403);
    expect((await lena.post(`/mentorship/${id}`, { intent: "wishes", [`wish-${other}`]: "keen", [`wish-${first}`]: "rather-not" })).status).toBe(200);
    expect(await db.selectFrom("mentorship_wishes").select(["mentee_id", "wish"]).where("cycle_id", "=", id).orderBy("wish").execute()).toEqual([
      { mentee_id: other, wish: "keen" },
      { mentee_id: first, wish: "rather-not" },
    ]);
    // The run made before the wishes is out of date; the next follows them.
    expect(visibleText((await coordinator.page(`/mentorship/${id}`)).html)).toContain("re-run before publishing");
    expect((await coordinator.post(`/mentorship/${id}`, { intent: "run", algorithm: "stable" })).status).toBe(200);
    expect(await lenaOf()).toBe(other);
    const run = await latestRunOf(id);
    expect(run.preferences).toEqual({ mentees: 2, mentors: 1 });
    expect(run.blockingPairs).toBe(0);
    expect(visibleText((await coordinator.page(`/mentorship/${id}`)).html)).toContain("2 mentees named a mentor; 1 mentor ranked mentees");

    // Every run is kept with its settings; any two compare over the mentees both tried to match.
    expect((await (await as(sam)).page(`/mentorship/${id}/runs`)).status).toBe(403);
    const runs = await db.selectFrom("mentorship_runs").select("id").where("cycle_id", "=", id).orderBy("created_at").orderBy("id").execute();
    const list = visibleText((await coordinator.page(`/mentorship/${id}/runs`)).html);
    expect(list).toContain("Run 1");
    expect(list).toContain("Run 2");
    expect(list).toContain("Domain fit 30");
    const compared = visibleText((await coordinator.page(`/mentorship/${id}/runs?a=${runs[1].id}&b=${runs[0].id}`)).html);
    expect(compared).toContain("over the 2 mentees both tried to match: 2 partners changed; matched 0; total score 0.");
  });

  it("a coordinator's multiple-choice question is asked at intake and its same answers earn points, explained", async () => {
    const coordinator = await as(admin);
    const question = { "mcText-0": "How would you like to meet?", "mcOptions-0": "A walk and talk; A video call", "mcPoints-0": "12" };
    const bad = await coordinator.post("/mentorship", { ...openCycle("Questions cycle", "exact"), ...question, "mcOptions-0": "Only one" });
    expect(bad.status).toBe(400);
    expect(visibleText(bad.html)).toContain("Two to six options, separated by semicolons.");
    const id = (await coordinator.post("/mentorship", { ...openCycle("Questions cycle", "exact"), ...question })).location!.split("/").pop()!;
    const mentorPage = await (await as(email("lena.fischer"))).page(`/mentorship/${id}`);
    expect(mentorPage.html).toContain('name="choice-0" value="A walk and talk"');
    await (await as(email("lena.fischer"))).post(`/mentorship/${id}`, profile("mentor", { "choice-0": "A walk and talk" }));
    // Whom one would rather not meet is named among the cycle's participants; a name nobody has is said so.
    const unknown = await (await as(email("grace.chen"))).post(`/mentorship/${id}`, profile("mentee", { avoidNames: "Lena Fischer, Nobody Here" }));
    expect(unknown.status).toBe(400);
    expect(visibleText(unknown.html)).toContain("No one else in this cycle is called “Nobody Here”.");
    expect(unknown.html).toContain('value="Lena Fischer, Nobody Here"');
    await (await as(email("fatima.haddad"))).post(`/mentorship/${id}`, profile("mentee", { avoidNames: "lena fischer", "choice-0": "A walk and talk" }));
    const avoiding = await server.services.db.selectFrom("mentorship_profiles").select("answers").where("cycle_id", "=", id).where("user_id", "=", await idOf(email("fatima.haddad"))).executeTakeFirstOrThrow();
    expect(JSON.parse(avoiding.answers).avoid).toEqual([await idOf(email("lena.fischer"))]);
    expect(visibleText((await (await as(email("fatima.haddad"))).page(`/mentorship/${id}`)).html)).not.toContain("Nobody Here");
    expect((await (await as(email("fatima.haddad"))).page(`/mentorship/${id}`)).html).toContain('value="Lena Fischer"');
    // An answer that is not one of the options is not kept.
    await (await as(email("grace.chen"))).post(`/mentorship/${id}`, profile("mentee", { "choice-0": "A walk and talk" }));
    await (await as(email("fatima.haddad"))).post(`/mentorship/${id}`, profile("mentee", { "choice-0": "Skydiving" }));
    const fatima = await server.services.db.selectFrom("mentorship_profiles").select("answers").where("cycle_id", "=", id).where("user_id", "=", await idOf(email("fatima.haddad"))).executeTakeFirstOrThrow();
    expect(JSON.parse(fatima.answers).choices).toEqual({});
    expect((await coordinator.post(`/mentorship/${id}`, { intent: "run", algorithm: "exact" })).status).toBe(200);
    const run = await latestRunOf(id);
    // One place: it goes to Grace, whose answer matches Lena's.
    expect(run.pairs.map((p) => p.menteeName)).toEqual(["Grace Chen"]);
    expect(run.pairs[0].parts.at(-1)).toMatchObject({ criterion: "question-0", points: 12, text: "both answered “A walk and talk” to “How would you like to meet?”" });
  });

  it("a lock the rules no longer allow is released and shown as such, never proposed", async () => {
    const coordinator = await as(admin);
    const id = (await coordinator.post("/mentorship", openCycle("Lock cycle", "exact"))).location!.split("/").pop()!;
    await (await as(email("lena.fischer"))).post(`/mentorship/${id}`, profile("mentor"));
    await (await as(email("grace.chen"))).post(`/mentorship/${id}`, profile("mentee"));
    const [lena, grace] = await Promise.all([idOf(email("lena.fischer")), idOf(email("grace.chen"))]);
    expect((await coordinator.post(`/mentorship/${id}`, { intent: "rule", mentorId: lena, menteeId: grace, ruling: "lock" })).status).toBe(200);
    // Grace's answers change: the two no longer share a language.
    await (await as(email("grace.chen"))).post(`/mentorship/${id}`, profile("mentee", { languages: "French" }));
    expect((await coordinator.post(`/mentorship/${id}`, { intent: "run", algorithm: "exact" })).status).toBe(200);
    expect((await latestRunOf(id)).pairs).toEqual([]);
    expect(visibleText((await coordinator.page(`/mentorship/${id}`)).html)).toContain("Locked, but the rules no longer allow it, so released: Grace Chen with Lena Fischer: they share no language.");
  });

  it("a request the mentor does not answer in time lapses once: both hear of it, and the mentee chooses again", async () => {
    const db = server.services.db;
    const coordinator = await as(admin);
    const id = (await coordinator.post("/mentorship", openCycle("Lapsing cycle", "choice", { requestDays: "2" }))).location!.split("/").pop()!;
    for (const m of ["owen.macdonald", "aiyana.george"]) await (await as(email(m))).post(`/mentorship/${id}`, profile("mentor"));
    const hana = await as(email("hana.sato"));
    await hana.post(`/mentorship/${id}`, profile("mentee"));
    const aiyanaId = await idOf(email("aiyana.george"));
    expect((await hana.post(`/mentorship/${id}`, { intent: "request", mentorId: aiyanaId })).status).toBe(200);
    const pair = await db.selectFrom("mentorship_pairs").selectAll().where("cycle_id", "=", id).executeTakeFirstOrThrow();
    expect(await lapseRequests(server.services)).toBe(0);
    const later = new Date(Date.now() + 3 * 86_400_000);
    const lapsed = await Promise.all([lapseRequests(server.services, later), lapseRequests(server.services, later)]);
    expect(lapsed[0] + lapsed[1]).toBe(1);
    expect(await lapseRequests(server.services, later)).toBe(0);
    expect(await db.selectFrom("mentorship_pairs").select(["status", "decline_reason", "declined_by"]).where("id", "=", pair.id).executeTakeFirstOrThrow()).toEqual({ status: "declined", decline_reason: "No answer within 2 days", declined_by: null });
    const notices = await db.selectFrom("notifications").select(["user_id", "title"]).where("key", "=", `mentorship:lapsed:${pair.id}`).orderBy("user_id").execute();
    expect(notices).toHaveLength(2);
    expect(notices.map((n) => n.user_id).sort()).toEqual([aiyanaId, pair.mentee_id].sort());
    // Hana chooses again: the shortlist is back, with the mentor who has a place.
    const page = visibleText((await hana.page(`/mentorship/${id}`)).html);
    expect(page).toContain("Choose your mentor");
    expect(page).toContain("Ask Owen");
  });
});

/** Intake answers that fit every demo mentor with every demo mentee. */
function profile(role: "mentor" | "mentee", extra: Record<string, string | string[]> = {}) {
  return {
    intent: "profile",
    role,
    yearsPractice: role === "mentor" ? "9" : "1",
    region: "Vancouver Island",
    district: "61",
    languages: "English",
    sectors: ["k12-classroom"],
    availability: ["weekday-evening"],
    modes: ["virtual"],
    capacity: "1",
    strengths: ["system"],
    goals: "Learn",
    focus: ["system"],
    districtPreference: "either",
    ...extra,
  };
}

/** A cycle open for intake now, of the given mode. */
function openCycle(name: string, mode: "exact" | "stable" | "choice", extra: Record<string, string> = {}) {
  return { name, mode, intakeOpens: "2026-01-01", intakeCloses: "2099-01-01", matchingDate: "2099-02-01", lengthWeeks: "30", checkinDays: "14", ...weights(), ...extra };
}

function weights() {
  return { "weight-domain": "30", "weight-sector": "20", "weight-region": "10", "weight-experience": "15", "weight-availability": "15", "weight-preferences": "10" };
}
