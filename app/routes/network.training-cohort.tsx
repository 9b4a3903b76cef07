// A Going Deeper request's cohort, for the director: open it (its application link to share),
// the applications to accept or decline, the cohort's community (made at the first acceptance),
// and the participants' fees on the quote (a new quote version for the people accepted).
import { Form, Link } from "react-router";
import type { Route } from "./+types/network.training-cohort";
import { Button, Card, EmptyState, Field, FormError, Notice, PageHeader } from "../components/ui";
import { notFound, requireUser } from "../lib/auth.server";
import { requireEventKeeper } from "../lib/events.server";
import { formError, readForm } from "../lib/forms";
import { decideApplication, openCohort } from "../../db/queries/cohorts";
import { saveQuoteVersion } from "../../db/queries/training";
import { formatCad, rates } from "../../shared/training/quote";
import { formatDateTime } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";
import { newSecretToken } from "../../server/auth/tokens";
import { invitationLifetimeMs } from "../../db/queries/invitations";
import type { DB } from "../../db/connect";

export const meta = () => [{ title: "Going Deeper cohort · CSL Commons" }];

async function requestOf(context: Route.LoaderArgs["context"], id: string | undefined) {
  const r = await context.services.db.selectFrom("training_requests").selectAll().where("id", "=", id ?? "").executeTakeFirst();
  if (!r || r.offering !== "going-deeper") notFound("There is no such Going Deeper request.");
  return r;
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireEventKeeper(requireUser(context, request));
  const r = await requestOf(context, params.requestId);
  const { db } = context.services;
  const cohort = await db.selectFrom("cohorts").leftJoin("communities", "communities.id", "cohorts.community_id").select(["cohorts.id", "cohorts.name", "cohorts.slug", "cohorts.applications_open", "communities.slug as communitySlug"]).where("request_id", "=", r.id).executeTakeFirst();
  const applications = cohort ? await db.selectFrom("cohort_applications").selectAll().where("cohort_id", "=", cohort.id).orderBy("created_at").execute() : [];
  const accepted = applications.filter((a) => a.status === "accepted").length;
  return {
    request: { id: r.id, organization: r.organization },
    defaultName: `Going Deeper ${new Date().getFullYear()}–${(new Date().getFullYear() + 1) % 100}: ${r.organization}`,
    cohort: cohort ? { ...cohort, applyUrl: `${context.services.origin()}/cohorts/${cohort.slug}/apply` } : null,
    applications: applications.map((a) => ({ id: a.id, name: a.name, email: a.email, role: a.role, organization: a.organization, reasons: a.reasons, status: a.status, at: formatDateTime(a.created_at, defaultTimezone) })),
    accepted,
    fees: formatCad(accepted * rates.goingDeeperCents),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireEventKeeper(user);
  const r = await requestOf(context, params.requestId);
  const { db, dialect, mailer } = context.services;
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "open") {
    const name = String(form.get("name") ?? "").trim();
    if (name.length < 3 || name.length > 120) return formError(form, "Name the cohort (3 to 120 characters).");
    await openCohort(db, r.id, name);
    return { notice: "The cohort is open for applications. Share its link." };
  }
  const cohort = await db.selectFrom("cohorts").selectAll().where("request_id", "=", r.id).executeTakeFirst();
  if (!cohort) return formError(form, "Open the cohort first.");
  if (intent === "close" || intent === "reopen") {
    await db.updateTable("cohorts").set({ applications_open: intent === "reopen" ? 1 : 0 }).where("id", "=", cohort.id).execute();
    return { notice: intent === "reopen" ? "Applications are open again." : "Applications are closed." };
  }
  if (intent === "quote-fees") {
    const accepted = Number((await db.selectFrom("cohort_applications").select((eb) => eb.fn.countAll<number>().as("n")).where("cohort_id", "=", cohort.id).where("status", "=", "accepted").executeTakeFirstOrThrow()).n);
    if (accepted === 0) return formError(form, "No one is accepted yet.");
    const saved = await saveQuoteVersion(db, dialect, r.id, { offering: "going-deeper", hours: 0, participants: accepted, facilitators: 1, prepHours: 0 }, `Fees for the ${accepted} participants accepted into ${cohort.name}.`, user.id);
    return { notice: `Quote version ${saved?.version} saved for ${accepted} participants. Send it from the request's page.` };
  }
  if (intent === "accept" || intent === "decline") {
    const { token, hash } = await newSecretToken();
    const origin = context.services.origin();
    const ids: string[] = [];
    const decision = await decideApplication(db, dialect, cohort.id, String(form.get("applicationId") ?? ""), intent === "accept" ? "accepted" : "declined", user.id, hash, async (trx, d, cohortName) => {
      const community = d.communityId ? await trx.selectFrom("communities").select("slug").where("id", "=", d.communityId).executeTakeFirst() : undefined;
      const text =
        d.status === "declined"
          ? `Hello ${d.name},\n\nThank you for applying to ${cohortName}. We are not able to offer you a place in this cohort. We hope to see you in the network's communities of practice and events.`
          : d.joined
            ? `Hello ${d.name},\n\nWelcome to ${cohortName}! You are a member of the cohort's community on CSL Commons:\n\n${origin}/communities/${community?.slug}\n\nIts meetings will appear on your home page.`
            : `Hello ${d.name},\n\nWelcome to ${cohortName}! The cohort meets in its own community on CSL Commons. Accept your invitation within 14 days to make your account and join it:\n\n${origin}/invite/${token}`;
      ids.push(await mailer.record(trx as unknown as DB, { to: d.email, kind: "cohort", subject: d.status === "declined" ? `Your application to ${cohortName}` : `Welcome to ${cohortName}`, text, secretExpiresAt: d.invited ? new Date(Date.now() + invitationLifetimeMs).toISOString() : undefined }));
    });
    mailer.release(ids);
    if (decision.outcome === "missing") notFound("There is no such application.");
    if (decision.outcome === "already") return formError(form, "That application was decided already (perhaps by someone else just now).", 409);
    return { notice: decision.status === "declined" ? `${decision.name} was told.` : `${decision.name} is accepted${decision.joined ? " and in the cohort's community" : " and invited to the cohort's community"}.` };
  }
  return formError(form, "Choose what to do.");
}

