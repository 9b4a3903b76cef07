// An event's registrations as CSV, in the order people registered (cells defused against
// spreadsheet formulas). Admins and coordinators only.
import type { Route } from "./+types/network.event-csv";
import { notFound, requireUser } from "../lib/auth.server";
import { requireEventKeeper } from "../lib/events.server";
import { csvResponse } from "../lib/csv";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireEventKeeper(requireUser(context, request));
  const { db } = context.services;
  const event = await db.selectFrom("events").select(["id", "slug"]).where("id", "=", params.eventId).executeTakeFirst();
  if (!event) notFound("There is no such event.");
  const rows = await db.selectFrom("event_registrations").select(["name", "email", "organization", "role", "district", "status", "created_at", "attended_at"]).where("event_id", "=", event.id).orderBy("position").execute();
  return csvResponse([["name", "email", "organization", "role", "district", "status", "registered_at_utc", "attended_at_utc"], ...rows.map((r) => [r.name, r.email, r.organization, r.role, r.district, r.status, r.created_at, r.attended_at])], `registrations-${event.slug}.csv`);
}
