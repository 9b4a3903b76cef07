// Every matching run of a cycle with its method, settings and figures, and any two compared like
// with like (over the mentees both tried to match).
import { Form, Link } from "react-router";
import type { Route } from "./+types/mentorship.runs";
import { Button, Card, EmptyState, PageHeader } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { cycleOrNotFound, requireCoordinator, type RunResult } from "../lib/mentorship.server";
import { compareRuns } from "../../shared/mentorship/compareRuns";
import { criterionNames, type Criterion } from "../../shared/mentorship/profiles";
import { formatDateTime } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";
import { ruleWords } from "../mentorship/CycleSettingsForm";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `Runs of ${data?.cycle.name ?? "a cycle"} · CSL Commons` }];

/** Changes listed when two runs are compared (the counts are always whole). */
const changesShown = 200;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  requireCoordinator(user);
  const cycle = await cycleOrNotFound(context, params.cycleId);
  const rows = await context.services.db
    .selectFrom("mentorship_runs")
    .innerJoin("users", "users.id", "mentorship_runs.created_by")
    .select(["mentorship_runs.id", "mentorship_runs.algorithm", "mentorship_runs.result", "mentorship_runs.created_at", "mentorship_runs.published_at", "users.name as by"])
    .where("cycle_id", "=", cycle.id)
    .orderBy("mentorship_runs.created_at")
    .orderBy("mentorship_runs.id")
    .execute();
  const results = new Map(rows.map((r) => [r.id, JSON.parse(r.result) as RunResult]));
  const runs = rows.map((r, i) => {
    const run = results.get(r.id)!;
    return {
      id: r.id,
      number: i + 1,
      label: `Run ${i + 1}, ${formatDateTime(r.created_at, defaultTimezone).replace(/\.$/, "")}`,
      by: r.by,
      method: run.algorithm === "stable" ? "Stable matching" : "Best overall (exact)",
      published: r.published_at !== null,
      matched: run.matched,
      mentees: run.mentees,
      totalScore: run.totalScore,
      lowestScore: run.lowestScore,
      blockingPairs: run.blockingPairs,
      settings: run.settings
        ? {
            weights: Object.entries(run.settings.weights).map(([c, points]) => `${criterionNames[c as Criterion] ?? c} ${points}`),
            rules: ruleWords(run.settings.rules),
          }
        : null,
    };
  });
  const url = new URL(request.url);
  const [a, b] = [url.searchParams.get("a"), url.searchParams.get("b")].map((id) => runs.find((r) => r.id === id));
  let comparison = null;
  if (a && b && a.id !== b.id) {
    const [earlier, later] = a.number < b.number ? [a, b] : [b, a];
    const compared = compareRuns(results.get(earlier.id)!, results.get(later.id)!);
    comparison = { earlier, later, ...compared, changes: compared.changes.slice(0, changesShown), changed: compared.changes.length };
  }
  // Unless chosen, the two latest runs are offered for comparison.
  const chosen = { a: a?.id ?? runs.at(-2)?.id ?? "", b: b?.id ?? runs.at(-1)?.id ?? "" };
  return { cycle: { id: cycle.id, name: cycle.name }, runs: [...runs].reverse(), comparison, chosen };
}

const signed = (n: number) => `${n > 0 ? "+" : ""}${n}`;
const select = "mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900";

export default function Runs({ loaderData }: Route.ComponentProps) {
  const { cycle, runs, comparison, chosen } = loaderData;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={`/mentorship/${cycle.id}`}>{cycle.name}</Link>
      </p>
      <PageHeader title={`Matching runs of ${cycle.name}`} description={<p>Every run is kept with the method and settings it was made with. Compare any two.</p>} />
      {runs.length === 0 ? (
        <EmptyState>No run yet.</EmptyState>
      ) : (
        <>
          {runs.length > 1 ? (
            <Card title="Compare two runs">
              <Form method="get" className="flex flex-wrap items-end gap-3">
                {(["a", "b"] as const).map((side) => (
                  <label key={side} className="text-sm font-medium">
                    {side === "a" ? "This run" : "with this one"}
                    <select name={side} defaultValue={chosen[side]} className={select}>
                      {runs.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.label}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
                <Button variant="secondary">Compare</Button>
              </Form>
              {comparison ? (
                <div className="mt-4 space-y-2 text-sm" aria-live="polite">
                  <p>
                    {comparison.earlier.label} and {comparison.later.label}, over the {comparison.common === 1 ? "1 mentee" : `${comparison.common} mentees`} both tried to match:{" "}
                    {comparison.changed === 1 ? "1 partner" : `${comparison.changed} partners`} changed; matched {signed(comparison.matchedDelta)}; total score {signed(comparison.scoreDelta)}.
                    {comparison.onlyEarlier ? ` ${comparison.onlyEarlier} only in run ${comparison.earlier.number} (placed or gone before run ${comparison.later.number}).` : ""}
                    {comparison.onlyLater ? ` ${comparison.onlyLater} only in run ${comparison.later.number} (joined since).` : ""}
                  </p>
                  {comparison.changes.length ? (
                    <table className="w-full text-left">
                      <caption className="sr-only">Mentees whose partner differs</caption>
                      <thead>
                        <tr className="border-b border-stone-300 dark:border-stone-700">
                          <th className="py-1 pr-2">Mentee</th>
                          <th className="pr-2">Run {comparison.earlier.number}</th>
                          <th>Run {comparison.later.number}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {comparison.changes.map((c) => (
                          <tr key={c.menteeId} className="border-b border-stone-200 dark:border-stone-800">
                            <td className="py-1 pr-2">{c.mentee}</td>
                            <td className="pr-2">{c.before ?? "not matched"}</td>
                            <td>{c.after ?? "not matched"}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ) : null}
                  {comparison.changed > comparison.changes.length ? <p>The first {comparison.changes.length} of {comparison.changed} changes are listed.</p> : null}
                </div>
              ) : null}
            </Card>
          ) : null}
          <Card title="Runs, newest first">
            <ul className="space-y-4">
              {runs.map((r) => (
                <li key={r.id} className="text-sm">
                  <p className="font-semibold">
                    {r.label} · {r.method} · by {r.by}
                    {r.published ? " · published" : ""}
                  </p>
                  <p>
                    Matched {r.matched} of {r.mentees}; total score {r.totalScore}; lowest pair {r.lowestScore ?? "—"}; blocking pairs {r.blockingPairs}.
                  </p>
                  {r.settings ? (
                    <p className="text-stone-700 dark:text-stone-300">
                      Points: {r.settings.weights.join(", ")}. {r.settings.rules.join(". ")}.
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        </>
      )}
    </div>
  );
}
