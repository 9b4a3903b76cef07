// Communities of practice and who belongs to them.
import type { DB } from "../connect";
import type { Community, CommunityRole, CommunityVisibility } from "../schema";
import { nowIso } from "../time";
import { newId } from "../../shared/ids";

export interface CommunityWithRole extends Community {
  role: CommunityRole | null;
  member_count: number;
}

/** Every community the person can see: theirs, and the open ones they could join. */
export async function listCommunitiesFor(db: DB, userId: string, includeAll: boolean): Promise<CommunityWithRole[]> {
  const rows = await db
    .selectFrom("communities")
    .leftJoin("memberships as mine", (join) => join.onRef("mine.community_id", "=", "communities.id").on("mine.user_id", "=", userId))
    .selectAll("communities")
    .select("mine.role as role")
    .select((eb) =>
      eb.selectFrom("memberships").select(eb.fn.countAll<number>().as("n")).whereRef("memberships.community_id", "=", "communities.id").as("member_count"),
    )
    .$if(!includeAll, (qb) => qb.where((eb) => eb.or([eb("mine.user_id", "is not", null), eb("communities.visibility", "=", "open")])))
    .orderBy("communities.name")
    .execute();
  return rows.map((row) => ({ ...row, role: row.role ?? null, member_count: Number(row.member_count ?? 0) }));
}

export function getCommunityBySlug(db: DB, slug: string): Promise<Community | undefined> {
  return db.selectFrom("communities").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export function getCommunity(db: DB, id: string): Promise<Community | undefined> {
  return db.selectFrom("communities").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function getMembershipRole(db: DB, communityId: string, userId: string): Promise<CommunityRole | null> {
  const row = await db
    .selectFrom("memberships")
    .select("role")
    .where("community_id", "=", communityId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

/** A name's letters and digits as an address ("Early Years Circle" → "early-years-circle"), or `fallback` when none are left. */
export function slugify(name: string, fallback = "community"): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || fallback
  );
}

export interface NewCommunity {
  name: string;
  description: string;
  visibility: CommunityVisibility;
  createdBy: string;
}

export async function createCommunity(db: DB, input: NewCommunity): Promise<Community> {
  const base = slugify(input.name);
  let slug = base;
  for (let n = 2; await getCommunityBySlug(db, slug); n++) slug = `${base}-${n}`;
  const community: Community = {
    id: newId(),
    slug,
    name: input.name.trim(),
    description: input.description.trim(),
    visibility: input.visibility,
    created_by: input.createdBy,
    created_at: nowIso(),
  };
  await db.insertInto("communities").values(community).execute();
  return community;
}

/** Adds a member, or raises their role to facilitator; never lowers a facilitator. */
export async function addMember(db: DB, communityId: string, userId: string, role: CommunityRole): Promise<void> {
  const current = await getMembershipRole(db, communityId, userId);
  if (current === null) {
    await db
      .insertInto("memberships")
      .values({ community_id: communityId, user_id: userId, role, joined_at: nowIso() })
      .onConflict((oc) => oc.columns(["community_id", "user_id"]).doNothing())
      .execute();
    // Joining a community renews the consent membership implies (two years from the latest basis).
    const contact = await db.selectFrom("contacts").select("id").where("user_id", "=", userId).executeTakeFirst();
    if (contact) {
      await db
        .insertInto("consents")
        .values({ id: newId(), contact_id: contact.id, kind: "implied-membership", method: "membership", source: "Joined a community on CSL Commons", wording_hash: null, at: nowIso(), ip: null, user_agent: null, recorded_by: null })
        .execute();
    }
  } else if (current === "member" && role === "facilitator") {
    await db.updateTable("memberships").set({ role }).where("community_id", "=", communityId).where("user_id", "=", userId).execute();
  }
}

export async function removeMember(db: DB, communityId: string, userId: string): Promise<void> {
  await db.deleteFrom("memberships").where("community_id", "=", communityId).where("user_id", "=", userId).execute();
}

export async function countFacilitators(db: DB, communityId: string): Promise<number> {
  const row = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("community_id", "=", communityId)
    .where("role", "=", "facilitator")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listMembers(db: DB, communityId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .leftJoin("organizations", "organizations.id", "users.organization_id")
    .select([
      "users.id",
      "users.name",
      "users.pronouns",
      "users.role_title",
      "users.domains",
      "organizations.name as organization",
      "memberships.role",
      "memberships.joined_at",
    ])
    .where("memberships.community_id", "=", communityId)
    .orderBy("memberships.role")
    .orderBy("users.name")
    .execute();
}

export type MembershipChange = "remove" | "member" | "facilitator";

/**
 * Removes a member or changes their role, never leaving the community without a facilitator:
 * the community's row is locked first (an update PostgreSQL holds until commit; SQLite runs one
 * writer at a time), so two facilitators stepping down at once cannot both succeed.
 */
export async function changeMembership(db: DB, communityId: string, userId: string, change: MembershipChange): Promise<"done" | "last-facilitator" | "not-member"> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("communities")
      .set((eb) => ({ slug: eb.ref("slug") }))
      .where("id", "=", communityId)
      .execute();
    const role = await getMembershipRole(trx, communityId, userId);
    if (role === null) return "not-member";
    if (role === "facilitator" && change !== "facilitator" && (await countFacilitators(trx, communityId)) <= 1) return "last-facilitator";
    if (change === "remove") await trx.deleteFrom("memberships").where("community_id", "=", communityId).where("user_id", "=", userId).execute();
    else await trx.updateTable("memberships").set({ role: change }).where("community_id", "=", communityId).where("user_id", "=", userId).execute();
    return "done";
  });
}
