// What the public home shows: the admin's words (Markdown, sanitized), the next events and the
// newest public resources. No third-party calls; a few indexed queries.
import type { AppLoadContext } from "react-router";
import { searchResources, siteTexts } from "../../db/queries/resources";
import { nowIso } from "../../db/time";
import { renderMarkdown } from "../../shared/markdown";
import { withDefaults } from "../../shared/site/texts";
import { whenOf } from "../../server/eventNotices";

/** One public text as safe HTML: the admin's words, or the default. */
export async function siteTextHtml(context: AppLoadContext, key: string): Promise<string> {
  return renderMarkdown(withDefaults(await siteTexts(context.services.db))[key] ?? "");
}

export async function publicHome(context: AppLoadContext) {
  const { db, dialect } = context.services;
  const [stored, events, resources] = await Promise.all([
    siteTexts(db),
    db.selectFrom("events").selectAll().where("ends_at", ">", nowIso()).where("status", "=", "published").where("listed", "=", 1).orderBy("starts_at").limit(3).execute(),
    searchResources(db, dialect, { includeMembersOnly: false, limit: 4 }),
  ]);
  const texts = withDefaults(stored);
  return {
    html: Object.fromEntries(Object.entries(texts).map(([key, body]) => [key, renderMarkdown(body)])) as Record<string, string>,
    events: events.map((e) => ({ slug: e.slug, title: e.title, when: whenOf(e), where: e.mode === "online" ? "Online" : (e.venue ?? "") })),
    resources: resources.map((h) => ({ slug: h.resource.slug, title: h.resource.title, summary: h.resource.summary })),
  };
}
