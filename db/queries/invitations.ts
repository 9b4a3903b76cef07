// Invitations by email: to the network, and usually to one community with a role.
import type { DB } from "../connect";
import type { CommunityRole, Invitation } from "../schema";
import { nowIso } from "../time";
import { newId } from "../../shared/ids";
import { addMember } from "./communities";
import { normalizeEmail } from "./users";

export const invitationLifetimeMs = 14 * 24 * 60 * 60 * 1000;

export type InvitationState = "valid" | "expired" | "used";

export interface InvitationDetails extends Invitation {
  community_name: string | null;
  community_slug: string | null;
  inviter_name: string;
  state: InvitationState;
}

export async function createInvitation(
  db: DB,
  input: { email: string; communityId: string | null; role: CommunityRole; invitedBy: string; tokenHash: string },
): Promise<Invitation> {
  const now = Date.now();
  const invitation: Invitation = {
    id: newId(),
    email: normalizeEmail(input.email),
    community_id: input.communityId,
    community_role: input.role,
    token_hash: input.tokenHash,
    invited_by: input.invitedBy,
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + invitationLifetimeMs).toISOString(),
    accepted_at: null,
    accepted_by: null,
  };
  await db.insertInto("invitations").values(invitation).execute();
  return invitation;
}

export async function findInvitation(db: DB, tokenHash: string): Promise<InvitationDetails | undefined> {
  const row = await db
    .selectFrom("invitations")
    .leftJoin("communities", "communities.id", "invitations.community_id")
    .innerJoin("users as inviter", "inviter.id", "invitations.invited_by")
    .selectAll("invitations")
    .select(["communities.name as community_name", "communities.slug as community_slug", "inviter.name as inviter_name"])
    .where("invitations.token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const state: InvitationState = row.accepted_at ? "used" : Date.parse(row.expires_at) <= Date.now() ? "expired" : "valid";
  return { ...row, state };
}

/**
 * Marks the invitation used by this person and adds them to its community, in one
 * transaction. Returns false when someone else used it first (or it expired meanwhile).
 */
export async function acceptInvitation(db: DB, invitation: Invitation, userId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const result = await trx
      .updateTable("invitations")
      .set({ accepted_at: now, accepted_by: userId })
      .where("id", "=", invitation.id)
      .where("accepted_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    if (invitation.community_id) await addMember(trx, invitation.community_id, userId, invitation.community_role);
    return true;
  });
}

export function listPendingInvitations(db: DB, communityId: string) {
  return db
    .selectFrom("invitations")
    .select(["id", "email", "community_role", "created_at", "expires_at", "token_hash"])
    .where("community_id", "=", communityId)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", nowIso())
    .orderBy("created_at", "desc")
    .execute();
}
