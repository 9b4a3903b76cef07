// The public pages' words, edited by an admin in Markdown (sanitized when shown), each with its
// preview as the public home shows it; "the original words" brings back the platform's default.
import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/network.site";
import { Button, Card, Notice, PageHeader, TextArea } from "../components/ui";
import { actorOf, forbidden, requireUser } from "../lib/auth.server";
import { failureOf, invalid, parseForm, readForm } from "../lib/forms";
import { saveSiteText, siteTexts as storedTexts } from "../../db/queries/resources";
import { renderMarkdown } from "../../shared/markdown";
import { may } from "../../shared/permissions";
import { siteTextKeys, siteTexts } from "../../shared/site/texts";
import type { User } from "../../db/schema";

export const meta = () => [{ title: "The public pages' words · CSL Commons" }];

function requireAdmin(user: User) {
  if (!may(actorOf(user), "network.admin")) forbidden("The public pages' words are edited by the network's admins.");
}

export async function loader({ context, request }: Route.LoaderArgs) {
  requireAdmin(requireUser(context, request));
  const stored = await storedTexts(context.services.db);
  return {
    texts: siteTexts.map((t) => {
      const body = stored[t.key] ?? t.defaultBody;
      return { key: t.key, label: t.label, body, html: renderMarkdown(body), edited: t.key in stored };
    }),
  };
}

const schema = z.object({
  key: z.enum(siteTextKeys as [string, ...string[]], { message: "Choose one of the texts." }),
  body: z.string().trim().min(1, "Write something, or bring back the original words.").max(10_000, "Keep it under 10,000 characters."),
});

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireAdmin(user);
  const form = await readForm(request);
  const { db } = context.services;
  if (form.get("intent") === "original") {
    const key = String(form.get("key") ?? "");
    await db.deleteFrom("site_texts").where("key", "=", key).execute();
    return { saved: key };
  }
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  await saveSiteText(db, parsed.data.key, parsed.data.body, user.id);
  return { saved: parsed.data.key };
}

export default function SiteTexts({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const saved = actionData && "saved" in actionData ? actionData.saved : null;
  return (
    <div className="space-y-6">
      <PageHeader title="The public pages' words" description={<p>What visitors read on the <Link to="/">public home</Link> (sign out to see it as they do). Markdown: **bold**, *italic*, lists and [links](https://…); raw HTML is shown as text.</p>} />
      {saved ? <Notice>Saved. The public home shows it now.</Notice> : null}
      {loaderData.texts.map((t) => {
        const mine = failure?.values.key === t.key ? failure : undefined;
        return (
          <Card key={t.key} title={t.label}>
            <div className="grid gap-4 lg:grid-cols-2">
              <Form method="post" className="space-y-3">
                <input type="hidden" name="key" value={t.key} />
                <TextArea label="Words (Markdown)" name="body" rows={7} maxLength={10_000} defaultValue={mine?.values.body ?? t.body} error={mine?.errors.body} />
                <div className="flex flex-wrap gap-2">
                  <Button>Save</Button>
                  {t.edited ? (
                    <Button variant="quiet" name="intent" value="original">
                      Bring back the original words
                    </Button>
                  ) : null}
                </div>
              </Form>
              <div>
                <p className="text-sm font-medium">As visitors see it</p>
                <div className="markdown-body mt-1 rounded-md border border-stone-200 p-3 dark:border-stone-800" dangerouslySetInnerHTML={{ __html: t.html }} />
              </div>
            </div>
          </Card>
        );
      })}
    </div>
  );
}
