import type { Route } from "./+types/meeting.ics";
import { requireUser } from "../lib/auth.server";
import { calendarEvent, calendarHeaders } from "../lib/calendar.server";
import { occurrenceAccess } from "../lib/occurrence.server";
import { buildCalendar } from "../../shared/ics";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { community, occurrence } = await occurrenceAccess(context, request, user, params.seriesId, params.key, "meeting.view");
  const body = buildCalendar(occurrence.title, [calendarEvent(occurrence, community.name, context.origin)]);
  return new Response(body, { headers: calendarHeaders(`${community.slug}-${occurrence.key}.ics`) });
}
