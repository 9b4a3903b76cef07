// The ordered list of migrations. A new migration is a new file added at the end here.
import type { Migration } from "kysely";
import * as foundation from "./0001_foundation";

export const migrations: Record<string, Migration> = {
  "0001_foundation": foundation,
};
