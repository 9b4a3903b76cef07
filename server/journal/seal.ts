// Sealing with AES-256-GCM (Node's crypto): a random 12-byte nonce, the 16-byte tag, the
// ciphertext, as one base64 string. What a sealed value belongs to (whose key, which entry) is
// bound in as associated data, so a sealed value moved to another row or person does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

export const keyBytes = 32;

export function seal(key: Buffer, plaintext: Buffer, boundTo: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64");
}

/** Opens a sealed value; throws when the key, the binding or any byte is wrong. */
export function open(key: Buffer, sealed: string, boundTo: string): Buffer {
  const bytes = Buffer.from(sealed, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(boundTo, "utf8"));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
}

/** A key's public name: enough to tell keys apart, nothing about the key. */
export const fingerprint = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 16);
