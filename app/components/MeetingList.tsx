import { CalendarDays } from "lucide-react";
import { Link } from "react-router";
import type { OccurrenceView } from "../lib/meetings.server";

export function MeetingList({ meetings, showCommunity = true }: { meetings: OccurrenceView[]; showCommunity?: boolean }) {
  return (
    <ul className="divide-y divide-stone-200 dark:divide-stone-800">
      {meetings.map((m) => (
        <li key={m.href} className="flex items-start gap-3 py-3">
          <CalendarDays aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-stone-600 dark:text-stone-400" />
          <div>
            <Link to={m.href} className={`font-medium ${m.cancelled ? "line-through" : ""}`}>
              {m.date}
            </Link>
            <div className="text-sm text-stone-700 dark:text-stone-300">
              {m.time} · {m.title}
              {showCommunity ? ` · ${m.community}` : ""}
              {m.cancelled ? <strong className="ml-2 text-red-800 dark:text-red-300">Cancelled</strong> : null}
              {m.moved && !m.cancelled ? <span className="ml-2 font-medium text-other-900 dark:text-other-50">Moved</span> : null}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
