// CSV downloads: every cell quoted, a leading =, +, -, @, tab or return defused so spreadsheet
// programs never read a cell as a formula, CRLF line ends; whole-file downloads start with a UTF-8
// byte-order mark so that spreadsheet programs read accents.

/** A CSV field: quoted, quotes doubled, and formula starters neutralised for spreadsheets. */
export function csvField(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvResponse(lines: (string | number | null)[][], fileName: string): Response {
  return new Response(`\uFEFF${lines.map((l) => l.map(csvField).join(",")).join("\r\n")}\r\n`, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
  });
}
