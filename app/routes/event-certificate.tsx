// A participant's certificate, from the link in their registration emails, once the facilitator
// has ticked them in; printable. A link of someone who did not come (or not ours) shows none.
import { data } from "react-router";
import type { Route } from "./+types/event-certificate";
import { Certificate } from "../events/Certificate";
import { sha256Hex } from "../../server/auth/tokens";
import { formatMeetingTime } from "../../shared/format";

export const meta = () => [{ title: "Certificate of participation · BC Compassionate Systems Leadership Network" }];

export async function loader({ context, params }: Route.LoaderArgs) {
  const token = params.token ?? "";
  const row = /^[a-z2-9]{32}$/.test(token)
    ? await context.services.db
        .selectFrom("event_registrations")
        .innerJoin("events", "events.id", "event_registrations.event_id")
        .select(["event_registrations.name", "event_registrations.attended_at", "events.title", "events.starts_at", "events.ends_at", "events.timezone", "events.hours"])
        .where("event_registrations.token_hash", "=", await sha256Hex(token))
        .executeTakeFirst()
    : undefined;
  if (!row?.attended_at) return data({ facts: null }, { status: 404 });
  return { facts: { name: row.name, title: row.title, date: formatMeetingTime(row.starts_at, row.ends_at, row.timezone).date, hours: row.hours } };
}

export default function CertificatePage({ loaderData }: Route.ComponentProps) {
  if (!loaderData.facts) return <p className="mx-auto max-w-lg">There is no certificate for this link: it is given once the facilitator has marked that you came.</p>;
  return <Certificate facts={loaderData.facts} />;
}
