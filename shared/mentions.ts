// Who a comment mentions: "@Lena Fischer", or "@Lena" when only one person of the community has
// that first name. Names are matched whole and without regard to case. Pure.

export function mentionedIn(text: string, people: readonly { id: string; name: string }[]): string[] {
  const lower = text.toLowerCase();
  const firstNames = new Map<string, number>();
  for (const p of people) {
    const first = p.name.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
    firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
  }
  // A name ends where a letter or digit does not follow.
  const at = (name: string) => new RegExp(`(^|[^\\p{L}\\p{N}])@${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "u").test(lower);
  const found = new Set<string>();
  for (const p of people) {
    const full = p.name.trim().toLowerCase();
    const first = full.split(/\s+/)[0] ?? "";
    if (at(full) || (firstNames.get(first) === 1 && at(first))) found.add(p.id);
  }
  return [...found];
}
