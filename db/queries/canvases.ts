// Causal-loop canvases of a community, and who has a personal role on one.
import type { DB } from "../connect";
import type { Canvas, CanvasRole } from "../schema";
import { nowIso } from "../time";
import { newId } from "../../shared/ids";
import { canvasRole, type Actor, type CommunityScope } from "../../shared/permissions";
import { getCommunity, getMembershipRole } from "./communities";

export async function createCanvas(db: DB, input: { communityId: string; title: string; createdBy: string; meetingId?: string | null; memberAccess?: CanvasRole }): Promise<Canvas> {
  const now = nowIso();
  const canvas: Canvas = {
    id: newId(),
    community_id: input.communityId,
    meeting_id: input.meetingId ?? null,
    title: input.title.trim(),
    member_access: input.memberAccess ?? "edit",
    locked_by: null,
    created_by: input.createdBy,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto("canvases").values(canvas).execute();
  return canvas;
}

export function getCanvas(db: DB, id: string): Promise<Canvas | undefined> {
  return db.selectFrom("canvases").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listCanvases(db: DB, communityId: string) {
  return db.selectFrom("canvases").selectAll().where("community_id", "=", communityId).orderBy("updated_at", "desc").execute();
}

export async function setShare(db: DB, canvasId: string, userId: string, role: CanvasRole | null): Promise<void> {
  await db.deleteFrom("canvas_shares").where("canvas_id", "=", canvasId).where("user_id", "=", userId).execute();
  if (role) await db.insertInto("canvas_shares").values({ canvas_id: canvasId, user_id: userId, role }).execute();
}

export async function shareOf(db: DB, canvasId: string, userId: string): Promise<CanvasRole | null> {
  const row = await db.selectFrom("canvas_shares").select("role").where("canvas_id", "=", canvasId).where("user_id", "=", userId).executeTakeFirst();
  return row?.role ?? null;
}

export async function storeCanvasToken(db: DB, input: { userId: string; canvasId: string; tokenHash: string; lifetimeMs: number }): Promise<void> {
  await db.deleteFrom("canvas_tokens").where("expires_at", "<", nowIso()).execute();
  await db
    .insertInto("canvas_tokens")
    .values({ id: newId(), token_hash: input.tokenHash, user_id: input.userId, canvas_id: input.canvasId, expires_at: new Date(Date.now() + input.lifetimeMs).toISOString() })
    .execute();
}

/** A canvas, its community, the actor's relation to it and their role on the canvas (null: none). */
export async function canvasAccessFor(db: DB, actor: Actor, canvasId: string | undefined) {
  const canvas = canvasId ? await getCanvas(db, canvasId) : undefined;
  const community = canvas ? await getCommunity(db, canvas.community_id) : undefined;
  if (!canvas || !community) return undefined;
  const scope: CommunityScope = { role: await getMembershipRole(db, community.id, actor.id), visibility: community.visibility };
  const role = canvasRole(actor, scope, canvas.member_access, await shareOf(db, canvas.id, actor.id));
  return { canvas, community, scope, role };
}
