// The training pipeline's writes on every configured database, with real interleaving (on
// PostgreSQL a second pool whose answers come late, as a second node's would): quote versions made
// at the same moment are numbered without gaps or repeats; two stage moves at once are both
// recorded, in order; a cohort's acceptances at once make one community; one application decided
// twice at once is decided once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/connect";
import { applyToCohort, decideApplication, openCohort } from "../../db/queries/cohorts";
import { moveStage, saveQuoteVersion, sendQuote } from "../../db/queries/training";
import { nowIso } from "../../db/time";
import { createUser } from "../../db/queries/users";
import { newId } from "../../shared/ids";
import { dialects, openTestDatabase, type TestDatabase } from "../helpers/databases";

async function newRequest(db: DB, offering: "introduction" | "going-deeper" = "introduction"): Promise<string> {
  const id = newId();
  await db
    .insertInto("training_requests")
    .values({ id, offering, hours: offering === "introduction" ? 12 : 0, participants: 30, facilitators: 2, prep_hours: 0, mode: "in-person", preferred_dates: null, context: null, organization: "SD 36 Surrey", contact_name: "Priya", contact_email: "priya@surrey.example", contact_role: null, stage: "new", created_at: nowIso(), updated_at: nowIso() })
    .execute();
  return id;
}

describe.each(dialects)("the training pipeline on %s", (dialect) => {
  let t: TestDatabase;
  let slow: DB;
  let directorId: string;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    slow = dialect === "postgres" ? openDatabase(t.url, { schema: t.schema, latencyMs: 2 }).db : t.db;
    directorId = (await createUser(t.db, { email: "director@csl.example", name: "Director", passwordHash: "not-used", networkRole: "admin" })).id;
  });
  afterAll(async () => {
    if (slow !== t.db) await slow?.destroy();
    await t?.close();
  });

  it("numbers 20 quote revisions made at once 1 to 20, none twice, none missing", async () => {
    const id = await newRequest(t.db);
    const handles = [t.db, slow];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => saveQuoteVersion(handles[i % 2], dialect, id, { offering: "introduction", hours: 12 + (i % 8), participants: 30, facilitators: 2, prepHours: 0 }, null, directorId)));
    expect(results.map((r) => r!.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const stored = await t.db.selectFrom("training_quotes").select("version").where("request_id", "=", id).orderBy("version").execute();
    expect(stored.map((s) => s.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("records two stage moves made at once, in order, each from the stage the other left", async () => {
    const id = await newRequest(t.db);
    const [a, b] = await Promise.all([moveStage(t.db, dialect, id, "in-conversation", directorId, null), moveStage(slow, dialect, id, "declined", directorId, null)]);
    expect([a.moved, b.moved]).toEqual([true, true]);
    const changes = await t.db.selectFrom("training_request_changes").select(["from_stage", "to_stage"]).where("request_id", "=", id).orderBy("changed_at").orderBy("id").execute();
    expect(changes).toHaveLength(2);
    const final = (await t.db.selectFrom("training_requests").select("stage").where("id", "=", id).executeTakeFirstOrThrow()).stage;
    // Whichever came first, the second moved from where the first left it, and the request is where the second put it.
    const [first, second] = changes[0].from_stage === "new" ? [changes[0], changes[1]] : [changes[1], changes[0]];
    expect(first.from_stage).toBe("new");
    expect(second.from_stage).toBe(first.to_stage);
    expect(final).toBe(second.to_stage);
  });

  it("sends a quote twice at once: one version 1 made from the request, both sendings recorded with their email", async () => {
    const id = await newRequest(t.db);
    const emails: number[] = [];
    const send = (db: DB) => sendQuote(db, dialect, id, directorId, null, async (_trx, _r, v) => void emails.push(v.version));
    const [a, b] = await Promise.all([send(t.db), send(slow)]);
    // The first makes version 1 from the request; the second sends version 1 again (no revision given).
    expect([a!.version, b!.version]).toEqual([1, 1]);
    expect(emails).toEqual([1, 1]);
    expect(await t.db.selectFrom("training_quotes").select("version").where("request_id", "=", id).execute()).toHaveLength(1);
    expect(await t.db.selectFrom("training_request_changes").select("id").where("request_id", "=", id).where("to_stage", "=", "quoted").execute()).toHaveLength(2);
  });

  it("makes one community for a cohort whose ten applications are accepted at once, and decides one application once", async () => {
    const id = await newRequest(t.db, "going-deeper");
    const cohort = await openCohort(t.db, id, "Going Deeper 2026–27: SD 36 Surrey");
    // Opening twice keeps one cohort.
    expect((await openCohort(t.db, id, "Again")).id).toBe(cohort.id);
    for (let i = 0; i < 10; i++) expect(await applyToCohort(t.db, cohort.id, { name: `Person ${i}`, email: `Person.${i}@Surrey.example`, role: null, organization: null, reasons: "I want to go deeper." })).toBe("applied");
    expect(await applyToCohort(t.db, cohort.id, { name: "Again", email: "person.0@surrey.example", role: null, organization: null, reasons: "Once more" })).toBe("already");
    const applications = await t.db.selectFrom("cohort_applications").select("id").where("cohort_id", "=", cohort.id).execute();
    const handles = [t.db, slow];
    const decisions = await Promise.all(applications.map((a, i) => decideApplication(handles[i % 2], dialect, cohort.id, a.id, "accepted", directorId, `hash-${i}`, async () => {})));
    expect(decisions.every((d) => d.outcome === "decided")).toBe(true);
    const stored = await t.db.selectFrom("cohorts").select("community_id").where("id", "=", cohort.id).executeTakeFirstOrThrow();
    expect(stored.community_id).not.toBeNull();
    expect(new Set(decisions.map((d) => (d.outcome === "decided" ? d.communityId : null)))).toEqual(new Set([stored.community_id]));
    expect(await t.db.selectFrom("communities").select("id").where("name", "=", "Going Deeper 2026–27: SD 36 Surrey").execute()).toHaveLength(1);
    expect(await t.db.selectFrom("invitations").select("id").where("community_id", "=", stored.community_id).execute()).toHaveLength(10);

    await applyToCohort(t.db, cohort.id, { name: "Late", email: "late@surrey.example", role: null, organization: null, reasons: "Late but keen" });
    const late = await t.db.selectFrom("cohort_applications").select("id").where("email", "=", "late@surrey.example").executeTakeFirstOrThrow();
    const twice = await Promise.all([decideApplication(t.db, dialect, cohort.id, late.id, "declined", directorId, "h1", async () => {}), decideApplication(slow, dialect, cohort.id, late.id, "accepted", directorId, "h2", async () => {})]);
    expect(twice.map((d) => d.outcome).sort()).toEqual(["already", "decided"]);
    // An application is decided only from its own cohort's page.
    const other = await openCohort(t.db, await newRequest(t.db, "going-deeper"), "Another cohort");
    await applyToCohort(t.db, cohort.id, { name: "Kept", email: "kept@surrey.example", role: null, organization: null, reasons: "Stays in its cohort" });
    const kept = await t.db.selectFrom("cohort_applications").select("id").where("email", "=", "kept@surrey.example").executeTakeFirstOrThrow();
    expect((await decideApplication(t.db, dialect, other.id, kept.id, "declined", directorId, "h3", async () => {})).outcome).toBe("missing");
  });
});
