// Mentorship against a started server and its database: a coordinator runs the seeded cycle,
// locks, forbids and re-runs, publishes; people accept and decline; mentee choice holds capacity
// under concurrent requests; privacy; the report; check-in reminders.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendCheckinReminders } from "../../server/jobs/checkinReminders";
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
const latestRun = async () => JSON.parse((await server.services.db.selectFrom("mentorship_runs").select("result").where("cycle_id", "=", cycleId).orderBy("created_at", "desc").orderBy("id", "desc").executeTakeFirstOrThrow()).result) as RunResult;
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
    const csv = new TextDecoder().decode(await (await coordinator.request(`/mentorship/${cycleId}/participants.csv`)).arrayBuffer());
    expect(csv.split("\r\n")[0]).toBe('"cycle","name","email","role","profile_complete_percent","capacity","in_a_pair","updated"');
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
    await coordinator.post(`/mentorship/${cycleId}`, { intent: "capacity", mentorId: lena, capacity: "1" });
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
    await coordinator.post(`/mentorship/${cycleId}`, { intent: "capacity", mentorId: lena, capacity: "1" });
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
    await coordinator.post(`/mentorship/${cycleId}`, { intent: "capacity", mentorId: lena, capacity: "1" });
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
    expect(csv.split("\r\n")[0]).toBe('"cycle","mentee","mentor","status","score","check_ins","last_check_in","stalled","decline_reason"');
    expect(csv).toContain('"Sam Whitehorse","Aiyana George","active"');
    expect(csv).toContain('"We work together already"');
    expect(csv).not.toContain("Hard to find times");
    expect(csv).not.toContain("loop map");
  });

  it("reminds an active pair once when a check-in falls due, however many runs at once, and not again after a crash", async () => {
    const far = new Date(Date.now() + 30 * 86_400_000);
    const runs = await Promise.all([sendCheckinReminders(server.services, far), sendCheckinReminders(server.services, far)]);
    expect(runs[0] + runs[1]).toBe(1);
    expect(await sendCheckinReminders(server.services, far)).toBe(0);
    // A crash after the notice but before the pair was marked: the next run finds the notice and sends nothing.
    await server.services.db.updateTable("mentorship_pairs").set({ reminded_at: null }).where("cycle_id", "=", cycleId).execute();
    expect(await sendCheckinReminders(server.services, far)).toBe(0);
    const reminders = await server.services.db.selectFrom("outbox").select("to_address").where("subject", "like", "%time for a check-in%").execute();
    expect(reminders.map((r) => r.to_address).sort()).toEqual([email("aiyana.george"), sam].sort());
  });
});

describe("mentee choice", () => {
  it("a mentee sees every mentor who fits and has a place; two mentees asking for the last place at once: one gets it", async () => {
    const db = server.services.db;
    const coordinator = await as(admin);
    const created = await coordinator.post("/mentorship", { name: "Choice cycle", mode: "choice", intakeOpens: "2026-01-01", intakeCloses: "2099-01-01", matchingDate: "2099-02-01", lengthWeeks: "30", checkinDays: "14", ...weights() });
    const choiceId = created.location!.split("/").pop()!;
    const profile = (role: "mentor" | "mentee", extra: Record<string, string | string[]>) => ({
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
    });
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

function weights() {
  return { "weight-domain": "30", "weight-sector": "20", "weight-region": "10", "weight-experience": "15", "weight-availability": "15", "weight-preferences": "10" };
}
