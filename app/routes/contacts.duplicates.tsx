// Possible duplicate contacts (the same name at the same organization), each pair merged on the
// coordinator's word: both histories and both consent ledgers are kept on the contact kept.
import { Form, Link } from "react-router";
import type { Route } from "./+types/contacts.duplicates";
import { Button, Card, EmptyState, FormError, Notice, PageHeader } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { formError, readForm } from "../lib/forms";
import { requireContactKeeper } from "../lib/contacts.server";
import { mergeContacts, possibleDuplicates } from "../../db/queries/contacts";

export const meta = () => [{ title: "Possible duplicates · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  requireContactKeeper(user);
  return { groups: await possibleDuplicates(context.services.db) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireContactKeeper(user);
  const form = await readForm(request);
  const result = await mergeContacts(context.services.db, String(form.get("keepId") ?? ""), String(form.get("mergeId") ?? ""), user.id);
  if (result === "missing") return formError(form, "One of these contacts is gone already.", 404);
  if (result === "two-accounts") return formError(form, "Each has an account of their own: they are two people.", 409);
  return { merged: true as const };
}

export default function Duplicates({ loaderData, actionData }: Route.ComponentProps) {
  const result = actionData as { merged?: boolean; formError?: string } | undefined;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/network/contacts">Contacts</Link>
      </p>
      <PageHeader title="Possible duplicates" description={<p>The same name at the same organization. Merging keeps both histories and both consent records.</p>} />
      {result?.merged ? <Notice>Merged.</Notice> : null}
      <FormError message={result?.formError} />
      {loaderData.groups.length === 0 ? <EmptyState>No possible duplicates.</EmptyState> : null}
      {loaderData.groups.map((group) => (
        <Card key={group[0].id} title={`${group[0].name}${group[0].organization ? ` · ${group[0].organization}` : ""}`}>
          <ul className="space-y-2 text-sm">
            {group.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-3">
                <Link to={`/network/contacts/${c.id}`}>{c.email}</Link>
                {c.user_id ? <span>(has an account)</span> : null}
                {group
                  .filter((other) => other.id !== c.id)
                  .map((other) => (
                    <Form key={other.id} method="post">
                      <input type="hidden" name="keepId" value={c.id} />
                      <input type="hidden" name="mergeId" value={other.id} />
                      <Button variant="secondary">
                        Keep {c.email}, merge {other.email} into it
                      </Button>
                    </Form>
                  ))}
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </div>
  );
}
