// Opens the database named by DATABASE_URL: a SQLite file (default) or PostgreSQL.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type KyselyPlugin,
  type MigrationResultSet,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import pg from "pg";
import { migrations } from "./migrations";
import type { Database } from "./schema";

export type DB = Kysely<Database>;
export type Dialect = "sqlite" | "postgres";

/**
 * The driver's own handle beside Kysely, for the one place that must control exactly when a commit
 * is written (the newsletter sender's mark, decision 0014). Nothing else uses it.
 */
export type RawDatabase = { dialect: "postgres"; pool: pg.Pool } | { dialect: "sqlite"; sqlite: SQLite.Database };

export interface OpenedDatabase {
  db: DB;
  dialect: Dialect;
  raw: RawDatabase;
}

export function isPostgresUrl(url: string): boolean {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

export interface OpenOptions {
  /** PostgreSQL only: the schema to use (tests isolate themselves this way). */
  schema?: string;
  /**
   * Tests only: every query answers this much later, so that races which SQLite's synchronous
   * driver hides (every await resolves at once) really interleave.
   */
  latencyMs?: number;
  /**
   * SQLite only; benchmarks only: "normal" measures what the FULL default costs (bench:canvas).
   * The platform always runs FULL (decision 0008).
   */
  synchronous?: "full" | "normal";
}

/** Delays every query's answer (see OpenOptions.latencyMs). */
class Latency implements KyselyPlugin {
  constructor(private readonly ms: number) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    await new Promise((resolve) => setTimeout(resolve, this.ms));
    return args.result;
  }
}

const plugins = (options: OpenOptions): KyselyPlugin[] => (options.latencyMs ? [new Latency(options.latencyMs)] : []);

export function openDatabase(url: string, options: OpenOptions = {}): OpenedDatabase {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: plugins(options) }), dialect: "postgres", raw: { dialect: "postgres", pool } };
  }
  const file = url.startsWith("file:") ? url.slice("file:".length) : url;
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // FULL: every commit reaches the disk before it returns, so nothing acknowledged (a canvas
  // update already broadcast, a room change already shown) is lost on power loss; NORMAL in WAL
  // mode survives a crash of the process but may lose the last commits on power loss (decision 0008).
  sqlite.pragma(`synchronous = ${options.synchronous === "normal" ? "NORMAL" : "FULL"}`);
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins: plugins(options) }), dialect: "sqlite", raw: { dialect: "sqlite", sqlite } };
}

/**
 * Runs every migration not yet run. On PostgreSQL in a schema of its own, name it: Kysely looks for
 * its bookkeeping tables across every schema otherwise, and would take another schema's for its own.
 */
export async function migrateToLatest(db: DB, schema?: string): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
