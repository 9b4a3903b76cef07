// Unsubscribe links name one newsletter copy (and so its recipient and the list) by a token signed
// with a key the server makes for itself on first use and keeps in the database (every node shares
// it): `<copy id>.<HMAC-SHA256>`. A forged token fails its signature before anything is looked up.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { DB } from "../../db/connect";
import { nowIso } from "../../db/time";

const keys = new WeakMap<DB, Promise<Buffer>>();

/** The signing key, made once (two nodes making it at once keep the first). */
export function unsubscribeKey(db: DB): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      await db.insertInto("server_keys").values({ name: "unsubscribe", secret: randomBytes(32).toString("hex"), created_at: nowIso() }).onConflict((oc) => oc.column("name").doNothing()).execute();
      const row = await db.selectFrom("server_keys").select("secret").where("name", "=", "unsubscribe").executeTakeFirstOrThrow();
      return Buffer.from(row.secret, "hex");
    })();
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

const signatureOf = (key: Buffer, copyId: string) => createHmac("sha256", key).update(`unsubscribe:${copyId}`).digest("base64url");

export const unsubscribeToken = (key: Buffer, copyId: string) => `${copyId}.${signatureOf(key, copyId)}`;

/** The copy a token names, or null when it is not one we signed. */
export function readUnsubscribeToken(key: Buffer, token: string): string | null {
  const match = /^([a-z2-9]{16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(signatureOf(key, match[1]));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1] : null;
}
