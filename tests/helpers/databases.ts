// Real databases for tests: a fresh SQLite file each time, and PostgreSQL (a throwaway
// schema) when TEST_DATABASE_URL is set.
import fs from "node:fs";
import path from "node:path";
import { Migrator, sql } from "kysely";
import { migrations } from "../../db/migrations";
import { migrateToLatest, openDatabase, type DB, type Dialect } from "../../db/connect";
import { randomString } from "../../shared/ids";

export const tmpDir = path.resolve("tests/.tmp");

export interface TestDatabase {
  db: DB;
  dialect: Dialect;
  /** A DATABASE_URL (plus schema) that opens the same database from a server. */
  url: string;
  schema?: string;
  close(): Promise<void>;
}

export function sqliteFile(): string {
  fs.mkdirSync(tmpDir, { recursive: true });
  return path.join(tmpDir, `${randomString(10)}.sqlite`);
}

/** Migrates up to and including the named migration (to build data as an older version stored it). */
async function migrateUpTo(db: DB, name: string, schema?: string): Promise<void> {
  const result = await new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateTo(name);
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
}

export async function openTestDatabase(dialect: Dialect, options: { upTo?: string } = {}): Promise<TestDatabase> {
  const migrate = (db: DB, schema?: string) => (options.upTo ? migrateUpTo(db, options.upTo, schema) : migrateToLatest(db, schema).then(() => undefined));
  if (dialect === "sqlite") {
    const file = sqliteFile();
    const { db } = openDatabase(file);
    await migrate(db);
    return {
      db,
      dialect,
      url: file,
      async close() {
        await db.destroy();
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  const schema = `test_${randomString(10)}`;
  const admin = openDatabase(url).db;
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  const { db } = openDatabase(url, { schema });
  await migrate(db, schema);
  return {
    db,
    dialect,
    url,
    schema,
    async close() {
      await db.destroy();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    },
  };
}

/** The dialects to run data-layer tests on: SQLite always, PostgreSQL when configured. */
export const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
