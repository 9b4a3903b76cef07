// People and their profiles.
import type { DB } from "../connect";
import type { NetworkRole, User } from "../schema";
import { nowIso } from "../time";
import { newId } from "../../shared/ids";

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export function findUserByEmail(db: DB, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", normalizeEmail(email)).executeTakeFirst();
}

export function getUser(db: DB, id: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface NewAccount {
  email: string;
  name: string;
  passwordHash: string;
  networkRole?: NetworkRole;
  organizationId?: string | null;
  pronouns?: string | null;
  roleTitle?: string | null;
  bio?: string | null;
  domains?: string;
}

export async function createUser(db: DB, account: NewAccount): Promise<User> {
  const now = nowIso();
  const user: User = {
    id: newId(),
    email: normalizeEmail(account.email),
    name: account.name.trim(),
    pronouns: account.pronouns ?? null,
    role_title: account.roleTitle ?? null,
    organization_id: account.organizationId ?? null,
    bio: account.bio ?? null,
    domains: account.domains ?? "",
    network_role: account.networkRole ?? "member",
    password_hash: account.passwordHash,
    timezone: null,
    email_notices: 1,
    meeting_reminders: 1,
    created_at: now,
    updated_at: now,
  };
  const write = async (trx: DB) => {
    await trx.insertInto("users").values(user).execute();
    await linkContact(trx, user);
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute((trx) => write(trx as DB));
  return user;
}

/**
 * An account is the same record as its contact: the one kept with its email (linked now) or a new
 * one; and the account's membership implies consent to the network's newsletter (CASL), recorded
 * in the ledger from this moment (shared/network/consent.ts).
 */
async function linkContact(db: DB, user: User): Promise<void> {
  const kept = await db.selectFrom("contacts").select(["id", "user_id"]).where("email", "=", user.email).executeTakeFirst();
  let contactId = kept?.id;
  if (kept) {
    if (kept.user_id === null) await db.updateTable("contacts").set({ user_id: user.id, updated_at: user.created_at }).where("id", "=", kept.id).execute();
  } else {
    contactId = newId();
    await db
      .insertInto("contacts")
      .values({ id: contactId, email: user.email, name: user.name, organization_id: user.organization_id, role: user.role_title, region: null, notes: null, user_id: user.id, created_at: user.created_at, updated_at: user.created_at })
      .execute();
    await db.insertInto("contact_changes").values({ id: newId(), contact_id: contactId, changed_by: user.id, changed_at: user.created_at, changes: JSON.stringify({ event: "account made" }) }).execute();
  }
  await db
    .insertInto("consents")
    .values({ id: newId(), contact_id: contactId!, kind: "implied-membership", method: "membership", source: "Account on CSL Commons", wording_hash: null, at: user.created_at, ip: null, user_agent: null, recorded_by: null })
    .execute();
}

export interface ProfileChanges {
  name: string;
  pronouns: string | null;
  roleTitle: string | null;
  organizationId: string | null;
  bio: string | null;
  domains: string;
}

export async function updateProfile(db: DB, userId: string, profile: ProfileChanges): Promise<void> {
  await db
    .updateTable("users")
    .set({
      name: profile.name,
      pronouns: profile.pronouns,
      role_title: profile.roleTitle,
      organization_id: profile.organizationId,
      bio: profile.bio,
      domains: profile.domains,
      updated_at: nowIso(),
    })
    .where("id", "=", userId)
    .execute();
}

export async function setPasswordHash(db: DB, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: passwordHash, updated_at: nowIso() }).where("id", "=", userId).execute();
}

export function listOrganizations(db: DB) {
  return db.selectFrom("organizations").selectAll().orderBy("type").orderBy("district_number").orderBy("name").execute();
}

/** Whether an organization a form names exists (forms offer only those that do). */
export async function organizationExists(db: DB, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom("organizations").select("id").where("id", "=", id).executeTakeFirst());
}
