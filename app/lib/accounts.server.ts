// Account actions shared by sign-up, invitations and password reset.
import type { AppLoadContext } from "react-router";
import { createUser, findUserByEmail, setPasswordHash } from "../../db/queries/users";
import { nowIso } from "../../db/time";
import { hashPassword } from "../../server/auth/passwords";
import { endSessions } from "./auth.server";
import { newSecretToken } from "../../server/auth/tokens";
import { newId } from "../../shared/ids";

const resetLifetimeMs = 60 * 60 * 1000;

export async function registerAccount(context: AppLoadContext, input: { email: string; name: string; password: string }) {
  if (await findUserByEmail(context.services.db, input.email)) return null;
  try {
    return await createUser(context.services.db, { email: input.email, name: input.name, passwordHash: await hashPassword(input.password) });
  } catch {
    return null; // the same email registered a moment ago
  }
}

/** Sets a new password, ends every session the person had and voids every reset link still open. */
export async function changePassword(context: AppLoadContext, userId: string, password: string): Promise<void> {
  const { db } = context.services;
  await setPasswordHash(db, userId, await hashPassword(password));
  await endSessions(context, userId, "all");
  await db.updateTable("password_resets").set({ used_at: nowIso() }).where("user_id", "=", userId).where("used_at", "is", null).execute();
  // A new password lifts a sign-in lock, as the lock message promises.
  const user = await db.selectFrom("users").select("email").where("id", "=", userId).executeTakeFirst();
  if (user) await context.services.throttle.clearAccount(user.email);
}

/** Emails a one-time reset link when the account exists; says nothing either way. */
export async function sendPasswordReset(context: AppLoadContext, email: string): Promise<void> {
  const { db, mailer } = context.services;
  const user = await findUserByEmail(db, email);
  if (!user) return;
  const { token, hash } = await newSecretToken();
  const expiresAt = new Date(Date.now() + resetLifetimeMs).toISOString();
  await db.insertInto("password_resets").values({ id: newId(), user_id: user.id, token_hash: hash, created_at: nowIso(), expires_at: expiresAt, used_at: null }).execute();
  await mailer.send({
    to: user.email,
    kind: "password-reset",
    secretExpiresAt: expiresAt,
    subject: "Reset your CSL Commons password",
    text: `Hello ${user.name},\n\nSomeone (we hope you) asked to reset your CSL Commons password. Choose a new one here within the hour:\n\n${context.origin}/reset-password/${token}\n\nIf it was not you, you can ignore this email; your password stays as it is.\n`,
  });
}
