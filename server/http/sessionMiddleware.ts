// Reads the session cookie of every request once, validates it and refreshes the cookie when
// the session's expiry moved. Routes find the result in `context.auth`.
import type { NextFunction, Request, Response } from "express";
import type { RequestAuth } from "../context";
import type { Services } from "../services";
import { blankSessionCookie, readSessionToken, sessionCookie, validateSessionToken } from "../auth/sessions";

export function sessionMiddleware(services: Services) {
  return async (req: Request, res: Response, next: NextFunction) => {
    res.locals.auth = null;
    const token = readSessionToken(req.headers.cookie);
    if (!token) return next();
    try {
      const valid = await validateSessionToken(services.db, token);
      if (!valid) {
        res.append("Set-Cookie", blankSessionCookie(services.config.secureCookies));
        return next();
      }
      res.locals.auth = { user: valid.user, session: valid.session } satisfies RequestAuth;
      if (valid.refreshed) res.append("Set-Cookie", sessionCookie(token, valid.session.expires_at, services.config.secureCookies));
      next();
    } catch (error) {
      next(error);
    }
  };
}
