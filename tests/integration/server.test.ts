// The server as a process: Socket.io authentication, the reserved Yjs path, configuration
// errors, graceful shutdown, and the whole platform on PostgreSQL.
import { spawn } from "node:child_process";
import net from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/events";
import { newCanvas } from "../helpers/canvasClient";
import { sqliteFile } from "../helpers/databases";
import { startTestServer, visibleText, Visitor, type TestServer } from "../helpers/server";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function socketFor(url: string, cookie?: string): ClientSocket {
  return connect(url, { transports: ["websocket"], reconnection: false, extraHeaders: cookie ? { cookie } : {} });
}

function upgradeStatus(port: number, path: string, extraHeaders = ""): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extraHeaders}Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    });
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString();
      // An accepted upgrade stays open: its status line is the answer.
      if (received.includes("\r\n")) socket.destroy();
    });
    socket.on("close", () => resolve(received.split("\r\n")[0]));
    socket.on("error", reject);
  });
}

describe("a running server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a Socket.io connection without a session", async () => {
    const socket = socketFor(server.url);
    const error = await new Promise<Error>((resolve) => socket.on("connect_error", resolve));
    expect(error.message).toBe("unauthorized");
    socket.close();
  });

  it("welcomes a signed-in member's socket and answers its events", async () => {
    const sam = new Visitor(server.url);
    await sam.signIn("member@csl-commons.example");
    const socket = socketFor(server.url, sam.cookieHeader);
    const welcome = await new Promise((resolve) => socket.on("welcome", resolve));
    expect(welcome).toMatchObject({ name: "Sam Whitehorse" });
    const reply = await socket.emitWithAck("ping", {});
    expect(reply.ok).toBe(true);
    socket.close();
  });

  it("answers canvas upgrades only for a real canvas and a known person, and no other upgrade path", async () => {
    expect(await upgradeStatus(server.port, "/yjs/not-a-canvas")).toBe("HTTP/1.1 404 Not Found");
    expect(await upgradeStatus(server.port, "/yjs/abcdefghijkmnpqr")).toBe("HTTP/1.1 401 Unauthorized");
    expect(await upgradeStatus(server.port, "/elsewhere")).toBe("HTTP/1.1 404 Not Found");
  });

  it("refuses WebSocket upgrades that a page on another site opens with a member's cookie", async () => {
    const member = new Visitor(server.url);
    await member.signIn("member@csl-commons.example");
    const canvas = { id: await newCanvas(server.services.db, "provincial-community-of-practice", "daniel.okafor@csl-commons.example") };
    const cookie = `Cookie: ${member.cookieHeader}\r\n`;
    expect(await upgradeStatus(server.port, `/yjs/${canvas.id}`, `${cookie}Origin: https://evil.example\r\n`)).toBe("HTTP/1.1 403 Forbidden");
    expect(await upgradeStatus(server.port, `/yjs/${canvas.id}`, `${cookie}Origin: http://127.0.0.1:${server.port}\r\n`)).toBe("HTTP/1.1 101 Switching Protocols");
    expect(await upgradeStatus(server.port, "/socket.io/?EIO=4&transport=websocket", `${cookie}Origin: https://evil.example\r\n`)).toMatch(/^HTTP\/1.1 (400|403)/);
    expect(await upgradeStatus(server.port, "/socket.io/?EIO=4&transport=websocket", `${cookie}Origin: http://127.0.0.1:${server.port}\r\n`)).toBe("HTTP/1.1 101 Switching Protocols");
  });

  it("sends a Content-Security-Policy whose nonce is on every script of the page, and the other security headers", async () => {
    const response = await fetch(`${server.url}/login`);
    const policy = response.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("strict-transport-security")).toBeNull();
    const again = await fetch(`${server.url}/login`);
    expect(again.headers.get("content-security-policy")).not.toContain(nonce);
  });
});

describe("start-up and shutdown", () => {
  it("stops with one clear line naming a bad variable", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { env: { ...process.env, PORT: "not-a-port", NODE_ENV: "production" } });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^CSL Commons cannot start\. Invalid PORT="not-a-port"/);
  });

  it("the entry point serves, then exits cleanly on SIGTERM; the demo logins are shown on every start", async () => {
    const database = sqliteFile();
    for (const start of ["first", "second"]) {
      const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
        env: { ...process.env, PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production", DATABASE_URL: database, SEED_DEMO: "true", LOG_LEVEL: "warn" },
      });
      let stdout = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      await expect.poll(() => stdout, { timeout: 20_000 }).toContain("Demo logins:");
      expect(stdout, start).toContain("member@csl-commons.example");
      expect(stdout, start).toContain(start === "first" ? "A demo network was seeded." : "Demo logins:");
      const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });

  it("development mode (npm run dev, through Vite) serves every kind of page, the canvas editor included", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", NODE_ENV: "development", DATABASE_URL: sqliteFile(), SEED_DEMO: "true", LOG_LEVEL: "warn" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    try {
      await expect.poll(() => stdout, { timeout: 30_000 }).toMatch(/ready at http:\/\/[^/]+\/login/);
      const base = /ready at (http:\/\/[^/\s]+)\/login/.exec(stdout)![1].replace("localhost", "127.0.0.1");
      const daniel = new Visitor(base);
      await daniel.signIn("daniel.okafor@csl-commons.example");
      for (const path of ["/", "/communities", "/communities/provincial-community-of-practice", "/mentorship", "/settings"]) {
        expect((await daniel.page(path)).status, path).toBe(200);
      }
      const made = await daniel.post("/communities/provincial-community-of-practice", { intent: "new-canvas", title: "Dev map" });
      expect(made.location).toMatch(/^\/canvases\/[a-z2-9]{16}$/);
      expect((await daniel.page(made.location!)).status).toBe(200);
      expect(stderr).not.toContain("Error");
    } finally {
      const exited = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });

  it("shuts down gracefully: sockets closed, no new connections, database closed", async () => {
    const server = await startTestServer();
    const sam = new Visitor(server.url);
    await sam.signIn("member@csl-commons.example");
    const socket = socketFor(server.url, sam.cookieHeader);
    await new Promise((resolve) => socket.on("welcome", resolve));
    const disconnected = new Promise((resolve) => socket.on("disconnect", resolve));
    await server.stop();
    expect(await disconnected).toBeDefined();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    await expect(server.services.db.selectFrom("users").select("id").execute()).rejects.toThrow();
    socket.close();
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("the platform on PostgreSQL", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect: "postgres" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("migrates, seeds and serves a demo member's home page with the next meeting", async () => {
    expect(server.services.dialect).toBe("postgres");
    const sam = new Visitor(server.url);
    await sam.signIn("member@csl-commons.example");
    const home = visibleText((await sam.page("/")).html);
    expect(home).toContain("Provincial CoP circle");
    const members = visibleText((await sam.page("/communities/provincial-community-of-practice/members")).html);
    expect(members).toContain("Daniel Okafor");
    const href = /href="(\/meetings\/[a-z2-9]+\/\d{4}-\d{2}-\d{2})"/.exec((await sam.page("/communities/provincial-community-of-practice")).html)![1];
    expect((await sam.post(href, { intent: "rsvp", response: "yes" })).status).toBe(200);
    expect(visibleText((await sam.page(href)).html)).toContain("1 coming");
  });
});
