// An evaluation survey's report, for those who run surveys: respondents per round, each domain's
// mean and its change (paired t-test, Wilcoxon signed-rank, d_z and Hedges' g with 95% intervals),
// each question's answers, a breakdown by group, and open text as an unnamed list, with charts and
// their tables. Small-group protection (shared/evaluation/disclosure.ts) decides every figure;
// narrowing to groups that would show fewer than the threshold is refused in words.
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/evaluation.report";
import { ButtonLink, Card, FormError, PageHeader, Button } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { requireEvaluator, surveyOrNotFound } from "../lib/evaluation.server";
import { ChangeChart, MeansChart } from "../evaluation/Charts";
import { storedResponses, surveyItems } from "../../server/evaluation/surveys";
import { buildReport, type Summary } from "../../shared/evaluation/report";
import { fewPairs, type PairedChange } from "../../shared/evaluation/statistics";
import { designNames, likertLabels, roundNames } from "../../shared/evaluation/surveys";
import { domains } from "../../shared/domains";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `Report: ${data?.survey.title ?? "survey"} · CSL Commons` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireEvaluator(requireUser(context, request));
  const survey = await surveyOrNotFound(context, params.surveyId);
  const { db } = context.services;
  const filter = [...new Set(new URL(request.url).searchParams.getAll("group").map((g) => g.slice(0, 200)))].slice(0, 50);
  const [items, responses] = await Promise.all([surveyItems(db, survey.id), storedResponses(db, survey.id)]);
  const report = buildReport({ design: survey.design, threshold: survey.threshold, items, responses, filter });
  const head = { survey: { id: survey.id, title: survey.title, design: survey.design, threshold: survey.threshold }, filter };
  if (!report.ok) return data({ ...head, report }, { status: 400 });
  return { ...head, report };
}

const fixed = (n: number | null | undefined, digits = 2) => (n === null || n === undefined || !Number.isFinite(n) ? "—" : n.toFixed(digits));
const signed = (n: number | null | undefined) => (n === null || n === undefined ? "—" : `${n > 0 ? "+" : ""}${n.toFixed(2)}`);
const pValue = (p: number | null | undefined) => (p === null || p === undefined ? "—" : p < 0.001 ? "< 0.001" : p.toFixed(3));
const interval = (i: { low: number; high: number } | null | undefined) => (i ? `[${fixed(i.low)}, ${fixed(i.high)}]` : "—");
const isSummary = (cell: Summary | { suppressed: string }): cell is Summary => "n" in cell;

