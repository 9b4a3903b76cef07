// Throttling of sign-in and password-reset requests, counted in the database
// (db/queries/throttles.ts) so that a restart forgets nothing and every node counts the same.
//
// Sign-in: wrong passwords for one account lock that account with a growing wait (1, 2, 4 …
// up to 60 minutes) after five; a reset of the password lifts the lock at once, and the lock
// message says so. Wrong passwords from one address (a school's shared address, often) are
// answered "too many from your network" past 30 in 15 minutes, but a correct password is never
// refused for an address-wide reason alone.
// Reset requests: at most 3 an hour for one email and 20 an hour from one address, counted
// whether or not the account exists, so the answer reveals nothing about who has an account.
import type { DB } from "../../db/connect";
import { clearCount, countAttempt, deleteStaleCounts, lockUntil, readCount } from "../../db/queries/throttles";

const minute = 60_000;
export const throttlePolicy = {
  accountFreeFailures: 5,
  accountWindowMs: 24 * 60 * minute,
  accountMaxWaitMs: 60 * minute,
  addressFailures: 30,
  addressWindowMs: 15 * minute,
  resetsPerEmail: 3,
  resetsPerAddress: 20,
  resetWindowMs: 60 * minute,
};

export type SignInRefusal = { kind: "account"; waitMs: number } | { kind: "address" } | null;

const accountKey = (email: string) => `login-account:${email}`;
const addressKey = (address: string) => `login-address:${address}`;

export interface Throttle {
  /** Milliseconds the account must still wait before any password is checked; 0 when none. */
  accountWaitMs(email: string): Promise<number>;
  /** Records a wrong password; says whether to refuse further, and why. */
  failedSignIn(email: string, address: string): Promise<SignInRefusal>;
  /** A correct password (or a new one) clears the account's count and lock. */
  clearAccount(email: string): Promise<void>;
  /** Counts a reset request; false when it is one too many for the email or the address. */
  resetRequestAllowed(email: string, address: string): Promise<boolean>;
  /** Counts a newsletter sign-up (each sends an email): as many as reset requests allow. */
  signUpAllowed(email: string, address: string): Promise<boolean>;
  /** A public form (an event registration, a training request): as many as a sign-up, per email and per address. */
  publicFormAllowed(form: "event" | "training" | "cohort", email: string, address: string): Promise<boolean>;
  forgetStale(): Promise<void>;
}

export function createThrottle(db: DB, policy = throttlePolicy): Throttle {
  const waitOf = (lockedUntil: string | null) => (lockedUntil ? Math.max(0, Date.parse(lockedUntil) - Date.now()) : 0);
  return {
    async accountWaitMs(email) {
      return waitOf((await readCount(db, accountKey(email), policy.accountWindowMs)).lockedUntil);
    },
    async failedSignIn(email, address) {
      const [account, fromAddress] = await Promise.all([
        countAttempt(db, accountKey(email), policy.accountWindowMs),
        countAttempt(db, addressKey(address), policy.addressWindowMs),
      ]);
      if (account >= policy.accountFreeFailures) {
        const waitMs = Math.min(minute * 2 ** (account - policy.accountFreeFailures), policy.accountMaxWaitMs);
        await lockUntil(db, accountKey(email), new Date(Date.now() + waitMs).toISOString());
        return { kind: "account", waitMs };
      }
      return fromAddress > policy.addressFailures ? { kind: "address" } : null;
    },
    async clearAccount(email) {
      await clearCount(db, accountKey(email));
    },
    async resetRequestAllowed(email, address) {
      const [forEmail, fromAddress] = await Promise.all([
        countAttempt(db, `reset-email:${email}`, policy.resetWindowMs),
        countAttempt(db, `reset-address:${address}`, policy.resetWindowMs),
      ]);
      return forEmail <= policy.resetsPerEmail && fromAddress <= policy.resetsPerAddress;
    },
    async publicFormAllowed(form, email, address) {
      const [forEmail, fromAddress] = await Promise.all([countAttempt(db, `${form}-email:${email}`, policy.resetWindowMs), countAttempt(db, `${form}-address:${address}`, policy.resetWindowMs)]);
      return forEmail <= policy.resetsPerEmail && fromAddress <= policy.resetsPerAddress;
    },
    async signUpAllowed(email, address) {
      const [forEmail, fromAddress] = await Promise.all([
        countAttempt(db, `signup-email:${email}`, policy.resetWindowMs),
        countAttempt(db, `signup-address:${address}`, policy.resetWindowMs),
      ]);
      return forEmail <= policy.resetsPerEmail && fromAddress <= policy.resetsPerAddress;
    },
    async forgetStale() {
      await deleteStaleCounts(db, new Date(Date.now() - policy.accountWindowMs).toISOString());
    },
  };
}

/** "3 minutes" */
export const minutesText = (ms: number) => {
  const minutes = Math.max(1, Math.ceil(ms / minute));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
};
