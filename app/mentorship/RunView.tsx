// A matching run for the coordinator: totals, the pairs with each score's parts in words, lock and
// forbid for each pair, who is unmatched and why, and how it differs from the run before.
import { Form, Link } from "react-router";
import { Figures } from "../components/ui";
import type { RunResult } from "../lib/mentorship.server";
import { compareRuns } from "../../shared/mentorship/compareRuns";

/** What the page shows of a run: its figures, one page of its pairs, and how it compares with the run before. */
export interface RunPage {
  run: RunResult;
  /** Over the mentees both runs tried to match (shared/mentorship/compareRuns.ts). */
  comparison: { common: number; changed: number; scoreDelta: number; matchedDelta: number; onlyEarlier: number; changedIds: string[] } | null;
  page: { page: number; pages: number; pairs: number; unmatchedShown: number; unmatched: number };
}

/** Pairs shown per page: a run over 2,000 mentees stays a light page (bench:matching's run_page_kb). */
export const runPageSize = 50;

/** One page of a run for the browser (computed on the server: the whole run never travels). */
export function runPage(run: RunResult, previous: RunResult | null, page: number): RunPage {
  const pages = Math.max(1, Math.ceil(run.pairs.length / runPageSize));
  const current = Math.min(pages, Math.max(1, page));
  const shown = run.pairs.slice((current - 1) * runPageSize, current * runPageSize);
  let comparison: RunPage["comparison"] = null;
  if (previous) {
    const compared = compareRuns(previous, run);
    const changed = new Set(compared.changes.map((c) => c.menteeId));
    comparison = {
      common: compared.common,
      changed: compared.changes.length,
      scoreDelta: compared.scoreDelta,
      matchedDelta: compared.matchedDelta,
      onlyEarlier: compared.onlyEarlier,
      changedIds: shown.filter((p) => changed.has(p.menteeId)).map((p) => p.menteeId),
    };
  }
  const unmatchedShown = Math.min(run.unmatched.length, 200);
  return {
    run: { ...run, pairs: shown, unmatched: run.unmatched.slice(0, unmatchedShown) },
    comparison,
    page: { page: current, pages, pairs: run.pairs.length, unmatchedShown, unmatched: run.unmatched.length },
  };
}

const small = "rounded-md border border-stone-400 bg-white px-2 py-0.5 text-xs font-semibold dark:border-stone-600 dark:bg-stone-900";

