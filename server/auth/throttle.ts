// Login throttling per account and per address, with rate-limiter-flexible. Failed attempts
// count; a success clears the account's count.
import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";

export interface LoginThrottle {
  /** Milliseconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(email: string, address: string): Promise<number>;
  recordFailure(email: string, address: string): Promise<void>;
  recordSuccess(email: string): Promise<void>;
}

export function createLoginThrottle({ perAccount = 5, perAddress = 30, windowSeconds = 15 * 60 } = {}): LoginThrottle {
  const accounts = new RateLimiterMemory({ keyPrefix: "login-account", points: perAccount, duration: windowSeconds });
  const addresses = new RateLimiterMemory({ keyPrefix: "login-address", points: perAddress, duration: windowSeconds });
  const wait = (res: RateLimiterRes | null, points: number) =>
    res && res.consumedPoints >= points ? Math.max(res.msBeforeNext, 1) : 0;
  const ignoreLimit = (error: unknown) => {
    if (error instanceof Error) throw error; // a real fault, not a RateLimiterRes rejection
  };
  return {
    async retryAfterMs(email, address) {
      const [account, from] = await Promise.all([accounts.get(email), addresses.get(address)]);
      return Math.max(wait(account, perAccount), wait(from, perAddress));
    },
    async recordFailure(email, address) {
      await Promise.all([accounts.consume(email).catch(ignoreLimit), addresses.consume(address).catch(ignoreLimit)]);
    },
    async recordSuccess(email) {
      await accounts.delete(email);
    },
  };
}
