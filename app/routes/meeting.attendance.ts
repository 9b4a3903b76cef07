import type { Route } from "./+types/meeting.attendance";
import { requireUser } from "../lib/auth.server";
import { occurrenceAccess } from "../lib/occurrence.server";
import { attendanceLines } from "../lib/summary.server";
import { csvField } from "../lib/csv";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { occurrence, community } = await occurrenceAccess(context, request, user, params.seriesId, params.key, "meeting.manage");
  const lines = occurrence.meetingId ? await attendanceLines(context.services.db, occurrence.meetingId) : [];
  const rows = [
    ["name", "email", "first_joined_utc", "last_left_utc", "minutes_present"].map(csvField).join(","),
    ...lines.map((l) => [l.name, l.email, l.firstJoined, l.lastLeft, l.minutes].map(csvField).join(",")),
  ];
  return new Response(`${rows.join("\r\n")}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="attendance-${community.slug}-${occurrence.key}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
