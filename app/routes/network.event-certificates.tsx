// Every attendee's certificate of an event, one to a printed page, for the coordinator to print or
// save as PDF. Admins and coordinators only.
import type { Route } from "./+types/network.event-certificates";
import { EmptyState } from "../components/ui";
import { notFound, requireUser } from "../lib/auth.server";
import { requireEventKeeper } from "../lib/events.server";
import { Certificate } from "../events/Certificate";
import { formatMeetingTime } from "../../shared/format";

export const meta = () => [{ title: "Certificates · CSL Commons" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireEventKeeper(requireUser(context, request));
  const { db } = context.services;
  const event = await db.selectFrom("events").selectAll().where("id", "=", params.eventId).executeTakeFirst();
  if (!event) notFound("There is no such event.");
  const people = await db.selectFrom("event_registrations").select("name").where("event_id", "=", event.id).where("attended_at", "is not", null).orderBy("name").execute();
  const date = formatMeetingTime(event.starts_at, event.ends_at, event.timezone).date;
  return { certificates: people.map((p) => ({ name: p.name, title: event.title, date, hours: event.hours })) };
}

export default function Certificates({ loaderData }: Route.ComponentProps) {
  if (loaderData.certificates.length === 0) return <EmptyState>No one is marked as having come yet: tick people in on the check-in list first.</EmptyState>;
  return (
    <div className="space-y-8">
      {loaderData.certificates.map((facts, i) => (
        <Certificate key={i} facts={facts} />
      ))}
    </div>
  );
}
