// Reading a spreadsheet of contacts: each row through the coordinator's mapping of columns to
// fields, checked: every problem with its row and column, nothing half-read.
import { z } from "zod";

export const importFields = ["name", "firstName", "lastName", "email", "organization", "role", "region", "tags", "notes"] as const;
export type ImportField = (typeof importFields)[number];
export const importFieldNames: Record<ImportField, string> = {
  name: "Name",
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  organization: "Organization",
  role: "Role",
  region: "Region",
  tags: "Tags",
  notes: "Notes",
};

/** Which column holds each field: guessed from the header, changed by the coordinator. */
export type Mapping = Partial<Record<ImportField, number>>;

const guesses: Record<ImportField, RegExp> = {
  name: /^(full ?name|name|contact)$/i,
  // Mailchimp, Google Contacts and Outlook split names in two.
  firstName: /^(first ?name|given name|prénom)$/i,
  lastName: /^(last ?name|family name|surname|nom( de famille)?)$/i,
  // "E-mail 1 - Value" is Google Contacts' column.
  email: /^(e-?mail( address)?|e-?mail 1 - value|courriel)$/i,
  organization: /^(organi[sz]ation|district|school|employer)$/i,
  role: /^(role|title|position|job title)$/i,
  region: /^(region|area)$/i,
  tags: /^(tags?|groups?|labels?|group membership)$/i,
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
  if (mapping.name === undefined && mapping.firstName === undefined && mapping.lastName === undefined) problems.push({ row: 1, column: "—", problem: "Choose the column that holds the name (or the first and last names)." });
  if (mapping.email === undefined) problems.push({ row: 1, column: "—", problem: "Choose the column that holds the email." });
  if (problems.length) return { contacts, problems };
  const seen = new Map<string, number>();
  const columnName = (field: ImportField) => (mapping[field] === undefined ? importFieldNames[field] : (header[mapping[field]!] ?? importFieldNames[field]));
  rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === "")) return;
    const cell = (field: ImportField) => (mapping[field] === undefined ? "" : (cells[mapping[field]!] ?? "").trim());
    const before = problems.length;
    const name = cell("name") || [cell("firstName"), cell("lastName")].filter(Boolean).join(" ");
    const address = cell("email").toLowerCase();
    const nameColumn = columnName(mapping.name !== undefined ? "name" : mapping.firstName !== undefined ? "firstName" : "lastName");
    if (!name) problems.push({ row, column: nameColumn, problem: "No name." });
    else if (name.length > 120) problems.push({ row, column: nameColumn, problem: "A name of at most 120 characters." });
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
      // Mailchimp writes each tag in quotes inside the cell: "Tag one","Tag two".
      tags: cell("tags")
        .split(/[,;]/)
        .map((t) => t.trim().replace(/^"+|"+$/g, "").trim())
        .filter(Boolean),
      notes: cell("notes") || null,
    });
  });
  return { contacts, problems };
}
