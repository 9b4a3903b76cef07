// One-time secrets (password reset, invitations, calendar feeds): the link carries the
// secret, the database keeps only its SHA-256.
import { encodeHexLowerCase } from "@oslojs/encoding";
import { randomString } from "../../shared/ids";

export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
  return encodeHexLowerCase(new Uint8Array(digest));
}

export async function newSecretToken(): Promise<{ token: string; hash: string }> {
  const token = randomString(32);
  return { token, hash: await sha256Hex(token) };
}

/** Compares two equal-purpose strings without an early exit that would leak their prefix. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
