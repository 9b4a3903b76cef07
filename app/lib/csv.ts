// CSV downloads: every cell quoted, formulas defused, a UTF-8 byte-order mark first so that
// spreadsheet programs read accents, CRLF line ends.

export const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  // Quote, and keep spreadsheet programs from reading a cell as a formula.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

export function csvResponse(lines: unknown[][], fileName: string): Response {
  return new Response(`\uFEFF${lines.map((l) => l.map(csvCell).join(",")).join("\r\n")}\r\n`, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
  });
}
