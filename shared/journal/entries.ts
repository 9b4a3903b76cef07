// The reflective journal's pure rules: what an entry holds and how long it may be, the prompts
// written for the platform (by CSL domain), search within one's own entries, and the Markdown
// export. Storage and sealing are the server's (server/journal/).
import { z } from "zod";
import { domainIds, domains, type DomainId } from "../domains";

/** The longest entry, in characters (any characters: every script, emoji, line breaks). */
export const maxEntryChars = 20_000;

export interface EntryContent {
  /** The day it is about, YYYY-MM-DD. */
  date: string;
  domain: DomainId | null;
  prompt: string | null;
  text: string;
}

export interface JournalEntry extends EntryContent {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export const entryForm = z.object({
  date: z.iso.date("Choose the day this entry is about."),
  domain: z.enum(["", ...domainIds]).transform((d) => (d === "" ? null : (d as DomainId))),
  prompt: z
    .string()
    .max(500, "A prompt is at most 500 characters.")
    .transform((p) => p.trim() || null),
  text: z
    .string()
    .refine((t) => t.trim().length > 0, "Write something first: an entry cannot be empty.")
    .refine((t) => [...t].length <= maxEntryChars, `An entry is at most ${maxEntryChars.toLocaleString("en-CA")} characters.`),
});

/** Reflection prompts by domain, written for the platform. */
export const prompts: Record<DomainId, string[]> = {
  self: [
    "What did you notice in yourself today?",
    "Where in your body did you feel today's most difficult moment?",
    "What were you carrying when you arrived today, and what did you set down?",
    "When did you act from habit today, and when by choice?",
  ],
  "each-other": [
    "Whom did you really listen to today? What did you hear beneath their words?",
    "Which conversation would you like to have again, and what would you bring to it?",
    "When did you feel most connected to a colleague or a young person this week?",
    "What assumption about someone did you notice, and how might you test it?",
  ],
  system: [
    "What pattern showed up again this week, and what might keep it in place?",
    "Whose voice is missing from how this problem is being understood?",
    "Where is a quick fix tempting you, and what might it cost later?",
    "What would change if you looked at this from a student's place in the system?",
  ],
};

/** A prompt for a domain, the same one all day (so a reload does not change it). */
export function promptOfTheDay(domain: DomainId, day: string): string {
  const list = prompts[domain];
  const n = [...day].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  return list[n % list.length];
}

/** Folds case and accents, so "reflexion" finds "Réflexion". */
const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase("en-CA");

/** Entries holding every word of the query (in the text, the prompt or the domain), newest first. */
export function searchEntries(entries: JournalEntry[], query: string): JournalEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const sorted = newestFirst(entries);
  if (words.length === 0) return sorted;
  return sorted.filter((e) => {
    const haystack = fold(`${e.text}\n${e.prompt ?? ""}\n${e.domain ? domains[e.domain].label : ""}`);
    return words.every((w) => haystack.includes(w));
  });
}

export const newestFirst = (entries: JournalEntry[]) => [...entries].sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt));

/** The whole journal as one Markdown file, oldest first (as a notebook reads). */
export function journalMarkdown(name: string, entries: JournalEntry[]): string {
  const parts = [`# ${name}'s reflective journal`, "", `Exported from CSL Commons. ${entries.length} ${entries.length === 1 ? "entry" : "entries"}.`, ""];
  for (const e of [...newestFirst(entries)].reverse()) {
    parts.push(`## ${e.date}${e.domain ? ` · ${domains[e.domain].label}` : ""}`, "");
    if (e.prompt) parts.push(`> ${e.prompt.replace(/\n/g, "\n> ")}`, "");
    parts.push(e.text.trim(), "");
  }
  return parts.join("\n");
}