export default function Cohort({ loaderData, actionData }: Route.ComponentProps) {
  const { cohort, applications } = loaderData;
  const result = actionData as { notice?: string; formError?: string } | undefined;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={`/network/training/${loaderData.request.id}`}>The request from {loaderData.request.organization}</Link>
      </p>
      <PageHeader title={cohort?.name ?? "Going Deeper cohort"} />
      {result?.notice ? <Notice>{result.notice}</Notice> : null}
      <FormError message={result?.formError} />
      {!cohort ? (
        <Card title="Open the cohort">
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="open" />
            <Field label="The cohort's name" name="name" defaultValue={loaderData.defaultName} maxLength={120} required />
            <Button>Open it for applications</Button>
          </Form>
        </Card>
      ) : (
        <>
          <Card title="Applications">
            <p className="mb-3">
              {cohort.applications_open ? "Open. Share the link to apply: " : "Closed. The link to apply was: "}
              <code className="break-all">{cohort.applyUrl}</code>
            </p>
            <Form method="post" className="mb-4">
              <Button name="intent" value={cohort.applications_open ? "close" : "reopen"} variant="secondary">
                {cohort.applications_open ? "Close applications" : "Open applications again"}
              </Button>
            </Form>
            {applications.length === 0 ? (
              <EmptyState>No application yet.</EmptyState>
            ) : (
              <ul className="divide-y divide-stone-200 dark:divide-stone-800">
                {applications.map((a) => (
                  <li key={a.id} className="py-3">
                    <p className="font-medium">
                      {a.name} ({a.email}){a.role ? `, ${a.role}` : ""}
                      {a.organization ? `, ${a.organization}` : ""}
                    </p>
                    <p className="text-sm text-stone-700 dark:text-stone-300">Applied {a.at}</p>
                    <p className="mt-1 whitespace-pre-wrap">{a.reasons}</p>
                    {a.status === "applied" ? (
                      <Form method="post" className="mt-2 flex gap-2">
                        <input type="hidden" name="applicationId" value={a.id} />
                        <Button name="intent" value="accept">
                          Accept {a.name}
                        </Button>
                        <Button name="intent" value="decline" variant="secondary">
                          Decline
                        </Button>
                      </Form>
                    ) : (
                      <p className="mt-1 text-sm font-semibold">{a.status === "accepted" ? "Accepted" : "Declined"}</p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="The cohort">
            <p>
              {loaderData.accepted} accepted · fees {loaderData.fees} ({formatCad(rates.goingDeeperCents)} per participant for the year).
              {cohort.communitySlug ? (
                <>
                  {" "}
                  Its community: <Link to={`/communities/${cohort.communitySlug}`}>{cohort.name}</Link>; <Link to={`/communities/${cohort.communitySlug}/meetings/new`}>plan its meetings</Link> (a series every month, say) as for any community.
                </>
              ) : (
                " Its community is made when the first person is accepted."
              )}
            </p>
            <Form method="post" className="mt-3">
              <Button name="intent" value="quote-fees" variant="secondary">
                Put the accepted participants&apos; fees on the quote
              </Button>
            </Form>
          </Card>
        </>
      )}
    </div>
  );
}
