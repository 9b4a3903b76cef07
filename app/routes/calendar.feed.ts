// The personal calendar feed: every meeting of the person's communities, from two months
// back to a year ahead. The secret in the URL is the only credential; calendar apps send no cookie.
import type { Route } from "./+types/calendar.feed";
import { calendarEvent, calendarHeaders } from "../lib/calendar.server";
import { listCommunitiesFor } from "../../db/queries/communities";
import { listSeries, occurrencesInWindow } from "../../db/queries/meetings";
import { sha256Hex } from "../../server/auth/tokens";
import { buildCalendar } from "../../shared/ics";

const day = 24 * 60 * 60 * 1000;

export async function loader({ context, params }: Route.LoaderArgs) {
  const token = /^([a-z2-9]{32})\.ics$/.exec(params.file ?? "")?.[1];
  const { db } = context.services;
  const feed = token
    ? await db.selectFrom("calendar_feeds").innerJoin("users", "users.id", "calendar_feeds.user_id").select(["users.id", "users.name"]).where("token_hash", "=", await sha256Hex(token)).executeTakeFirst()
    : undefined;
  if (!feed) return new Response("This calendar link is not valid any more. Make a new one in your CSL Commons settings.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const communities = (await listCommunitiesFor(db, feed.id, false)).filter((c) => c.role !== null);
  const names = new Map(communities.map((c) => [c.id, c.name]));
  const series = await listSeries(db, [...names.keys()]);
  const now = Date.now();
  const occurrences = await occurrencesInWindow(db, series, new Date(now - 60 * day), new Date(now + 365 * day));
  const body = buildCalendar(`CSL Commons · ${feed.name}`, occurrences.map((o) => calendarEvent(o, names.get(o.communityId) ?? "", context.origin)));
  return new Response(body, { headers: calendarHeaders("csl-commons.ics") });
}
