// Database errors worth telling apart, the same on SQLite and PostgreSQL.

/** A unique constraint or index refused the row: someone else made it first. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
