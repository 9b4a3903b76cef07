// Security headers for every response, through helmet: a Content-Security-Policy that the app
// really runs under (a fresh nonce per response for React Router's inline scripts, everything
// else from this origin), no framing by other sites, nosniff, a strict Referrer-Policy and HSTS
// when the platform is served over https. Development (Vite's injected scripts) gets no CSP.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import type { Config } from "../config";

export function securityHeaders(config: Config) {
  const https = config.PUBLIC_URL?.startsWith("https://") ?? false;
  const policy = helmet({
    contentSecurityPolicy:
      config.NODE_ENV === "development"
        ? false
        : {
            useDefaults: false,
            directives: {
              "default-src": ["'self'"],
              "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.nonce}'`],
              // React Flow and html-to-image set style attributes, which nonces cannot cover.
              "style-src": ["'self'", "'unsafe-inline'"],
              "img-src": ["'self'", "data:", "blob:"],
              "font-src": ["'self'", "data:"],
              "connect-src": ["'self'"],
              "worker-src": ["'self'", "blob:"],
              "object-src": ["'none'"],
              "base-uri": ["'self'"],
              "form-action": ["'self'"],
              "frame-ancestors": ["'none'"],
              ...(https ? { "upgrade-insecure-requests": [] } : {}),
            },
          },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 60 * 60 } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    xFrameOptions: { action: "deny" },
    crossOriginEmbedderPolicy: false,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.nonce = randomBytes(16).toString("base64");
    policy(req, res, next);
  };
}
