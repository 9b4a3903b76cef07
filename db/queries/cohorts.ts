// Going Deeper cohorts: a training request's year-long cohort takes applications by a public link;
// the director accepts or declines each once (conditional on it still being an application, so two
// directors deciding at once decide it once). The first acceptance makes the cohort's community
// (under a lock on the cohort's row, so two at once make one); each accepted person joins it, or is
// invited to it by email when they have no account yet. The emails are recorded in the transaction.
import type { Transaction } from "kysely";
import type { DB, Dialect } from "../connect";
import type { CohortApplicationStatus, Database } from "../schema";
import { newId } from "../../shared/ids";
import { nowIso } from "../time";
import { addMember, createCommunity } from "./communities";
import { createInvitation } from "./invitations";
import { findUserByEmail, normalizeEmail } from "./users";

type Trx = Transaction<Database>;

export async function openCohort(db: DB, requestId: string, name: string): Promise<{ id: string; slug: string }> {
  const id = newId();
  const slug = `going-deeper-${id.slice(0, 8)}`;
  await db.insertInto("cohorts").values({ id, request_id: requestId, slug, name, community_id: null, applications_open: 1, created_at: nowIso() }).onConflict((oc) => oc.column("request_id").doNothing()).execute();
  const cohort = await db.selectFrom("cohorts").select(["id", "slug"]).where("request_id", "=", requestId).executeTakeFirstOrThrow();
  return cohort;
}

export interface Application {
  name: string;
  email: string;
  role: string | null;
  organization: string | null;
  reasons: string;
}

/** An application, once per email; "already" when this email has applied, "closed" when applications are. */
export async function applyToCohort(db: DB, cohortId: string, a: Application, afterWrite?: (trx: Trx) => Promise<void>): Promise<"applied" | "already" | "closed" | "missing"> {
  return db.transaction().execute(async (trx) => {
    const cohort = await trx.selectFrom("cohorts").select(["applications_open"]).where("id", "=", cohortId).executeTakeFirst();
    if (!cohort) return "missing";
    if (!cohort.applications_open) return "closed";
    const inserted = await trx
      .insertInto("cohort_applications")
      .values({ id: newId(), cohort_id: cohortId, name: a.name, email: normalizeEmail(a.email), role: a.role, organization: a.organization, reasons: a.reasons, status: "applied", decided_by: null, decided_at: null, created_at: nowIso() })
      .onConflict((oc) => oc.columns(["cohort_id", "email"]).doNothing())
      .executeTakeFirst();
    if (!Number(inserted.numInsertedOrUpdatedRows)) return "already";
    await afterWrite?.(trx);
    return "applied";
  });
}

export type Decision =
  | { outcome: "decided"; status: CohortApplicationStatus; email: string; name: string; communityId: string | null; joined: boolean; invited: boolean }
  | { outcome: "already" }
  | { outcome: "missing" };

/**
 * Accepts or declines an application. On acceptance the cohort's community exists afterwards and
 * the person is in it (an account) or invited to it (with the hash of a token made for the purpose).
 */
export async function decideApplication(
  db: DB,
  dialect: Dialect,
  cohortId: string,
  applicationId: string,
  status: "accepted" | "declined",
  deciderId: string,
  invitationTokenHash: string,
  afterWrite: (trx: Trx, decision: Extract<Decision, { outcome: "decided" }>, cohortName: string) => Promise<void>,
): Promise<Decision> {
  return db.transaction().execute(async (trx) => {
    const application = await trx.selectFrom("cohort_applications").selectAll().where("id", "=", applicationId).where("cohort_id", "=", cohortId).executeTakeFirst();
    if (!application) return { outcome: "missing" } as const;
    let cohortQuery = trx.selectFrom("cohorts").selectAll().where("id", "=", application.cohort_id);
    if (dialect === "postgres") cohortQuery = cohortQuery.forUpdate();
    const cohort = await cohortQuery.executeTakeFirstOrThrow();
    const decided = await trx.updateTable("cohort_applications").set({ status, decided_by: deciderId, decided_at: nowIso() }).where("id", "=", applicationId).where("status", "=", "applied").executeTakeFirst();
    if (!Number(decided.numUpdatedRows)) return { outcome: "already" } as const;
    let communityId = cohort.community_id;
    let joined = false;
    let invited = false;
    if (status === "accepted") {
      if (!communityId) {
        const community = await createCommunity(trx as unknown as DB, { name: cohort.name, description: `The ${cohort.name} cohort of the BC Compassionate Systems Leadership Network: a year of going deeper together.`, visibility: "invite", createdBy: deciderId });
        communityId = community.id;
        await addMember(trx as unknown as DB, communityId, deciderId, "facilitator");
        await trx.updateTable("cohorts").set({ community_id: communityId }).where("id", "=", cohort.id).execute();
      }
      const user = await findUserByEmail(trx as unknown as DB, application.email);
      if (user) {
        await addMember(trx as unknown as DB, communityId, user.id, "member");
        joined = true;
      } else {
        await createInvitation(trx as unknown as DB, { email: application.email, communityId, role: "member", invitedBy: deciderId, tokenHash: invitationTokenHash });
        invited = true;
      }
    }
    const decision = { outcome: "decided", status, email: application.email, name: application.name, communityId, joined, invited } as const;
    await afterWrite(trx, decision, cohort.name);
    return decision;
  });
}
