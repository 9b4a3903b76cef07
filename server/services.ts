// The long-lived parts of a running platform, made once and handed to routes (through the
// load context), socket handlers and jobs. Nothing else opens a database or a mailer.
import type { DB, Dialect, RawDatabase } from "../db/connect";
import { migrateToLatest, openDatabase, type OpenOptions } from "../db/connect";
import { AccessEvents } from "./accessEvents";
import { Cluster, defaultClusterOptions } from "./cluster/cluster";
import { relayAccessChanges } from "./cluster/relays";
import { CanvasEdits } from "./canvasEdits";
import { createThrottle, type Throttle } from "./auth/throttle";
import type { Config } from "./config";
import type { Logger } from "./logger";
import { createMailer, type Mailer } from "./mail/outbox";
import { CpuPool } from "./cpu/pool";
import { NewsletterSender, defaultSenderOptions } from "./mail/newsletterSender";
import { Journal } from "./journal/journal";
import { loadServerKeys } from "./journal/serverKeys";

export interface Services {
  config: Config;
  log: Logger;
  db: DB;
  dialect: Dialect;
  /** The driver's handle; only the newsletter sender's mark uses it (decision 0014). */
  raw: RawDatabase;
  mailer: Mailer;
  throttle: Throttle;
  access: AccessEvents;
  canvasEdits: CanvasEdits;
  /** Sends newsletters from their outbox (with SMTP_URL; without it copies stay queued). */
  newsletters: NewsletterSender | null;
  /** Worker threads for CPU-heavy work (loop searches, map imports), off the main thread. */
  cpu: CpuPool;
  /** Each person's reflective journal, sealed at rest (only its author reads it). */
  journal: Journal;
  /** Multi-node mode (REDIS_URL): the other nodes, through Redis; null on one node. */
  cluster: Cluster | null;
  /**
   * The public origin for links in emails and calendars: PUBLIC_URL, or (for local and demo
   * starts) this server's own address. Never a request's Host header, which anyone can forge.
   */
  origin(): string;
  /** Tells the services the port the server listens on. */
  listeningOn(port: number): void;
}

export async function createServices(config: Config, log: Logger, database: OpenOptions = {}): Promise<Services> {
  const { db, dialect, raw } = openDatabase(config.DATABASE_URL, database);
  try {
    const { results } = await migrateToLatest(db, database.schema);
    for (const migration of results ?? []) log.info({ migration: migration.migrationName, status: migration.status }, "migration");
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let cluster: Cluster | null = null;
  if (config.REDIS_URL) {
    try {
      cluster = await Cluster.connect({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX, ...defaultClusterOptions }, log);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  const mailer = createMailer({ db, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, log: log.child({ module: "mail" }) });
  let ownOrigin = localOrigin(config.HOST, config.PORT);
  const services: Services = {
    config,
    log,
    db,
    dialect,
    raw,
    mailer,
    throttle: createThrottle(db),
    access: new AccessEvents(),
    canvasEdits: new CanvasEdits(),
    cpu: new CpuPool(log.child({ module: "cpu" })),
    cluster,
    journal: new Journal(db, loadServerKeys(config)),
    origin: () => config.PUBLIC_URL?.replace(/\/$/, "") ?? ownOrigin,
    listeningOn: (port) => (ownOrigin = localOrigin(config.HOST, port)),
    newsletters: null,
  };
  if (cluster) await relayAccessChanges(cluster, services.access, log);
  if (config.SMTP_URL) {
    services.newsletters = new NewsletterSender(services, config.SMTP_URL, {
      ...defaultSenderOptions,
      ratePerSecond: config.NEWSLETTER_RATE,
      connections: config.NEWSLETTER_CONNECTIONS,
      retryBaseMs: config.NEWSLETTER_RETRY_SECONDS * 1000,
      leaseMs: config.NEWSLETTER_LEASE_SECONDS * 1000,
    });
  }
  return services;
}

const localOrigin = (host: string, port: number) => `http://${host === "0.0.0.0" || host === "::" ? "localhost" : host}:${port}`;
