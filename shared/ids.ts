// Random identifiers and secrets from Web Crypto: 24 characters of a 32-letter alphabet
// (120 bits), as in the Lucia reference session code. Works in Node and in browsers.
const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

export function randomString(length = 24): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const byte of bytes) out += alphabet[byte >> 3];
  return out;
}

export const newId = (): string => randomString(16);
