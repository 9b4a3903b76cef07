// The journal's server keys: the current one seals every person's journal key; earlier ones (during
// a rotation) still open what they sealed. The current key comes from JOURNAL_KEY, or, for a demo or
// a single machine, from a file generated on first start (JOURNAL_KEY_FILE, beside the database and
// never in it): a copy of the database alone opens nothing.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Config } from "../config";
import { fingerprint, keyBytes } from "./seal";

export interface ServerKey {
  id: string;
  key: Buffer;
}

export interface ServerKeys {
  current: ServerKey;
  byId: Map<string, ServerKey>;
}

const named = (key: Buffer): ServerKey => ({ id: fingerprint(key), key });

export function loadServerKeys(config: Pick<Config, "JOURNAL_KEY" | "JOURNAL_KEYS_PREVIOUS" | "journalKeyFile">): ServerKeys {
  const current = named(config.JOURNAL_KEY ? Buffer.from(config.JOURNAL_KEY, "base64") : keyFromFile(config.journalKeyFile));
  const previous = (config.JOURNAL_KEYS_PREVIOUS ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => named(Buffer.from(k, "base64")));
  return { current, byId: new Map([...previous, current].map((k) => [k.id, k])) };
}

function keyFromFile(file: string): Buffer {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // "wx": two processes starting together do not both write one.
    try {
      fs.writeFileSync(file, `${randomBytes(keyBytes).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== keyBytes) throw new Error(`${file} does not hold a 32-byte key in base64`);
  return key;
}
