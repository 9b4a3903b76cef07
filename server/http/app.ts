// The HTTP application: health check, static files, the request guards, and the React Router
// app. In development Vite serves and reloads the app; in production the built app is served.
import path from "node:path";
import { pathToFileURL } from "node:url";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import type http from "node:http";
import type { ServerBuild } from "react-router";
import type { AppContext } from "../context";
import type { Services } from "../services";
import { crossSiteRequestGuard } from "./csrf";
import { createAppHandler, PayloadTooLargeError } from "./requestHandler";
import { sessionMiddleware } from "./sessionMiddleware";
import { plainPage } from "./plainPage";
import { securityHeaders } from "./securityHeaders";
import { operationsRoutes, type LiveParts } from "./operations";

export interface HttpApp {
  app: express.Express;
  close(): Promise<void>;
}

export const buildDirectory = path.resolve("build");

export async function createHttpApp(services: Services, httpServer: http.Server, live: () => LiveParts | null = () => null): Promise<HttpApp> {
  const { config, log } = services;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.use(compression());
  app.use(securityHeaders(config));

  operationsRoutes(app, services, live);

  let closeVite = async () => {};
  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (config.NODE_ENV === "development") {
    const vite = await import("vite").then((v) =>
      v.createServer({ server: { middlewareMode: true, hmr: { server: httpServer } }, appType: "custom" }),
    );
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>;
    closeVite = () => vite.close();
  } else {
    app.use("/assets", express.static(path.join(buildDirectory, "client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(buildDirectory, "client"), { maxAge: "1h", index: false }));
    build = (await import(pathToFileURL(path.join(buildDirectory, "server/index.js")).href)) as ServerBuild;
  }

  app.use(crossSiteRequestGuard(config.PUBLIC_URL));
  app.use(sessionMiddleware(services));
  app.all(
    "/{*path}",
    createAppHandler({
      build,
      mode: config.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (req, res) => ({
        services,
        auth: res.locals.auth ?? null,
        clientAddress: req.ip ?? "unknown",
        origin: services.origin(),
        nonce: String(res.locals.nonce ?? ""),
      }) satisfies AppContext,
    }),
  );

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof PayloadTooLargeError) {
      res.status(413).type("html").send(plainPage("Too much at once", `What you sent is larger than ${Math.round(error.limitBytes / (1024 * 1024))} MB. Please send something smaller.`));
      return;
    }
    log.error({ err: error, method: req.method, url: req.originalUrl }, "request failed");
    if (res.headersSent) return res.destroy();
    res.status(500).type("html").send(plainPage("Something went wrong on our side", "It has been logged. Please try again in a moment."));
  });

  return { app, close: closeVite };
}
