// An event as a list names it: its title (marked when cancelled) linking to its page, when and where.
import { Link } from "react-router";

export interface EventSummaryView {
  slug: string;
  title: string;
  when: string;
  where: string;
  cancelled?: boolean;
}

export function EventSummary({ event: e, large = false }: { event: EventSummaryView; large?: boolean }) {
  return (
    <>
      <Link to={`/events/${e.slug}`} className={large ? "text-lg font-medium" : "font-medium"}>
        {e.cancelled ? `Cancelled: ${e.title}` : e.title}
      </Link>
      <p className="text-sm text-stone-700 dark:text-stone-300">
        {e.when} · {e.where}
      </p>
    </>
  );
}
