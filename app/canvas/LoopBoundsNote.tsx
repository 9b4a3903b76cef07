// Beside a list of loops: what the list leaves out.
/** What the loop list leaves out, said plainly: never "no loops" when there are loops it could not list. */
export function LoopBoundsNote({ truncated, unlisted }: { truncated: boolean; unlisted: number }) {
  if (!truncated && unlisted === 0) return null;
  return (
    <p className="mt-2 text-sm font-semibold text-amber-800 dark:text-amber-300">
      {unlisted > 0 ? `${unlisted === 1 ? "1 variable sits" : `${unlisted} variables sit`} on feedback loops longer than 10 links, which are not listed. ` : ""}
      {truncated ? "More loops exist than are listed: the search stops after 5,000 loops or 3 million steps." : ""}
    </p>
  );
}
