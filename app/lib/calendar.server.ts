// Occurrences as calendar events, for the per-meeting download and the personal feed.
import type { Occurrence } from "../../db/queries/meetings";
import type { CalendarEvent } from "../../shared/ics";
import { occurrenceHref } from "./meetings.server";

export function calendarEvent(o: Occurrence, communityName: string, origin: string): CalendarEvent {
  const link = `${origin}${occurrenceHref(o)}`;
  const agenda = o.agenda.map((p) => `• ${p.title} (${p.minutes} min)`).join("\n");
  return {
    uid: o.calendarUid,
    sequence: o.sequence,
    title: `${o.title} · ${communityName}`,
    description: [o.description, agenda, o.videoUrl ? `Video: ${o.videoUrl}` : "", `Details: ${link}`].filter(Boolean).join("\n\n"),
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    cancelled: o.status === "cancelled",
    url: link,
    location: o.videoUrl,
  };
}

export const calendarHeaders = (filename: string) => ({
  "Content-Type": "text/calendar; charset=utf-8",
  "Content-Disposition": `attachment; filename="${filename}"`,
  "Cache-Control": "private, max-age=300",
});
