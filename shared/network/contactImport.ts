// Reading a spreadsheet of contacts: the file's bytes as text (UTF-8, UTF-8 with a byte-order mark,
// or Windows-1252 as Excel saves it), then each row through the coordinator's mapping of columns to
// fields, checked: every problem with its row and column, nothing half-read.
import { z } from "zod";

export const importFields = ["name", "email", "organization", "role", "region", "tags", "notes"] as const;
export type ImportField = (typeof importFields)[number];
export const importFieldNames: Record<ImportField, string> = {
  name: "Name",
  email: "Email",
  organization: "Organization",
  role: "Role",
  region: "Region",
  tags: "Tags",
  notes: "Notes",
};

/** The file's text: UTF-8 (a byte-order mark dropped) when it reads as UTF-8, else Windows-1252. */
export function decodeSpreadsheet(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(body), encoding: "windows-1252" };
  }
}

/** Which column holds each field: guessed from the header, changed by the coordinator. */
export type Mapping = Partial<Record<ImportField, number>>;

const guesses: Record<ImportField, RegExp> = {
  name: /^(full ?name|name|contact)$/i,
  email: /^(e-?mail( address)?|courriel)$/i,
  organization: /^(organi[sz]ation|district|school|employer)$/i,
  role: /^(role|title|position|job title)$/i,
  region: /^(region|area)$/i,
  tags: /^(tags?|groups?|labels?)$/i,
  notes: /^(notes?|comments?)$/i,
};

export function guessMapping(header: string[]): Mapping {
  const mapping: Mapping = {};
  for (const field of importFields) {
    const k = header.findIndex((h) => guesses[field].test(h.trim()));
    if (k !== -1) mapping[field] = k;
  }
  return mapping;
}

export interface ImportedContact {
  /** The file's row number (the header is row 1). */
  row: number;
  name: string;
  email: string;
  organization: string | null;
  role: string | null;
  region: string | null;
  tags: string[];
  notes: string | null;
}

export interface ImportProblem {
  row: number;
  column: string;
  problem: string;
}

const email = z.email();

/**
 * Every data row read through the mapping: the contacts that read, and every problem. A row whose
 * email an earlier row has is a problem too (a file should say each person once).
 */
export function readRows(header: string[], rows: string[][], mapping: Mapping, organizations: ReadonlySet<string>): { contacts: ImportedContact[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const contacts: ImportedContact[] = [];
  if (mapping.name === undefined) problems.push({ row: 1, column: "—", problem: "Choose the column that holds the name." });
  if (mapping.email === undefined) problems.push({ row: 1, column: "—", problem: "Choose the column that holds the email." });
  if (problems.length) return { contacts, problems };
  const seen = new Map<string, number>();
  const columnName = (field: ImportField) => header[mapping[field]!] ?? importFieldNames[field];
  rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === "")) return;
    const cell = (field: ImportField) => (mapping[field] === undefined ? "" : (cells[mapping[field]!] ?? "").trim());
    const before = problems.length;
    const name = cell("name");
    const address = cell("email").toLowerCase();
    if (!name) problems.push({ row, column: columnName("name"), problem: "No name." });
    else if (name.length > 120) problems.push({ row, column: columnName("name"), problem: "A name of at most 120 characters." });
    if (!address) problems.push({ row, column: columnName("email"), problem: "No email." });
    else if (!email.safeParse(address).success) problems.push({ row, column: columnName("email"), problem: `“${address.slice(0, 80)}” is not an email address.` });
    else if (seen.has(address)) problems.push({ row, column: columnName("email"), problem: `The same email as row ${seen.get(address)}.` });
    const organization = cell("organization");
    if (organization && !organizations.has(organization.toLowerCase())) problems.push({ row, column: columnName("organization"), problem: `No organization called “${organization.slice(0, 80)}” (add it first, or leave the cell empty).` });
    for (const field of ["role", "region", "notes"] as const) {
      if (cell(field).length > (field === "notes" ? 2000 : 120)) problems.push({ row, column: columnName(field), problem: "Too long." });
    }
    if (problems.length > before) return;
    seen.set(address, row);
    contacts.push({
      row,
      name,
      email: address,
      organization: organization || null,
      role: cell("role") || null,
      region: cell("region") || null,
      tags: cell("tags")
        .split(/[,;]/)
        .map((t) => t.trim())
        .filter(Boolean),
      notes: cell("notes") || null,
    });
  });
  return { contacts, problems };
}
