// The author's own journal as one Markdown file: the only export of a journal there is.
import type { Route } from "./+types/journal.export";
import { requireUser } from "../lib/auth.server";
import { journalMarkdown } from "../../shared/journal/entries";
import { contentDisposition } from "../../server/resourceFiles";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const markdown = journalMarkdown(user.name, await context.services.journal.all(user.id));
  return new Response(markdown, {
    headers: { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": contentDisposition("attachment", "journal.md"), "Cache-Control": "private, no-store" },
  });
}
