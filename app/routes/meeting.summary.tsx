import { Link } from "react-router";
import type { Route } from "./+types/meeting.summary";
import { ButtonLink, Card, EmptyState, PageHeader } from "../components/ui";
import { actorOf, requireUser } from "../lib/auth.server";
import { occurrenceAccess } from "../lib/occurrence.server";
import { sessionRecord } from "../lib/summary.server";
import { recentChat } from "../../db/queries/rooms";
import { formatDateTime, formatMeetingTime } from "../../shared/format";
import { may } from "../../shared/permissions";

export const meta = () => [{ title: "Session summary · CSL Commons" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { occurrence, scope } = await occurrenceAccess(context, request, user, params.seriesId, params.key, "meeting.view");
  const meetingId = occurrence.meetingId;
  const record = meetingId ? await sessionRecord(context.services.db, meetingId) : { attendance: [], rounds: [], phases: [] };
  const chat = meetingId ? await recentChat(context.services.db, meetingId, null, 1000) : [];
  const { date } = formatMeetingTime(occurrence.startsAt, occurrence.endsAt, occurrence.timezone);
  return {
    title: occurrence.title,
    date,
    base: `/meetings/${occurrence.seriesId}/${occurrence.key}`,
    canExport: may(actorOf(user), "meeting.manage", scope),
    ...record,
    attendance: record.attendance.map((a) => ({ name: a.name, minutes: a.minutes })),
    chat: chat.filter((m) => !m.hidden).map((m) => ({ id: m.id, name: m.name, text: m.text, at: formatDateTime(new Date(m.createdAt).toISOString(), occurrence.timezone) })),
  };
}

export default function Summary({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Summary: ${d.title}`}
        description={
          <>
            {d.date} · <Link to={d.base}>Meeting page</Link>
          </>
        }
        actions={
          d.canExport ? (
            <ButtonLink to={`${d.base}/attendance.csv`} variant="secondary" reloadDocument>
              Attendance (CSV)
            </ButtonLink>
          ) : null
        }
      />
      <div className="grid gap-6 md:grid-cols-2">
        <Card title={`Attendance · ${d.attendance.length} people`}>
          {d.attendance.length ? (
            <ul className="space-y-1">
              {d.attendance.map((a) => (
                <li key={a.name} className="flex justify-between">
                  <span>{a.name}</span>
                  <span className="text-stone-700 dark:text-stone-300">{a.minutes} min</span>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState>Nobody has joined the live room for this meeting yet.</EmptyState>
          )}
        </Card>
        <Card title="Phases">
          {d.phases.length ? (
            <ul className="space-y-1">
              {d.phases.map((p, i) => (
                <li key={i} className="flex justify-between">
                  <span>{p.title}</span>
                  <span className="text-stone-700 dark:text-stone-300">{p.actual === null ? `planned ${p.planned} min` : `${p.actual} of ${p.planned} min`}</span>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState>The facilitator did not move through the agenda in the live room.</EmptyState>
          )}
        </Card>
      </div>
      <Card title={`Rounds · ${d.rounds.length}`}>
        {d.rounds.length ? (
          <ul className="space-y-3">
            {d.rounds.map((r) => (
              <li key={r.id}>
                <p className="font-medium">
                  {r.prompt}
                  {r.group ? ` · ${r.group}` : ""}
                </p>
                <p className="text-sm text-stone-700 dark:text-stone-300">
                  {r.spoke} spoke, {r.passed} passed, {r.skipped} skipped · {r.minutes} min. {r.speakers.join(", ")}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>No rounds were held.</EmptyState>
        )}
      </Card>
      <Card title="Chat transcript">
        {d.chat.length ? (
          <ol className="space-y-1 text-sm">
            {d.chat.map((m) => (
              <li key={m.id}>
                <span className="text-stone-600 dark:text-stone-400">{m.at}</span> <span className="font-semibold">{m.name}</span> {m.text}
              </li>
            ))}
          </ol>
        ) : (
          <EmptyState>No messages.</EmptyState>
        )}
      </Card>
    </div>
  );
}