export function RunView({ view, locked, created }: { view: RunPage; locked: Set<string>; created: string }) {
  const { run, comparison, page } = view;
  const changedIds = new Set(comparison?.changedIds ?? []);
  const givenUp = run.exact.totalScore > 0 ? ((run.exact.totalScore - run.totalScore) / run.exact.totalScore) * 100 : 0;
  return (
    <div className="space-y-4">
      <Figures
        items={[
          ["Matched", `${run.matched} of ${run.mentees}`],
          ["Total score", String(run.totalScore)],
          ["Lowest pair score", run.lowestScore === null ? "—" : String(run.lowestScore)],
          ["5th percentile", run.p5Score === null ? "—" : String(run.p5Score)],
          ["Blocking pairs", String(run.blockingPairs)],
          [
            run.algorithm === "stable" ? "Score given up for stability" : "Method",
            run.algorithm === "stable" ? `${givenUp.toFixed(1)}%${run.exact.matched > run.matched ? `, ${run.exact.matched - run.matched} fewer matched` : ""}` : "Exact optimum",
          ],
        ]}
      />
      <p className="text-sm text-stone-700 dark:text-stone-300">
        Run{" "}
        {created.replace(/\.$/, "")}
        .
        {comparison
          ? ` Compared with the run before, over the ${comparison.common === 1 ? "1 mentee" : `${comparison.common} mentees`} both tried to match: ${comparison.changed} ${comparison.changed === 1 ? "partner" : "partners"} changed, total score ${comparison.scoreDelta >= 0 ? "+" : ""}${comparison.scoreDelta}, matched ${comparison.matchedDelta >= 0 ? "+" : ""}${comparison.matchedDelta}.${comparison.onlyEarlier ? ` ${comparison.onlyEarlier === 1 ? "1 mentee" : `${comparison.onlyEarlier} mentees`} of the run before ${comparison.onlyEarlier === 1 ? "is" : "are"} not in this one: placed since (published or requested) or left the cycle.` : ""}`
          : ""}
        {run.algorithm === "stable" && run.preferences
          ? ` Stable matching follows each side's own choices: ${run.preferences.mentees} ${run.preferences.mentees === 1 ? "mentee" : "mentees"} named a mentor; ${run.preferences.mentors ? `${run.preferences.mentors} ${run.preferences.mentors === 1 ? "mentor" : "mentors"} ranked mentees` : "mentors gave no preferences, so their side follows the score"}.`
          : ""}
        {run.unreadableProfiles.length ? ` Left out because their answers no longer read: ${run.unreadableProfiles.join(", ")}.` : ""}
      </p>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Proposed pairs</caption>
        <thead>
          <tr className="border-b border-stone-300 dark:border-stone-700">
            <th className="py-1 pr-2">Mentee</th>
            <th className="pr-2">Mentor</th>
            <th className="pr-2">Score</th>
            <th className="pr-2">Why</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {run.pairs.map((p) => (
            <tr key={p.menteeId} className="border-b border-stone-200 align-top dark:border-stone-800">
              <td className="py-2 pr-2 font-medium">{p.menteeName}</td>
              <td className="pr-2">
                {p.mentorName}
                {changedIds.has(p.menteeId) ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-950">changed</span> : null}
              </td>
              <td className="pr-2">{p.score}</td>
              <td className="pr-2">
                <ul>
                  {p.parts.map((part) => (
                    <li key={part.criterion}>
                      <span className="inline-block w-14 tabular-nums">
                        {part.points}/{part.outOf}
                      </span>
                      {part.text}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="space-y-1 whitespace-nowrap">
                <Form method="post">
                  <input type="hidden" name="intent" value="rule" />
                  <input type="hidden" name="mentorId" value={p.mentorId} />
                  <input type="hidden" name="menteeId" value={p.menteeId} />
                  {locked.has(`${p.mentorId}:${p.menteeId}`) ? (
                    <>
                      <span className="mr-1 rounded bg-indigo-100 px-1 text-xs font-semibold text-indigo-950">Locked</span>
                      <button className={small} name="ruling" value="clear" aria-label={`Unlock ${p.menteeName} with ${p.mentorName}`}>
                        Unlock
                      </button>
                    </>
                  ) : (
                    <button className={small} name="ruling" value="lock" aria-label={`Lock ${p.menteeName} with ${p.mentorName}`}>
                      Lock
                    </button>
                  )}{" "}
                  <button className={small} name="ruling" value="forbid" aria-label={`Forbid ${p.menteeName} with ${p.mentorName}`}>
                    Forbid
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.releasedLocks?.length ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-semibold">Locked, but the rules no longer allow it, so released:</p>
          <ul className="list-disc pl-5">
            {run.releasedLocks.map((l) => (
              <li key={`${l.mentee}-${l.mentor}`}>
                {l.mentee} with {l.mentor}: they {l.why}.
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {run.blockedRequests?.length ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-semibold">Asked for, but the rules do not allow it:</p>
          <ul className="list-disc pl-5">
            {run.blockedRequests.map((b) => (
              <li key={`${b.mentee}-${b.mentor}`}>
                {b.mentee} asked for {b.mentor}; they {b.why}.
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {page.pages > 1 ? (
        <nav aria-label="Pages of pairs" className="flex flex-wrap items-center gap-3 text-sm">
          <span>
            Pairs {(page.page - 1) * runPageSize + 1} to {Math.min(page.pairs, page.page * runPageSize)} of {page.pairs}
          </span>
          {page.page > 1 ? <Link to={`?page=${page.page - 1}`}>Previous pairs</Link> : null}
          {page.page < page.pages ? <Link to={`?page=${page.page + 1}`}>Next pairs</Link> : null}
        </nav>
      ) : null}
      {run.unmatched.length ? (
        <div>
          <h3 className="font-semibold">Not matched{page.unmatched > page.unmatchedShown ? ` (the first ${page.unmatchedShown} of ${page.unmatched})` : ""}</h3>
          <ul className="list-disc pl-5 text-sm">
            {run.unmatched.map((u) => (
              <li key={u.menteeId}>
                {u.name}: {u.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
