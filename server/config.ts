// Configuration comes from environment variables only, validated once at start-up.
// Defaults are chosen so that `npm start` on a fresh clone just works.
import path from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .min(1)
    .refine(
      (url) => url.startsWith("postgres://") || url.startsWith("postgresql://") || url.startsWith("file:") || !url.includes("://"),
      "must be a postgres:// URL, a file: URL or a path to a SQLite file",
    )
    .default("./data/csl-commons.sqlite"),
  /** PostgreSQL only: the schema to use (several deployments, or test runs, in one database); the server's default search path when unset. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case PostgreSQL identifier")
    .optional(),
  SMTP_URL: z
    .string()
    .refine((url) => url.startsWith("smtp://") || url.startsWith("smtps://"), "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).default("CSL Commons <no-reply@csl-commons.local>"),
  /** Newsletter copies per second, per node. */
  NEWSLETTER_RATE: z.coerce.number().positive().max(10_000).default(10),
  /** SMTP connections a node's newsletter sender uses at once. */
  NEWSLETTER_CONNECTIONS: z.coerce.number().int().min(1).max(20).default(2),
  /** The first retry's wait after a mail server's transient refusal (each later one doubles). */
  NEWSLETTER_RETRY_SECONDS: z.coerce.number().positive().max(86_400).default(60),
  /** How long a sender holds the copies it claimed: a node that dies lets them go after this. */
  NEWSLETTER_LEASE_SECONDS: z.coerce.number().positive().max(3_600).default(60),
  /** Where uploaded files are kept (the resources library's PDFs); beside a SQLite file by default, else ./data/files. */
  FILES_DIR: z.string().min(1).optional(),
  PUBLIC_URL: z.url().optional(),
  /** The server key that seals every journal key (base64 of 32 bytes); unset, one is generated into JOURNAL_KEY_FILE. */
  JOURNAL_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes in base64 (openssl rand -base64 32)")
    .optional(),
  /** Server keys being rotated away from, comma-separated: journal keys sealed with them are still opened, and resealed. */
  JOURNAL_KEYS_PREVIOUS: z
    .string()
    .refine((v) => v.split(",").every((k) => Buffer.from(k.trim(), "base64").length === 32), "must be 32-byte keys in base64, comma-separated")
    .optional(),
  /** Where a generated journal server key is kept when JOURNAL_KEY is unset (never in the database). */
  JOURNAL_KEY_FILE: z.string().min(1).optional(),
  /** Turns on multi-node mode (docs/decisions/0017-several-nodes.md): nodes share rooms, canvases and revocations through it. */
  REDIS_URL: z
    .string()
    .refine((url) => url.startsWith("redis://") || url.startsWith("rediss://"), "must be a redis:// or rediss:// URL")
    .optional(),
  /** Prefix of every Redis key and channel, so that two deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,40}$/, "must be 1 to 40 letters, digits or . : _ -")
    .default("csl:"),
  /** The bearer token /metrics asks for; unset, only requests from the node's own machine (not proxied) may read it. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  OPEN_SIGNUP: booleanFlag.default(false),
  SEED_DEMO: booleanFlag.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+|[\w.:/, -]+)$/, "must be true, false, a hop count, or addresses and names such as loopback, 10.0.0.0/8")
    .default("loopback"),
});

export type Config = z.infer<typeof configSchema> & {
  /** Whether cookies get the Secure flag: only over https. */
  secureCookies: boolean;
  /** The demo network is seeded on an empty database unless this is false. */
  seedDemo: boolean;
  /** Express's `trust proxy` setting read from TRUST_PROXY. */
  trustProxy: boolean | number | string;
  /** FILES_DIR, or its default. */
  filesDir: string;
  /** JOURNAL_KEY_FILE, or its default: beside the database (the folder FILES_DIR is in, by default). */
  journalKeyFile: string;
};

export class ConfigError extends Error {}

/** Reads the configuration; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? "environment");
    throw new ConfigError(`Invalid ${name}=${JSON.stringify(present[name] ?? "")}: ${issue.message}`);
  }
  const config = parsed.data;
  if (config.REDIS_URL && !/^postgres(ql)?:\/\//.test(config.DATABASE_URL)) {
    throw new ConfigError("Invalid REDIS_URL: several nodes share one PostgreSQL database, so REDIS_URL needs DATABASE_URL=postgres://…");
  }
  return {
    ...config,
    secureCookies: config.NODE_ENV === "production" && (config.PUBLIC_URL?.startsWith("https://") ?? false),
    seedDemo: config.SEED_DEMO ?? config.NODE_ENV !== "production",
    trustProxy: trustProxySetting(config.TRUST_PROXY),
    filesDir: path.resolve(config.FILES_DIR ?? filesBeside(config.DATABASE_URL)),
    journalKeyFile: path.resolve(config.JOURNAL_KEY_FILE ?? path.join(path.dirname(filesBeside(config.DATABASE_URL)), "journal.key")),
  };
}

/** "true"/"false", a number of hops, or Express's list of trusted addresses ("loopback, 10.0.0.0/8"). */
function trustProxySetting(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Uploaded files live beside the SQLite database (one folder to back up); PostgreSQL deployments get ./data/files. */
function filesBeside(databaseUrl: string): string {
  if (databaseUrl.startsWith("postgres://") || databaseUrl.startsWith("postgresql://")) return "./data/files";
  const file = databaseUrl.startsWith("file:") ? databaseUrl.slice("file:".length).replace(/\?.*$/, "") : databaseUrl;
  return path.join(path.dirname(file), "files");
}
