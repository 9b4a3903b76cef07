// Chat text shown safely: plain text, with http(s) addresses turned into links. Nothing in a
// message is ever rendered as HTML.
export type ChatSegment = { text: string; href?: undefined } | { text: string; href: string };

const urlPattern = /\bhttps?:\/\/[^\s<>"']+/gi;

export function linkSegments(text: string): ChatSegment[] {
  const segments: ChatSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    // Trailing punctuation belongs to the sentence, not the address.
    const url = match[0].replace(/[.,;:!?)\]]+$/, "");
    const start = match.index ?? 0;
    if (start > last) segments.push({ text: text.slice(last, start) });
    try {
      const parsed = new URL(url);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") segments.push({ text: url, href: parsed.href });
      else segments.push({ text: url });
    } catch {
      segments.push({ text: url });
    }
    last = start + url.length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}
