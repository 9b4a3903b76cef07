// The director's dashboard: requests by stage and by offering, and for this school year the
// districts and organizations reached, hours delivered and participants trained, by month. Each
// chart has its data table; how each figure is counted is said beside it.
import { Link } from "react-router";
import type { Route } from "./+types/network.training-dashboard";
import { BarChart } from "../components/BarChart";
import { Card, Figures, PageHeader } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { requireEventKeeper } from "../lib/events.server";
import { latestQuotes } from "../../db/queries/training";
import { countBy, sameOrganization, schoolYearOf } from "../../shared/training/dashboard";
import { offeringRules, offerings } from "../../shared/training/offerings";
import { trainingStageNames, trainingStages } from "../../shared/training/stages";

export const meta = () => [{ title: "Training dashboard · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  requireEventKeeper(requireUser(context, request));
  const { db } = context.services;
  const year = schoolYearOf(new Date());
  const [requests, deliveries, attended] = await Promise.all([
    db.selectFrom("training_requests").select(["id", "stage", "offering", "organization", "hours", "participants"]).execute(),
    // Each request's move to "delivered" within the school year (its latest such move).
    db.selectFrom("training_request_changes").select(["request_id", (eb) => eb.fn.max("changed_at").as("at")]).where("to_stage", "=", "delivered").where("changed_at", ">=", year.startIso).where("changed_at", "<", year.endIso).groupBy("request_id").execute(),
    // People checked in at any event or training session that started in the school year.
    db.selectFrom("event_registrations").innerJoin("events", "events.id", "event_registrations.event_id").select(["event_registrations.email", "event_registrations.district", "events.training_request_id", "events.starts_at"]).where("event_registrations.attended_at", "is not", null).where("events.starts_at", ">=", year.startIso).where("events.starts_at", "<", year.endIso).execute(),
  ]);
  // A quoted request counts its latest quote's hours and participants (what was agreed), else its own.
  const quoted = await latestQuotes(db, requests.map((r) => r.id));
  const byId = new Map(requests.map((r) => [r.id, { ...r, hours: quoted.get(r.id)?.hours ?? r.hours, participants: quoted.get(r.id)?.participants ?? r.participants }]));
  const delivered = deliveries.flatMap((d) => {
    const r = byId.get(d.request_id);
    return r ? [{ ...r, at: String(d.at) }] : [];
  });
  // Requests whose sessions ran on the platform count their checked-in people; the others their stated participants.
  const withSessions = new Set(attended.flatMap((a) => (a.training_request_id ? [a.training_request_id] : [])));
  const reached = new Map<string, string>();
  for (const r of delivered) reached.set(sameOrganization(r.organization), r.organization);
  for (const a of attended) if (a.district?.trim()) reached.set(sameOrganization(a.district), a.district.trim());
  const people = new Set(attended.map((a) => a.email.toLowerCase()));
  const statedParticipants = delivered.filter((r) => !withSessions.has(r.id)).reduce((sum, r) => sum + r.participants, 0);
  return {
    year: year.label,
    figures: {
      reached: reached.size,
      hours: delivered.reduce((sum, r) => sum + r.hours, 0),
      participants: people.size + statedParticipants,
      requests: requests.length,
    },
    reachedNames: [...reached.values()].sort((a, b) => a.localeCompare(b)),
    byStage: countBy(trainingStages, requests.map((r) => r.stage)).map((c) => ({ label: trainingStageNames[c.key], value: c.n })),
    byOffering: countBy(offerings, requests.map((r) => r.offering)).map((c) => ({ label: offeringRules[c.key].name.replace(/ \(.*\)$/, ""), value: c.n })),
    hoursByMonth: year.months.map((m) => ({ label: m.label, value: delivered.filter((r) => r.at >= m.startIso && r.at < m.endIso).reduce((sum, r) => sum + r.hours, 0) })),
    participantsByMonth: year.months.map((m) => ({ label: m.label, value: new Set(attended.filter((a) => a.starts_at >= m.startIso && a.starts_at < m.endIso).map((a) => a.email.toLowerCase())).size })),
  };
}

export default function TrainingDashboard({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/network/training">Training requests</Link>
      </p>
      <PageHeader title="Training dashboard" description={<p>School year {d.year} (September to August, Pacific Time), and every request so far.</p>} />
      <Card>
        <Figures
          items={[
            ["Districts and organizations reached this school year", d.figures.reached.toLocaleString("en-CA")],
            ["Hours delivered this school year", d.figures.hours.toLocaleString("en-CA")],
            ["Participants trained this school year", d.figures.participants.toLocaleString("en-CA")],
            ["Training requests, all time", d.figures.requests.toLocaleString("en-CA")],
          ]}
        />
        <p className="mt-3 text-sm text-stone-700 dark:text-stone-300">
          Reached: the organizations of requests delivered this school year, and the districts people gave when they registered for an event they attended. Hours: the delivered requests&apos; hours, as last quoted. Participants: people checked in at events and sessions this school year, and the stated participants of delivered requests whose sessions were not run on the platform.
        </p>
        {d.reachedNames.length > 0 ? <p className="mt-2 text-sm">Reached: {d.reachedNames.join(", ")}.</p> : null}
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <BarChart title="Requests by stage" bars={d.byStage} unit="Requests" />
        </Card>
        <Card>
          <BarChart title="Requests by offering" bars={d.byOffering} unit="Requests" />
        </Card>
        <Card>
          <BarChart title={`Hours delivered, ${d.year}`} bars={d.hoursByMonth} unit="Hours" />
        </Card>
        <Card>
          <BarChart title={`People checked in, ${d.year}`} bars={d.participantsByMonth} unit="People" />
        </Card>
      </div>
    </div>
  );
}
