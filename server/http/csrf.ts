// Refuses state-changing requests that a browser sends from another site. Browsers say where
// a request comes from in Sec-Fetch-Site and Origin; same-origin forms and fetches pass.
import type { NextFunction, Request, Response } from "express";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export function crossSiteRequestGuard(publicUrl: string | undefined) {
  const publicHost = publicUrl ? new URL(publicUrl).host : null;
  return (req: Request, res: Response, next: NextFunction) => {
    if (safeMethods.has(req.method)) return next();
    const site = req.headers["sec-fetch-site"];
    const origin = req.headers.origin;
    let refused = typeof site === "string" && site !== "same-origin" && site !== "none";
    if (!refused && origin) {
      let host: string | null = null;
      try {
        host = new URL(origin).host;
      } catch {
        host = null;
      }
      refused = host === null || (host !== req.headers.host && host !== publicHost);
    }
    if (!refused) return next();
    res.status(403).type("text/plain").send("This request came from another site and was refused.");
  };
}
