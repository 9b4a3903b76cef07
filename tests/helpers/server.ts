// A real platform server for tests: the production build, a fresh database, a random port.
import { loadConfig } from "../../server/config";
import { createLogger } from "../../server/logger";
import { startServer, type RunningServer } from "../../server/start";
import { openTestDatabase, sqliteFile, type TestDatabase } from "./databases";
import type { Dialect } from "../../db/connect";
import type { RoomRegistryOptions } from "../../server/rooms/registry";
import type { YjsOptions } from "../../server/yjs/endpoint";

export interface TestServer extends RunningServer {
  stop(): Promise<void>;
}

/** Short live-room timings so tests need not wait for real-world grace periods. */
export const quickRooms: RoomRegistryOptions = { departureGraceMs: 1000, reactionFrameMs: 50, idleEvictMs: 60_000 };

export async function startTestServer(
  options: { dialect?: Dialect; env?: Record<string, string>; databaseUrl?: string; databaseSchema?: string; databaseLatencyMs?: number; deployment?: boolean; roomOptions?: RoomRegistryOptions; yjsOptions?: Partial<YjsOptions> } = {},
): Promise<TestServer> {
  let pg: TestDatabase | null = null;
  let databaseUrl = options.databaseUrl ?? sqliteFile();
  // TEST_SERVER_DIALECT=postgres runs every server-based suite on PostgreSQL (as .ci/run does).
  const dialect = options.dialect ?? (options.databaseUrl ? undefined : (process.env.TEST_SERVER_DIALECT as Dialect | undefined));
  if (dialect === "postgres") {
    pg = await openTestDatabase("postgres");
    databaseUrl = pg.url;
  }
  const config = loadConfig({
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    SEED_DEMO: "true",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...options.env,
  });
  const server = await startServer({ config, deployment: options.deployment, databaseLatencyMs: options.databaseLatencyMs, log: createLogger(config.LOG_LEVEL), databaseSchema: pg?.schema ?? options.databaseSchema, roomOptions: options.roomOptions ?? quickRooms, yjsOptions: options.yjsOptions });
  return {
    ...server,
    async stop() {
      await server.close();
      await pg?.close();
    },
  };
}

/** A person at a browser without JavaScript: cookies kept, redirects not followed. */
export class Visitor {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  private remember(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const [name, value] = pair.split("=");
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader);
    const response = await fetch(new URL(path, this.base), { ...init, headers, redirect: "manual" });
    this.remember(response);
    return response;
  }

  get(path: string) {
    return this.request(path);
  }

  async page(path: string): Promise<{ status: number; html: string; location: string | null }> {
    const response = await this.get(path);
    return { status: response.status, html: await response.text(), location: response.headers.get("location") };
  }

  async post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
    const response = await this.request(path, { method: "POST", body, headers });
    return { status: response.status, html: await response.text(), location: response.headers.get("location") };
  }

  async signIn(email: string, password = "circle-of-practice") {
    const result = await this.post("/login", { email, password, redirectTo: "/" });
    if (result.status !== 302) throw new Error(`sign-in failed for ${email}: ${result.status}`);
    return result;
  }
}

/** React splits text around expressions with comments; tests read the text as a person would. */
export const visibleText = (html: string): string =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
