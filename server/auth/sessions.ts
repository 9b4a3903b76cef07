// Sessions as the Lucia project's reference code describes them: a token "id.secret" where
// both halves are random; the database stores the id and the SHA-256 of the secret, and a
// token is valid when the secret's hash matches in constant time and the session has not
// expired. Expiry slides: a session used in its second half is extended, but never past an
// absolute lifetime from sign-in, after which the person signs in again.
import { serialize, parse } from "cookie";
import type { DB } from "../../db/connect";
import type { Session, User } from "../../db/schema";
import { nowIso } from "../../db/time";
import { randomString } from "../../shared/ids";
import { constantTimeEqual, sha256Hex } from "./tokens";

export const sessionCookieName = "csl_session";
const day = 24 * 60 * 60 * 1000;
export const sessionLifetimeMs = 30 * day;
/** However active, a session ends this long after sign-in. */
export const sessionAbsoluteLifetimeMs = 90 * day;
const lastSeenResolutionMs = 60 * 1000;

export interface ValidSession {
  session: Session;
  user: User;
  /** True when the expiry moved and the cookie must be sent again. */
  refreshed: boolean;
}

export async function createSession(db: DB, userId: string, userAgent: string | null): Promise<{ token: string; session: Session }> {
  const id = randomString();
  const secret = randomString();
  const now = new Date();
  const session: Session = {
    id,
    user_id: userId,
    secret_hash: await sha256Hex(secret),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + sessionLifetimeMs).toISOString(),
    last_seen_at: now.toISOString(),
    user_agent: userAgent?.slice(0, 300) ?? null,
  };
  await db.insertInto("sessions").values(session).execute();
  return { token: `${id}.${secret}`, session };
}

export async function validateSessionToken(db: DB, token: string): Promise<ValidSession | null> {
  const parts = token.split(".");
  if (parts.length !== 2 || !/^[a-z2-9]{24}$/.test(parts[0]) || !/^[a-z2-9]{24}$/.test(parts[1])) return null;
  const [id, secret] = parts;
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select([
      "sessions.id as session_id",
      "sessions.secret_hash",
      "sessions.created_at as session_created_at",
      "sessions.expires_at",
      "sessions.last_seen_at",
      "sessions.user_agent",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  if (!constantTimeEqual(await sha256Hex(secret), row.secret_hash)) return null;
  const now = Date.now();
  const hardLimit = Date.parse(row.session_created_at) + sessionAbsoluteLifetimeMs;
  if (Date.parse(row.expires_at) <= now || hardLimit <= now) {
    await invalidateSession(db, id);
    return null;
  }
  const { session_id, secret_hash, session_created_at, expires_at, last_seen_at, user_agent, ...user } = row;
  const session: Session = {
    id: session_id,
    user_id: user.id,
    secret_hash,
    created_at: session_created_at,
    expires_at,
    last_seen_at,
    user_agent,
  };
  const refreshed = Date.parse(expires_at) - now < sessionLifetimeMs / 2 && Date.parse(expires_at) < hardLimit;
  if (refreshed) session.expires_at = new Date(Math.min(now + sessionLifetimeMs, hardLimit)).toISOString();
  if (refreshed || now - Date.parse(last_seen_at) > lastSeenResolutionMs) {
    session.last_seen_at = new Date(now).toISOString();
    await db
      .updateTable("sessions")
      .set({ expires_at: session.expires_at, last_seen_at: session.last_seen_at })
      .where("id", "=", id)
      .execute();
  }
  return { session, user, refreshed };
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function invalidateUserSessions(db: DB, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function listUserSessions(db: DB, userId: string): Promise<Session[]> {
  return db.selectFrom("sessions").selectAll().where("user_id", "=", userId).orderBy("last_seen_at", "desc").execute();
}

export async function deleteExpiredSessions(db: DB): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", nowIso()).execute();
}

export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  return parse(cookieHeader)[sessionCookieName] ?? null;
}

export function sessionCookie(token: string, expiresAt: string, secure: boolean): string {
  return serialize(sessionCookieName, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    expires: new Date(expiresAt),
  });
}

export function blankSessionCookie(secure: boolean): string {
  return serialize(sessionCookieName, "", { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 0 });
}