export default function Report({ loaderData }: Route.ComponentProps) {
  const { survey, filter, report } = loaderData;
  const filterForm = (
    <Form method="get" className="space-y-2">
      <fieldset>
        <legend className="text-sm font-medium">Narrow to groups (only groups large enough to show on their own)</legend>
        {report.groups.length === 0 ? (
          <p className="text-sm text-stone-700 dark:text-stone-300">No group is large enough to show on its own yet.</p>
        ) : (
          <div className="mt-1 flex flex-wrap gap-3">
            {report.groups.map((g) => (
              <label key={g} className="flex items-center gap-1 text-sm">
                <input type="checkbox" name="group" value={g} defaultChecked={filter.includes(g)} /> {g}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      {report.groups.length || filter.length ? (
        <div className="flex items-center gap-3">
          {report.groups.length ? <Button variant="secondary">Show</Button> : null}
          {filter.length ? <Link to="?">Everyone</Link> : null}
        </div>
      ) : null}
    </Form>
  );
  const header = (
    <PageHeader
      title={`Report: ${survey.title}`}
      description={
        <p>
          {designNames[survey.design]}. No figure here stands for fewer than {survey.threshold} people; groups too small to show alone are combined, with a second group when needed so that no figure can be worked out by subtraction.
          {filter.length ? ` Narrowed to: ${filter.join(", ")}.` : ""}
        </p>
      }
      actions={
        <>
          <ButtonLink to={`/evaluation/${survey.id}/research.csv`} reloadDocument variant="secondary">
            Research export (CSV)
          </ButtonLink>
          <ButtonLink to={`/evaluation/${survey.id}`} variant="secondary">
            The survey
          </ButtonLink>
        </>
      }
    />
  );
  if (!report.ok)
    return (
      <div className="space-y-6">
        {header}
        <FormError message={report.reason} />
        <Card>{filterForm}</Card>
      </div>
    );
  const { columns } = report;
  const rounds = survey.design === "pre-post" ? (["pre", "post"] as const) : (["single"] as const);
  return (
    <div className="space-y-6">
      {header}
      <Card>
        <dl className="mb-4 flex flex-wrap gap-6">
          {rounds.map((round, i) => (
            <div key={round}>
              <dt className="text-sm text-stone-700 dark:text-stone-300">People who answered {roundNames[round]}</dt>
              <dd className="text-xl font-semibold">{typeof report.respondents[i] === "number" ? report.respondents[i] : report.respondents[i].suppressed}</dd>
            </div>
          ))}
        </dl>
        {filterForm}
      </Card>

      {report.domains.length ? (
        <Card title="The three domains">
          <MeansChart
            title="Mean score by domain (1 strongly disagree – 5 strongly agree)"
            columns={columns.map((c) => c.label)}
            rows={report.domains.map((d) => ({ label: domains[d.domain].label, values: d.cells.map((c) => (isSummary(c) ? c.mean : null)) }))}
            table={
              <table className="w-full text-sm">
                <caption className="sr-only">Mean score by domain</caption>
                <thead>
                  <tr>
                    <th scope="col" className="text-left">
                      Domain
                    </th>
                    {columns.map((c) => (
                      <th key={c.label} scope="col" className="text-right">
                        {c.label}: mean (SD), n
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {report.domains.map((d) => (
                    <FigureRow key={d.domain} label={`${domains[d.domain].label} (${d.items} statements)`} cells={d.cells.map((c) => (isSummary(c) ? `${fixed(c.mean)} (${fixed(c.sd)}), ${c.n}` : c.suppressed))} />
                  ))}
                </tbody>
              </table>
            }
          />
        </Card>
      ) : null}

      {report.change ? (
        <Card title={`Change: ${columns[0].label.toLowerCase()} to ${columns[1].label.toLowerCase()}`}>
          {"suppressed" in report.change ? (
            <p>{report.change.suppressed}</p>
          ) : (
            <ChangeSection change={report.change} />
          )}
        </Card>
      ) : null}

      <Card title="Each question">
        <div className="space-y-6">
          {report.items.map(({ item, cells }) => (
            <section key={item.id}>
              <h3 className="font-medium">
                {item.prompt} {item.domain ? <span className="text-sm font-normal text-stone-700 dark:text-stone-300">({domains[item.domain].label})</span> : null}
              </h3>
              <table className="mt-1 w-full text-sm">
                <thead>
                  <tr>
                    <th scope="col" className="text-left">
                      {item.kind === "number" ? "" : "Answer"}
                    </th>
                    {cells.map((_, i) => (
                      <th key={i} scope="col" className="text-right">
                        {(item.kind === "likert" ? columns : columns.filter((c) => c.phase === "now"))[i]?.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {item.kind !== "number"
                    ? (item.kind === "likert" ? [...likertLabels] : item.choices).map((label, a) => (
                        <tr key={label} className="border-t border-stone-200 dark:border-stone-800">
                          <th scope="row" className="text-left font-normal">
                            {label}
                          </th>
                          {cells.map((c, i) => (
                            <td key={i} className="text-right tabular-nums">
                              {isSummary(c) && c.counts ? `${c.counts[a]} (${Math.round((100 * c.counts[a]) / Math.max(1, c.n))}%)` : a === 0 && !isSummary(c) ? c.suppressed : ""}
                            </td>
                          ))}
                        </tr>
                      ))
                    : null}
                  {item.kind !== "choice" ? (
                    <tr className="border-t border-stone-300 font-medium dark:border-stone-700">
                      <th scope="row" className="text-left">
                        Mean (SD), n
                      </th>
                      {cells.map((c, i) => (
                        <td key={i} className="text-right tabular-nums">
                          {isSummary(c) ? `${fixed(c.mean)} (${fixed(c.sd)}), ${c.n}` : c.suppressed}
                        </td>
                      ))}
                    </tr>
                  ) : null}
                </tbody>
              </table>
            </section>
          ))}
        </div>
      </Card>

      {report.breakdown ? (
        <Card title="By group (the last round, everyone)">
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th scope="col" className="text-left">
                  Group
                </th>
                <th scope="col" className="text-right">
                  People
                </th>
                {report.breakdown.domains.map((d) => (
                  <th key={d} scope="col" className="text-right">
                    {domains[d].label}: mean
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...report.breakdown.rows, report.breakdown.total].map((row) => (
                <FigureRow key={row.group} label={row.group} cells={[String(row.n), ...row.means.map((m) => fixed(m))]} />
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}

      {report.texts.length ? (
        <Card title="In their own words">
          <p className="mb-3 text-sm text-stone-700 dark:text-stone-300">Without names, in alphabetical order.</p>
          {report.texts.map((t) => (
            <section key={`${t.item.id}-${t.round}`} className="mb-4">
              <h3 className="font-medium">
                {t.item.prompt}
                {survey.design === "pre-post" ? ` (${roundNames[t.round]})` : ""}
              </h3>
              {Array.isArray(t.answers) ? (
                t.answers.length ? (
                  <ul className="mt-1 list-disc space-y-1 pl-6">
                    {t.answers.map((a, i) => (
                      <li key={i} className="whitespace-pre-line">
                        {a}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>Nobody wrote an answer.</p>
                )
              ) : (
                <p>{t.answers.suppressed}</p>
              )}
            </section>
          ))}
        </Card>
      ) : null}
    </div>
  );
}

function ChangeSection({ change }: { change: { before: string; after: string; pairs: number; unpaired: number; rows: { label: string; domain: string | null; change: PairedChange }[] } }) {
  const domainRows = change.rows.filter((r) => r.label.startsWith("Domain: "));
  return (
    <div className="space-y-4">
      <p>
        {change.pairs} people answered both{change.unpaired ? `; ${change.unpaired} ${change.unpaired === 1 ? "answer" : "answers"} could not be paired and count only in each round's figures` : ""}. Change is after minus before, on the five-point scale.
      </p>
      {change.pairs < fewPairs ? <p className="font-medium">Fewer than {fewPairs} pairs: the tests below say little and are best not read as evidence.</p> : null}
      <ChangeChart
        title="Mean change by domain, with 95% intervals"
        rows={domainRows.map((r) => ({ label: r.label.replace("Domain: ", ""), difference: r.change.meanDifference, low: r.change.differenceCi?.low ?? null, high: r.change.differenceCi?.high ?? null }))}
        table={
          <table className="w-full text-sm">
            <caption className="sr-only">Mean change by domain</caption>
            <thead>
              <tr>
                <th scope="col" className="text-left">
                  Domain
                </th>
                <th scope="col" className="text-right">
                  Change [95% CI]
                </th>
              </tr>
            </thead>
            <tbody>
              {domainRows.map((r) => (
                <FigureRow key={r.label} label={r.label.replace("Domain: ", "")} cells={[`${signed(r.change.meanDifference)} ${interval(r.change.differenceCi)}`]} />
              ))}
            </tbody>
          </table>
        }
      />
      {/* Wide: it scrolls sideways, and the keyboard can reach and scroll it. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Tests and effect sizes">
        <table className="w-full text-sm">
          <caption className="mb-1 text-left font-semibold">Tests and effect sizes</caption>
          <thead>
            <tr className="text-right align-bottom [&>th]:pl-3">
              <th scope="col" className="text-left">
                Domain or statement
              </th>
              <th scope="col">Pairs</th>
              <th scope="col">{change.before}</th>
              <th scope="col">{change.after}</th>
              <th scope="col">Change [95% CI]</th>
              <th scope="col">Paired t-test</th>
              <th scope="col">Wilcoxon signed-rank</th>
              <th scope="col">d_z [95% CI]</th>
              <th scope="col">Hedges&apos; g [95% CI]</th>
            </tr>
          </thead>
          <tbody>
            {change.rows.map((r) => {
              const c = r.change;
              return (
                <tr key={r.label} className="border-t border-stone-200 text-right tabular-nums whitespace-nowrap dark:border-stone-800 [&>td]:pl-3">
                  <th scope="row" className={`min-w-56 whitespace-normal py-1 text-left ${r.label.startsWith("Domain: ") ? "font-semibold" : "font-normal"}`}>
                    {r.label}
                  </th>
                  <td>{c.n}</td>
                  <td>{fixed(c.meanBefore)}</td>
                  <td>{fixed(c.meanAfter)}</td>
                  <td>
                    {signed(c.meanDifference)} {interval(c.differenceCi)}
                  </td>
                  <td>{c.t ? `t(${c.t.df}) = ${fixed(c.t.statistic)}, p ${pValue(c.t.p).startsWith("<") ? pValue(c.t.p) : `= ${pValue(c.t.p)}`}` : "—"}</td>
                  <td>{c.wilcoxon ? `W = ${fixed(c.wilcoxon.statistic, 1)}, p ${pValue(c.wilcoxon.p).startsWith("<") ? pValue(c.wilcoxon.p) : `= ${pValue(c.wilcoxon.p)}`} (${c.wilcoxon.method})` : "—"}</td>
                  <td>
                    {fixed(c.dz?.value)} {interval(c.dz?.ci)}
                  </td>
                  <td>
                    {fixed(c.hedgesG?.value)} {interval(c.hedgesG?.ci)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="mt-2 text-sm text-stone-700 dark:text-stone-300">
          d_z: mean change over the spread of people&apos;s changes. Hedges&apos; g: mean change over the spread of scores (before and after pooled), corrected for small samples. Wilcoxon: exact when possible, else the normal approximation; zero changes are left out.
        </p>
      </div>
    </div>
  );
}

/** A row of a figures table: its label, then its figures, right-aligned. */
function FigureRow({ label, cells }: { label: string; cells: string[] }) {
  return (
    <tr className="border-t border-stone-200 dark:border-stone-800">
      <th scope="row" className="py-1 text-left font-normal">
        {label}
      </th>
      {cells.map((c, i) => (
        <td key={i} className="py-1 text-right tabular-nums">
          {c}
        </td>
      ))}
    </tr>
  );
}
