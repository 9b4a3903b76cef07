// Short-lived tokens for clients that cannot send the session cookie (scripts, tests, tools):
// a random secret in the URL's `token` parameter, stored hashed, valid for minutes.
import type { DB } from "../../db/connect";
import { storeCanvasToken } from "../../db/queries/canvases";
import { newSecretToken } from "../auth/tokens";

export const canvasTokenLifetimeMs = 5 * 60 * 1000;

export async function issueCanvasToken(db: DB, userId: string, canvasId: string): Promise<string> {
  const { token, hash } = await newSecretToken();
  await storeCanvasToken(db, { userId, canvasId, tokenHash: hash, lifetimeMs: canvasTokenLifetimeMs });
  return token;
}
