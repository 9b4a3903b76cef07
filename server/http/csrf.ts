// Refuses state-changing requests that a browser sends from another site. Browsers say where
// a request comes from in Sec-Fetch-Site and Origin; same-origin forms and fetches pass.
import type { NextFunction, Request, Response } from "express";
import { fromThisSite } from "./origin";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export function crossSiteRequestGuard(publicUrl: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (safeMethods.has(req.method)) return next();
    const site = req.headers["sec-fetch-site"];
    const refused = (typeof site === "string" && site !== "same-origin" && site !== "none") || !fromThisSite(req, publicUrl);
    if (!refused) return next();
    res.status(403).type("text/plain").send("This request came from another site and was refused.");
  };
}
