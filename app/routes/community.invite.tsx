import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/community.invite";
import { Button, Card, ConfirmAction, FormError, Notice, PageHeader, Select, TextArea } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { communityAccess } from "../lib/community.server";
import { confirmed, failureOf, formError, invalid, parseForm, readForm } from "../lib/forms";
import { createInvitation, invitationLifetimeMs, listPendingInvitations } from "../../db/queries/invitations";
import { nowIso } from "../../db/time";
import { findUserByEmail } from "../../db/queries/users";
import { notify } from "../../server/notices";
import { newSecretToken } from "../../server/auth/tokens";
import { formatDateTime } from "../../shared/format";
import { defaultTimezone } from "../../shared/recurrencePresets";

export const meta = () => [{ title: "Invite people · CSL Commons" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { community } = await communityAccess(context, user, params.slug, "community.invite");
  const pending = await listPendingInvitations(context.services.db, community.id);
  return {
    community: { name: community.name, slug: community.slug },
    pending: pending.map((p) => ({ id: p.id, email: p.email, role: p.community_role, expires: formatDateTime(p.expires_at, defaultTimezone) })),
  };
}

const emailList = z
  .string()
  .transform((text) => [...new Set(text.split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter(Boolean))])
  .pipe(
    z
      .array(z.email({ error: (issue) => `"${String(issue.input)}" is not an email address` }))
      .min(1, "Enter at least one email address")
      .max(50, "Invite at most 50 people at once"),
  );

const schema = z.object({
  emails: emailList,
  role: z.enum(["member", "facilitator"], { error: "Choose a role" }),
  message: z.string().trim().max(1000, "Keep the note under 1,000 characters").default(""),
});

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const { community } = await communityAccess(context, user, params.slug, "community.invite");
  const form = await readForm(request);
  if (form.get("intent") === "revoke" || form.get("intent") === "resend") return manageInvitation(context, form, community, user.name);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const { emails, role, message } = parsed.data;
  const { db } = context.services;
  const links: { email: string; url: string }[] = [];
  const members = new Map((await db.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id").select(["users.email", "memberships.role"]).where("memberships.community_id", "=", community.id).execute()).map((m) => [m.email, m.role]));
  const waiting = new Set((await listPendingInvitations(db, community.id)).map((p) => p.email));
  const skipped: { email: string; why: string }[] = [];
  for (const email of emails) {
    // A member may be invited to facilitate (they accept the role); otherwise there is nothing to invite them to.
    const current = members.get(email);
    if (current === "facilitator" || (current === "member" && role === "member")) {
      skipped.push({ email, why: current === "facilitator" ? "is already a facilitator" : "is already a member" });
      continue;
    }
    if (waiting.has(email)) {
      skipped.push({ email, why: "is already invited: resend it from the list below if it went astray" });
      continue;
    }
    const { token, hash } = await newSecretToken();
    const invitation = await createInvitation(db, { email, communityId: community.id, role, invitedBy: user.id, tokenHash: hash });
    const url = `${context.origin}/invite/${token}`;
    links.push({ email, url });
    await context.services.mailer.send(invitationEmail({ to: email, url, expiresAt: invitation.expires_at, inviter: user.name, community: community.name, role, message }));
    // Someone who already has an account also finds it in the bell; it leads to their invitations, never to the secret link.
    const invitee = await findUserByEmail(db, email);
    if (invitee) {
      await notify(context.services, [
        { userId: invitee.id, kind: "invitation", key: `invitation:${invitation.id}`, title: `${user.name} invites you to ${community.name}`, body: `${user.name} invites you to join ${community.name}${role === "facilitator" ? " as a facilitator" : ""}.`, href: "/invitations", bellOnly: true },
      ]);
    }
  }
  // Without an email server the facilitator shares the links by hand.
  return { sent: links.length, skipped, links: context.services.config.SMTP_URL ? [] : links };
}

function invitationEmail(i: { to: string; url: string; expiresAt: string; inviter: string; community: string; role: string; message?: string }) {
  return {
    to: i.to,
    kind: "invitation" as const,
    secretExpiresAt: i.expiresAt,
    subject: `${i.inviter} invites you to ${i.community} on CSL Commons`,
    text: `Hello,\n\n${i.inviter} invites you to join ${i.community}${i.role === "facilitator" ? " as a facilitator" : ""}, a community of practice of the BC Compassionate Systems Leadership Network.\n${i.message ? `\n${i.message}\n` : ""}\nAccept within 14 days:\n\n${i.url}\n`,
  };
}

/** Resending makes a new link (the old one stops working) and sends it; revoking ends the invitation. */
async function manageInvitation(context: Route.ActionArgs["context"], form: FormData, community: { id: string; name: string }, inviter: string) {
  const { db } = context.services;
  const id = String(form.get("invitationId") ?? "");
  const invitation = (await listPendingInvitations(db, community.id)).find((p) => p.id === id);
  if (!invitation) return formError(form, "That invitation was answered, revoked or has expired.", 404);
  if (form.get("intent") === "revoke") {
    if (!confirmed(form)) return formError(form, "Confirm that the invitation should be revoked.");
    await db.updateTable("invitations").set({ expires_at: nowIso() }).where("id", "=", id).where("accepted_at", "is", null).execute();
    return { revoked: invitation.email };
  }
  const { token, hash } = await newSecretToken();
  const expiresAt = new Date(Date.now() + invitationLifetimeMs).toISOString();
  // The new link replaces the one this page saw: of two resends at once, one sends.
  const { numUpdatedRows } = await db.updateTable("invitations").set({ token_hash: hash, expires_at: expiresAt }).where("id", "=", id).where("token_hash", "=", invitation.token_hash).where("accepted_at", "is", null).executeTakeFirst();
  if (!Number(numUpdatedRows)) return formError(form, "That invitation was just changed by someone else. Look at the list again.", 409);
  const url = `${context.origin}/invite/${token}`;
  await context.services.mailer.send(invitationEmail({ to: invitation.email, url, expiresAt, inviter, community: community.name, role: invitation.community_role }));
  return { resent: invitation.email, links: context.services.config.SMTP_URL ? [] : [{ email: invitation.email, url }] };
}

export default function InvitePeople({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const result = actionData && "sent" in actionData ? actionData : null;
  const resent = actionData && "resent" in actionData ? actionData : null;
  const revoked = actionData && "revoked" in actionData ? actionData.revoked : null;
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader title={`Invite people to ${loaderData.community.name}`} description={<Link to={`/communities/${loaderData.community.slug}`}>Back to the community</Link>} />
      {result ? (
        <Notice>
          <p>
            {result.sent === 1 ? "1 invitation is" : `${result.sent} invitations are`} on {result.sent === 1 ? "its" : "their"} way. Invitations work for 14 days.
          </p>
          {result.links.length > 0 ? (
            <div className="mt-2">
              <p>This server does not send email yet, so share these links yourself:</p>
              <ul className="mt-1 space-y-1">
                {result.links.map((l) => (
                  <li key={l.url}>
                    {l.email}: <a href={l.url} className="break-all font-mono">{l.url}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </Notice>
      ) : null}
      {result && result.skipped.length > 0 ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-semibold">Not sent twice:</p>
          <ul className="mt-1 list-disc pl-5">
            {result.skipped.map((s) => (
              <li key={s.email}>
                {s.email} {s.why}.
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {resent ? (
        <Notice>
          <p>A new invitation is on its way to {resent.resent}; the earlier link no longer works.</p>
          {(resent.links ?? []).map((l) => (
            <p key={l.url}>
              Share it yourself: <a href={l.url} className="break-all font-mono">{l.url}</a>
            </p>
          ))}
        </Notice>
      ) : null}
      {revoked ? <Notice>The invitation to {revoked} is revoked: its link no longer works.</Notice> : null}
      <Card>
        <Form method="post" className="space-y-5" noValidate>
          <FormError message={failure?.formError} />
          <TextArea label="Email addresses" name="emails" rows={3} hint="One or more, separated by commas or new lines." defaultValue={failure?.values.emails} error={failure?.errors.emails} />
          <Select
            label="Role in the community"
            name="role"
            defaultValue={failure?.values.role ?? "member"}
            error={failure?.errors.role}
            options={[
              { value: "member", label: "Member" },
              { value: "facilitator", label: "Facilitator" },
            ]}
          />
          <TextArea label="A note with the invitation (optional)" name="message" rows={3} defaultValue={failure?.values.message} error={failure?.errors.message} />
          <Button>Send invitations</Button>
        </Form>
      </Card>
      <Card title="Waiting for an answer">
        {loaderData.pending.length > 0 ? (
          <ul className="space-y-1">
            {loaderData.pending.map((p) => (
              <li key={p.id} className="flex flex-wrap items-start justify-between gap-2 border-b border-stone-100 pb-2 last:border-0 dark:border-stone-800">
                <span>
                  {p.email} · {p.role} · until {p.expires}
                </span>
                <span className="flex flex-wrap items-start gap-2">
                  <Form method="post">
                    <input type="hidden" name="invitationId" value={p.id} />
                    <Button name="intent" value="resend" variant="secondary" aria-label={`Resend the invitation to ${p.email}`}>
                      Resend
                    </Button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="invitationId" value={p.id} />
                    <ConfirmAction label="Revoke" intent="revoke" confirmLabel={`Yes, revoke the invitation to ${p.email}`} question={<p>Its link stops working at once.</p>} />
                  </Form>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-stone-700 dark:text-stone-300">No invitations are waiting.</p>
        )}
      </Card>
    </div>
  );
}
