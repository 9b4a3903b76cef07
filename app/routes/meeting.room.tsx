import type { Route } from "./+types/meeting.room";
import { RoomView } from "../room/RoomView";
import { requireUser } from "../lib/auth.server";
import { occurrenceAccess } from "../lib/occurrence.server";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `Live room: ${data?.title ?? "meeting"} · CSL Commons` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { occurrence } = await occurrenceAccess(context, request, user, params.seriesId, params.key, "meeting.view");
  return { seriesId: occurrence.seriesId, key: occurrence.key, title: occurrence.title };
}

export default function MeetingRoom({ loaderData }: Route.ComponentProps) {
  const base = `/meetings/${loaderData.seriesId}/${loaderData.key}`;
  return (
    <>
      <noscript>
        <p className="rounded-md border border-amber-300 bg-amber-50 p-4">
          The live room needs JavaScript to follow the circle as it happens. The <a href={base}>meeting page</a> has the agenda and the video link.
        </p>
      </noscript>
      <RoomView seriesId={loaderData.seriesId} meetingKey={loaderData.key} summaryHref={`${base}/summary`} />
    </>
  );
}
