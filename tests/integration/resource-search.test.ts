// Resource search on every configured database (SQLite's FTS5 and PostgreSQL's full-text search
// behind one query function): the same questions find the same resources, best first, with the
// matches marked; filters by domain, kind and tag; members-only resources stay out of public search;
// an edit is searchable at once and a deleted resource is gone from the index.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResource, deleteResource, resourceTags, searchResources, updateResource, type ResourceInput } from "../../db/queries/resources";
import { archetypePages } from "../../db/migrations/0023_archetype_pages";
import { highlightSegments } from "../../shared/resources/library";
import { dialects, openTestDatabase, type TestDatabase } from "../helpers/databases";

const input = (over: Partial<ResourceInput>): ResourceInput => ({ title: "Untitled", summary: "", body: "", linkUrl: null, domain: "self", kind: "reading", audience: "everyone", tags: "", visibility: "public", ...over });
const matched = (marked: string | null) => highlightSegments(marked ?? "").filter((s) => s.match).map((s) => s.text.toLowerCase());

describe.each(dialects)("resource search on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => t?.close());

  it("finds the seeded practice pages by their words, stems and prefixes, with the matches marked", async () => {
    const hits = await searchResources(t.db, dialect, { text: "listening", includeMembersOnly: false });
    expect(hits[0].resource.slug).toBe("deep-listening");
    expect(matched(hits[0].titleMarked)).toEqual(["listening"]);
    // "listened" stems to the same word as "listening" in both engines' English rules.
    const stemmed = await searchResources(t.db, dialect, { text: "listened", includeMembersOnly: false });
    expect(stemmed.map((h) => h.resource.slug)).toContain("deep-listening");
    // A prefix while typing: "icebe" finds the iceberg page.
    const prefix = await searchResources(t.db, dialect, { text: "icebe", includeMembersOnly: false });
    expect(prefix[0].resource.slug).toBe("the-iceberg-model");
    expect(matched(prefix[0].excerptMarked).some((m) => m.startsWith("iceberg"))).toBe(true);
    // Every word is required.
    const both = await searchResources(t.db, dialect, { text: "talking piece", includeMembersOnly: false });
    expect(both.map((h) => h.resource.slug)).toEqual(expect.arrayContaining(["a-check-in-round"]));
    expect(both.map((h) => h.resource.slug)).not.toContain("the-iceberg-model");
    expect(await searchResources(t.db, dialect, { text: "zebra quantum", includeMembersOnly: false })).toEqual([]);
  });

  it("ranks a title match above a passing mention", async () => {
    const hits = await searchResources(t.db, dialect, { text: "causal loop", includeMembersOnly: false });
    expect(hits[0].resource.slug).toBe("causal-loop-diagrams");
  });

  it("filters by domain, kind and tag, alone and with words", async () => {
    const system = await searchResources(t.db, dialect, { domain: "system", includeMembersOnly: false });
    // The two practice pages of the system domain and the nine archetypes' pages (migration 0023).
    expect(system.map((h) => h.resource.slug).sort()).toEqual([...archetypePages.map((p) => `archetype-${p.key}`), "causal-loop-diagrams", "the-iceberg-model"].sort());
    const tagged = await searchResources(t.db, dialect, { tag: "mental-models", includeMembersOnly: false });
    expect(tagged.map((h) => h.resource.slug).sort()).toEqual(["the-iceberg-model", "the-ladder-of-inference"]);
    expect(await searchResources(t.db, dialect, { kind: "video", includeMembersOnly: false })).toEqual([]);
    const words = await searchResources(t.db, dialect, { text: "vision", domain: "self", includeMembersOnly: false });
    expect(words.map((h) => h.resource.slug)).toEqual(["creative-tension"]);
  });

  it("keeps members-only resources out of public search and public tags", async () => {
    const hidden = await createResource(t.db, input({ title: "Facilitator notes for the spring gathering", summary: "Only for members", body: "Spring gathering logistics", tags: "gathering, facilitation", visibility: "members" }), null);
    expect(await searchResources(t.db, dialect, { text: "spring gathering", includeMembersOnly: false })).toEqual([]);
    expect((await searchResources(t.db, dialect, { text: "spring gathering", includeMembersOnly: true })).map((h) => h.resource.id)).toEqual([hidden.id]);
    expect((await resourceTags(t.db, false)).map((x) => x.tag)).not.toContain("gathering");
    expect((await resourceTags(t.db, true)).map((x) => x.tag)).toContain("gathering");
  });

  it("searches an edit at once, forgets a deleted resource, and treats query syntax as plain words", async () => {
    const r = await createResource(t.db, input({ title: "Reading list", summary: "Books", body: "Peter Senge's The Fifth Discipline" }), null);
    expect((await searchResources(t.db, dialect, { text: "fifth discipline", includeMembersOnly: false })).map((h) => h.resource.id)).toContain(r.id);
    await updateResource(t.db, r.id, input({ title: "Reading list", summary: "Books", body: "Donella Meadows, Thinking in Systems", tags: "books" }));
    expect((await searchResources(t.db, dialect, { text: "fifth discipline", includeMembersOnly: false })).map((h) => h.resource.id)).not.toContain(r.id);
    expect((await searchResources(t.db, dialect, { text: "meadows", includeMembersOnly: false })).map((h) => h.resource.id)).toEqual([r.id]);
    expect((await searchResources(t.db, dialect, { tag: "books", includeMembersOnly: false })).map((h) => h.resource.id)).toEqual([r.id]);
    // Operators of either engine are only punctuation here.
    for (const text of [`meadows" OR title:*`, "meadows & !senge | (", "NEAR(meadows", "-meadows"]) {
      const hits = await searchResources(t.db, dialect, { text, includeMembersOnly: false });
      expect(hits.every((h) => h.resource.id === r.id), text).toBe(true);
    }
    // Nothing but punctuation is no search: the listing, newest first.
    expect((await searchResources(t.db, dialect, { text: `"'*`, includeMembersOnly: false }))[0].resource.id).toBe(r.id);
    await deleteResource(t.db, r.id);
    expect(await searchResources(t.db, dialect, { text: "meadows", includeMembersOnly: false })).toEqual([]);
  });

  it("gives two resources published with one title at the same moment an address each", async () => {
    const [a, b] = await Promise.all([createResource(t.db, input({ title: "Circle agreements", body: "One" }), null), createResource(t.db, input({ title: "Circle agreements", body: "Two" }), null)]);
    expect(new Set([a.slug, b.slug]).size).toBe(2);
    expect([a.slug, b.slug]).toContain("circle-agreements");
  });
});
