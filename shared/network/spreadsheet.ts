// A spreadsheet of contacts read whole: its CSV rows (csv-parse: quotes, embedded commas and line
// breaks as spreadsheets write them), the mapping guessed or given, a preview, every sound row and
// a report of the problems (the first 50 listed, all counted). Pure: run off the main thread.
import { parse } from "csv-parse/sync";
import { guessMapping, importFields, readRows, type ImportedContact, type ImportProblem, type Mapping } from "./contactImport";

export interface SpreadsheetReading {
  header: string[];
  rowCount: number;
  preview: string[][];
  mapping: Mapping;
  contacts: ImportedContact[];
  problems: ImportProblem[];
  problemCount: number;
}

export const problemsListed = 50;

export function readSpreadsheet(text: string, given: Mapping | null, organizations: readonly string[]): SpreadsheetReading {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: false }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    const problem = { row: line, column: "—", problem: `The file is not a CSV spreadsheet this can read: ${(error as Error).message.replace(/^Invalid Record Length: |^Quote Not Closed: /, "").slice(0, 200)}` };
    return { header: [], rowCount: 0, preview: [], mapping: {}, contacts: [], problems: [problem], problemCount: 1 };
  }
  const [header = [], ...rows] = records;
  const mapping = given ?? guessMapping(header);
  // A column chosen that the file does not have is no column.
  for (const field of importFields) if (mapping[field] !== undefined && (mapping[field]! < 0 || mapping[field]! >= header.length)) delete mapping[field];
  const { contacts, problems } = readRows(header, rows, mapping, new Set(organizations.map((o) => o.toLowerCase())));
  return { header, rowCount: rows.length, preview: rows.slice(0, 5), mapping, contacts, problems: problems.slice(0, problemsListed), problemCount: problems.length };
}
