// Hands an Express request to React Router and its Response back. Written here rather than
// taken from @react-router/express so that the body is read once, with a size limit, and a
// too-large body is a clean 413 before any route runs.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import getRawBody from "raw-body";
import { writeReadableStreamToWritable } from "@react-router/node";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "react-router";
import { maxResourcePdfBytes } from "../../shared/resources/library";

export const maxBodyBytes = 1024 * 1024;
/**
 * Where a larger body is expected: a spreadsheet of contacts (50,000 rows is a few megabytes); a
 * resource's PDF (its own limit, maxResourcePdfBytes, is checked by the route with a clear message).
 */
const largerBodies: [RegExp, number][] = [
  [/^\/network\/contacts\/import$/, 16 * 1024 * 1024],
  [/^\/network\/resources(\/[^/]+)?$/, maxResourcePdfBytes + 1024 * 1024],
];
const bodyLimit = (path: string) => largerBodies.find(([pattern]) => pattern.test(path))?.[1] ?? maxBodyBytes;

export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`body larger than ${limitBytes} bytes`);
  }
}

function toHeaders(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  return headers;
}

async function readBody(req: ExpressRequest): Promise<Buffer | undefined> {
  if (req.method === "GET" || req.method === "HEAD") return undefined;
  try {
    return await getRawBody(req, { limit: bodyLimit(req.path), length: req.headers["content-length"] });
  } catch (error) {
    if ((error as { type?: string }).type === "entity.too.large") throw new PayloadTooLargeError(bodyLimit(req.path));
    throw error;
  }
}

export function createAppHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}) {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const body = await readBody(req);
      const url = new URL(req.originalUrl, `http://${req.headers.host ?? "localhost"}`);
      const request = new Request(url, { method: req.method, headers: toHeaders(req), body: body ? new Uint8Array(body) : undefined, signal: controller.signal });
      const response = await handle(request, options.getLoadContext(req, res));
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}
