// One event for those who run it: places taken and waiting, every registration in order, and the
// check-in list: tick who came (attendance is what a certificate of participation rests on).
// Printable. Admins and coordinators only.
import { Form, Link } from "react-router";
import type { Route } from "./+types/network.event";
import { ButtonLink, Card, Figures, PageHeader } from "../components/ui";
import { notFound, requireUser } from "../lib/auth.server";
import { requireEventKeeper } from "../lib/events.server";
import { readForm } from "../lib/forms";
import { registrationCounts } from "../../db/queries/events";
import { whenOf } from "../../server/eventNotices";
import { nowIso } from "../../db/time";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.event.title ?? "Event"} · CSL Commons` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireEventKeeper(requireUser(context, request));
  const { db } = context.services;
  const event = await db.selectFrom("events").selectAll().where("id", "=", params.eventId).executeTakeFirst();
  if (!event) notFound("There is no such event.");
  const registrations = await db.selectFrom("event_registrations").select(["id", "name", "email", "organization", "role", "district", "status", "attended_at"]).where("event_id", "=", event.id).orderBy("position").execute();
  return { event: { id: event.id, slug: event.slug, title: event.title, when: whenOf(event), capacity: event.capacity }, counts: await registrationCounts(db, event.id), registrations };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  requireEventKeeper(requireUser(context, request));
  const form = await readForm(request);
  const registrationId = String(form.get("registrationId") ?? "");
  const came = form.get("came") === "1";
  await context.services.db
    .updateTable("event_registrations")
    .set({ attended_at: came ? nowIso() : null })
    .where("id", "=", registrationId)
    .where("event_id", "=", params.eventId ?? "")
    .where("status", "=", "registered")
    .execute();
  return { ok: true };
}

const statusWords: Record<string, string> = { registered: "Registered", waitlisted: "Waiting", offered: "Place offered", cancelled: "Cancelled", lapsed: "Offer lapsed" };

export default function NetworkEvent({ loaderData }: Route.ComponentProps) {
  const { event, counts, registrations } = loaderData;
  return (
    <div className="space-y-6">
      <p className="text-sm print:hidden">
        <Link to="/network/events">All events</Link>
      </p>
      <PageHeader
        title={event.title}
        description={<p>{event.when}</p>}
        actions={
          <span className="flex gap-2 print:hidden">
            <ButtonLink to={`/events/${event.slug}`} variant="secondary">
              Public page
            </ButtonLink>
            <ButtonLink to={`/network/events/${event.id}/registrations.csv`} variant="secondary" reloadDocument>
              Registrations as CSV
            </ButtonLink>
            <ButtonLink to={`/network/events/${event.id}/certificates`} variant="secondary">
              Certificates to print
            </ButtonLink>
          </span>
        }
      />
      <Figures
        items={[
          ["Places", String(event.capacity)],
          ["Registered", String(counts.registered)],
          ["Place offered", String(counts.offered)],
          ["Waiting", String(counts.waitlisted)],
          ["Cancelled", String(counts.cancelled)],
          ["Came", String(registrations.filter((r) => r.attended_at).length)],
        ]}
      />
      <Card title="Check-in list">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-stone-300 dark:border-stone-700">
              <th scope="col" className="py-1">
                Name
              </th>
              <th scope="col">Organization</th>
              <th scope="col">Status</th>
              <th scope="col">Came</th>
            </tr>
          </thead>
          <tbody>
            {registrations.map((r) => (
              <tr key={r.id} className="border-b border-stone-200 dark:border-stone-800">
                <td className="py-1">
                  {r.name} <span className="text-stone-700 dark:text-stone-300">{r.email}</span>
                </td>
                <td>{r.organization}</td>
                <td>{statusWords[r.status]}</td>
                <td>
                  {r.status === "registered" ? (
                    <Form method="post">
                      <input type="hidden" name="registrationId" value={r.id} />
                      <input type="hidden" name="came" value={r.attended_at ? "0" : "1"} />
                      <button className="underline" aria-label={r.attended_at ? `${r.name} came: undo` : `Mark that ${r.name} came`}>
                        {r.attended_at ? "☑ came" : "☐ mark"}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
