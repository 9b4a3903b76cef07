// Who is asking, and the one way routes start and end sessions.
import { data, redirect, type AppLoadContext } from "react-router";
import type { User } from "../../db/schema";
import type { Actor } from "../../shared/permissions";
import { blankSessionCookie, createSession, invalidateSession, invalidateUserSessions, sessionCookie } from "../../server/auth/sessions";

export function requireUser(context: AppLoadContext, request: Request): User {
  const user = context.auth?.user;
  if (user) return user;
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export const actorOf = (user: User): Actor => ({ id: user.id, networkRole: user.network_role });

export function forbidden(message?: string): never {
  throw data(message ?? "", { status: 403 });
}

export function notFound(message?: string): never {
  throw data(message ?? "", { status: 404 });
}

/**
 * Only a path on this site, never another origin, may be a place to go after signing in.
 * Browsers drop tabs and newlines from URLs and read "\\" as "/", so "/\t/evil.example" would
 * leave the site: such characters are refused, and what is left must resolve to this origin.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u0020\u007f\\]/.test(to)) return fallback;
  const base = "http://same-origin.invalid";
  const url = new URL(to, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
}

export async function startSession(context: AppLoadContext, request: Request, userId: string, to: string): Promise<Response> {
  const { token, session } = await createSession(context.services.db, userId, request.headers.get("user-agent"));
  return redirect(to, { headers: { "Set-Cookie": sessionCookie(token, session.expires_at, context.services.config.secureCookies) } });
}

/**
 * Ends sessions (some, or all the person has, with their canvas tokens) and closes at once every
 * live room and canvas connection made with them: signing out means out, not "at next reload".
 */
export async function endSessions(context: AppLoadContext, userId: string, sessionIds: string[] | "all"): Promise<void> {
  const { db, access } = context.services;
  if (sessionIds === "all") {
    await invalidateUserSessions(db, userId);
    await db.deleteFrom("canvas_tokens").where("user_id", "=", userId).execute();
  } else {
    for (const id of sessionIds) await invalidateSession(db, id);
  }
  await access.changed({ kind: "signed-out", userId, sessionIds });
}

export async function endSession(context: AppLoadContext, to = "/login"): Promise<Response> {
  if (context.auth) await endSessions(context, context.auth.user.id, [context.auth.session.id]);
  return redirect(to, { headers: { "Set-Cookie": blankSessionCookie(context.services.config.secureCookies) } });
}
