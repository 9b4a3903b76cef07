// Starts (and stops) the whole platform in this process: database, HTTP app, Socket.io,
// the reserved Yjs upgrade path and the background jobs. Used by server/main.ts and tests.
import http from "node:http";
import type { Duplex } from "node:stream";
import { sendCheckinReminders } from "./jobs/checkinReminders";
import { lapseRequests } from "./jobs/lapsedRequests";
import { inviteToSurveys } from "./jobs/surveyInvitations";
import { passOnLapsedOffers, sendEventReminders } from "./jobs/eventJobs";
import { sendMeetingReminders } from "./meetingNotices";
import type { Config } from "./config";
import { createHttpApp } from "./http/app";
import type { Logger } from "./logger";
import { attachSocketIo, type IoServer } from "./realtime/io";
import type { RoomRegistryOptions } from "./rooms/registry";
import type { RoomRegistry } from "./rooms/registry";
import { createServices, type Services } from "./services";
import { deleteExpiredSessions } from "./auth/sessions";
import { reconcileZoneRules } from "../db/queries/zoneRules";
import { zoneDatabase } from "../shared/timezones";
import { checkDeployment } from "./deploymentChecks";
import { seedDemoNetwork, type SeedResult } from "../db/seed";
import { defaultYjsOptions, YjsEndpoint, yjsPrefix, type YjsOptions } from "./yjs/endpoint";

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  io: IoServer;
  rooms: RoomRegistry;
  yjs: YjsEndpoint;
  seeded: SeedResult | null;
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  log: Logger;
  /** PostgreSQL only: run in this schema (tests). */
  databaseSchema?: string;
  /** Tests only: delay every database answer (db/connect.ts). */
  databaseLatencyMs?: number;
  /** Benchmarks only: SQLite's synchronous setting (db/connect.ts). */
  databaseSynchronous?: "full" | "normal";
  /** Live-room timings (tests shorten them). */
  roomOptions?: RoomRegistryOptions;
  /** The deployment start (`npm run serve`): refuse to run without PUBLIC_URL or with demo passwords. */
  deployment?: boolean;
  /** Canvas endpoint limits (tests and benchmarks lower them). */
  yjsOptions?: Partial<YjsOptions>;
}

export async function startServer({ config, log, databaseSchema, databaseLatencyMs, databaseSynchronous, roomOptions, yjsOptions, deployment }: StartOptions): Promise<RunningServer> {
  const services = await createServices(config, log, { schema: databaseSchema, latencyMs: databaseLatencyMs, synchronous: databaseSynchronous });
  const seeded = config.seedDemo ? await seedDemoNetwork(services.db, { onlyIfEmpty: true }) : null;
  if (deployment) await checkDeployment(config, services.db).catch(async (error: unknown) => {
    await services.db.destroy();
    throw error;
  });
  log.info({ tzdata: zoneDatabase().version }, "time-zone rules");
  for (const change of await reconcileZoneRules(services.db)) log.info(change, "time-zone rules changed: upcoming meetings whose time moved are published again");

  const httpServer = http.createServer();
  const realtime = await attachSocketIo(httpServer, services, services.cluster, roomOptions);
  const { io } = realtime;
  let yjsEndpoint: YjsEndpoint | null = null;
  const { app, close: closeApp } = await createHttpApp(services, httpServer, () =>
    yjsEndpoint ? { socketConnections: () => io.engine.clientsCount, roomsResident: () => realtime.rooms.size, canvases: () => yjsEndpoint!.resident } : null,
  );
  // Socket.io handles its own path (long-polling included); Express must never answer it too.
  httpServer.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!req.url?.startsWith("/socket.io/")) app(req, res);
  });
  const yjs = new YjsEndpoint(services, { ...defaultYjsOptions, ...yjsOptions });
  await yjs.start();
  yjsEndpoint = yjs;
  services.access.listen((change) => yjs.accessChanged(change));
  services.canvasEdits.handle(yjs);
  httpServer.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = req.url ?? "";
    if (url.startsWith(yjsPrefix)) {
      yjs.handleUpgrade(req, socket, head);
    } else if (!url.startsWith("/socket.io/") && config.NODE_ENV !== "development") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    }
  });
  httpServer.headersTimeout = 30_000;
  httpServer.requestTimeout = 60_000;

  const checkins = () => {
    void sendCheckinReminders(services).catch((err) => log.error({ err }, "check-in reminders failed"));
    void lapseRequests(services).catch((err) => log.error({ err }, "lapsing mentorship requests failed"));
    void inviteToSurveys(services).catch((err) => log.error({ err }, "survey invitations failed"));
  };
  const meetingReminders = () => {
    void sendMeetingReminders(services).catch((err) => log.error({ err }, "meeting reminders failed"));
    void sendEventReminders(services).catch((err) => log.error({ err }, "event reminders failed"));
  };
  const jobs = [
    setInterval(() => void services.mailer.retryUnsent().catch((err) => log.error({ err }, "outbox retry failed")), 60_000),
    setInterval(() => void deleteExpiredSessions(services.db).catch((err) => log.error({ err }, "session cleanup failed")), 60 * 60_000),
    setInterval(() => void services.throttle.forgetStale().catch((err) => log.error({ err }, "throttle cleanup failed")), 60 * 60_000),
    setInterval(checkins, 60 * 60_000),
    setInterval(meetingReminders, 10 * 60_000),
    setInterval(() => void passOnLapsedOffers(services).catch((err) => log.error({ err }, "passing on lapsed event offers failed")), 60_000),
  ];
  // Reminders also run soon after a start: a server restarted every hour would otherwise never send them.
  const firstRun = setTimeout(() => {
    checkins();
    meetingReminders();
  }, 5_000);
  jobs.push(firstRun as unknown as NodeJS.Timeout);
  for (const job of jobs) job.unref();

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  services.listeningOn(port);
  services.newsletters?.start();

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      for (const job of jobs) clearInterval(job);
      clearTimeout(firstRun);
      await services.newsletters?.stop();
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await yjs.close();
      await realtime.close();
      httpServer.closeIdleConnections();
      const force = setTimeout(() => httpServer.closeAllConnections(), 5000);
      await stopped;
      clearTimeout(force);
      await closeApp();
      services.mailer.close();
      await services.cpu.close();
      await services.cluster?.close();
      await services.db.destroy();
      log.info("stopped");
    })();
    return closing;
  };

  return { url: `http://127.0.0.1:${port}`, port, services, io, rooms: realtime.rooms, yjs, seeded, close };
}
