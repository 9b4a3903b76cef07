// A spreadsheet file's bytes as text: UTF-8 (a byte-order mark dropped) when they read as UTF-8,
// else Windows-1252, as Excel on Windows saves "CSV (Comma delimited)". Server side only.
import iconv from "iconv-lite";

/** The file's text: UTF-8 (a byte-order mark dropped) when it reads as UTF-8, else Windows-1252. */
export function decodeSpreadsheet(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    // iconv-lite, not TextDecoder: Node decodes "windows-1252" as Latin-1, losing – “ ” € and the rest of 0x80-0x9F.
    return { text: iconv.decode(Buffer.from(body), "windows-1252"), encoding: "windows-1252" };
  }
}
