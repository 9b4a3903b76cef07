import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/community.invite";
import { Button, Card, FormError, Notice, PageHeader, Select, TextArea } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { communityAccess } from "../lib/community.server";
import { failureOf, invalid, parseForm, readForm } from "../lib/forms";
import { createInvitation, listPendingInvitations } from "../../db/queries/invitations";
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
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const { emails, role, message } = parsed.data;
  const links: { email: string; url: string }[] = [];
  for (const email of emails) {
    const { token, hash } = await newSecretToken();
    const invitation = await createInvitation(context.services.db, { email, communityId: community.id, role, invitedBy: user.id, tokenHash: hash });
    const url = `${context.origin}/invite/${token}`;
    links.push({ email, url });
    await context.services.mailer.send({
      to: email,
      kind: "invitation",
      secretExpiresAt: invitation.expires_at,
      subject: `${user.name} invites you to ${community.name} on CSL Commons`,
      text: `Hello,\n\n${user.name} invites you to join ${community.name}${role === "facilitator" ? " as a facilitator" : ""}, a community of practice of the BC Compassionate Systems Leadership Network.\n${message ? `\n${message}\n` : ""}\nAccept within 14 days:\n\n${url}\n`,
    });
  }
  // Without an email server the facilitator shares the links by hand.
  return { sent: emails.length, links: context.services.config.SMTP_URL ? [] : links };
}

export default function InvitePeople({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const result = actionData && "sent" in actionData ? actionData : null;
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
              <li key={p.id}>
                {p.email} · {p.role} · until {p.expires}
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
