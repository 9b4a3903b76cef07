// The resources library's vocabulary and the pure parts of its search: what a resource may be,
// who it is for, how tags and a search box's words are read, and how a highlighted excerpt is
// split for display. The queries (FTS5 or PostgreSQL full-text) are in db/queries/resources.ts.
import type { ResourceKind, ResourceVisibility } from "../../db/schema";

export const resourceKinds: ResourceKind[] = ["practice", "tool", "reading", "video"];
export const resourceKindNames: Record<ResourceKind, string> = { practice: "Practice", tool: "Tool", reading: "Reading", video: "Video" };

export const resourceAudiences = ["everyone", "educators", "school and district leaders", "early years", "child and youth care"] as const;
export const resourceAudienceNames: Record<(typeof resourceAudiences)[number], string> = {
  everyone: "Everyone",
  educators: "Educators",
  "school and district leaders": "School and district leaders",
  "early years": "Early years",
  "child and youth care": "Child and youth care",
};

export const resourceVisibilityNames: Record<ResourceVisibility, string> = { public: "Public", members: "Members only" };

/** An uploaded PDF's largest size. */
export const maxResourcePdfBytes = 10 * 1024 * 1024;

/** Tags as typed ("deep listening, check-in") become lower-case words joined by hyphens, at most 12. */
export function parseTags(typed: string): string[] {
  const tags = typed
    .split(/[,;\n]/)
    .map((t) => t.normalize("NFKC").trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 40))
    .filter(Boolean);
  return [...new Set(tags)].slice(0, 12);
}

/** The words of a search box, letters and digits only (no query syntax reaches either engine), at most 12. */
export function searchTerms(typed: string): string[] {
  return [...new Set(typed.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 12);
}

/** FTS5: every word as a quoted prefix ("listen"* "deep"*), all required. */
export const fts5Query = (terms: string[]): string => terms.map((t) => `"${t}"*`).join(" ");

/** PostgreSQL to_tsquery: every word as a prefix, all required (listen:* & deep:*). */
export const tsQuery = (terms: string[]): string => terms.map((t) => `${t}:*`).join(" & ");

/** The markers either engine puts around a match; characters a form never keeps (see stripMarks). */
export const markStart = "\u0002";
export const markEnd = "\u0003";

/** Removes the match markers (and other control characters but tab and newline) from typed text. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
export const stripMarks = (text: string): string => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");

export interface Segment {
  text: string;
  match: boolean;
}

/** Splits an engine's highlighted text into plain and matched runs, to render matches as <mark>. */
export function highlightSegments(marked: string): Segment[] {
  const segments: Segment[] = [];
  let match = false;
  let text = "";
  for (const ch of marked) {
    if (ch === markStart || ch === markEnd) {
      if (text) segments.push({ text, match });
      text = "";
      match = ch === markStart;
    } else text += ch;
  }
  if (text) segments.push({ text, match });
  return segments;
}

/** Markdown reduced to its words, for an excerpt (links keep their text, markup goes). */
export const plainText = (markdown: string): string =>
  markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~|]+/g, "")
    .replace(/(^|\s)[-+](?=\s)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
