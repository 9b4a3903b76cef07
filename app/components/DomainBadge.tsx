// A CSL domain shown with its one colour and one icon.
import { Leaf, MessagesSquare, Waypoints } from "lucide-react";
import { domains, type DomainId } from "../../shared/domains";

const styles: Record<DomainId, { className: string; Icon: typeof Leaf }> = {
  self: { className: "bg-self-50 text-self-900 border-self-700/30 dark:bg-self-900 dark:text-self-50", Icon: Leaf },
  "each-other": { className: "bg-other-50 text-other-900 border-other-700/30 dark:bg-other-900 dark:text-other-50", Icon: MessagesSquare },
  system: { className: "bg-system-50 text-system-900 border-system-700/30 dark:bg-system-900 dark:text-system-50", Icon: Waypoints },
};

export function DomainBadge({ domain }: { domain: DomainId }) {
  const { className, Icon } = styles[domain];
  return (
    <span className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${className}`}>
      <Icon aria-hidden="true" className="size-3.5" />
      {domains[domain].label}
    </span>
  );
}

export function DomainBadges({ values }: { values: readonly DomainId[] }) {
  if (values.length === 0) return null;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {values.map((d) => (
        <DomainBadge key={d} domain={d} />
      ))}
    </span>
  );
}
