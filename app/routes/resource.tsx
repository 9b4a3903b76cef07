// One resource: its page (Markdown, sanitized), its link or its PDF, and the place on the
// platform where it is practised. Members-only resources ask a visitor to sign in.
import { Link } from "react-router";
import type { Route } from "./+types/resource";
import { ButtonLink, PageHeader } from "../components/ui";
import { DomainBadge } from "../components/DomainBadge";
import { actorOf, notFound, requireUser } from "../lib/auth.server";
import { resourceBySlug } from "../../db/queries/resources";
import { renderMarkdown } from "../../shared/markdown";
import { resourceAudienceNames, resourceKindNames } from "../../shared/resources/library";
import { may } from "../../shared/permissions";

export const meta = ({ data }: Route.MetaArgs) => [{ title: `${data?.title ?? "Resource"} · BC Compassionate Systems Leadership Network` }, ...(data?.summary ? [{ name: "description", content: data.summary }] : [])];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const resource = await resourceBySlug(context.services.db, params.slug);
  if (!resource) notFound("There is no such resource.");
  const user = context.auth?.user ?? null;
  if (resource.visibility === "members") requireUser(context, request);
  const megabytes = resource.file_bytes ? (resource.file_bytes / (1024 * 1024)).toLocaleString("en-CA", { maximumFractionDigits: 1 }) : null;
  return {
    id: resource.id,
    slug: resource.slug,
    title: resource.title,
    summary: resource.summary,
    bodyHtml: resource.body ? renderMarkdown(resource.body) : "",
    linkUrl: resource.link_url,
    file: resource.file_name ? { name: resource.file_name, size: megabytes === "0" ? "under 0.1 MB" : `${megabytes} MB` } : null,
    domain: resource.domain,
    kind: resourceKindNames[resource.kind],
    audience: resourceAudienceNames[resource.audience as keyof typeof resourceAudienceNames] ?? resource.audience,
    tags: resource.tags ? resource.tags.split(", ") : [],
    membersOnly: resource.visibility === "members",
    practice: resource.practice_href ? { href: resource.practice_href, label: resource.practice_label ?? "Practise it on the platform" } : null,
    canEdit: user ? may(actorOf(user), "network.resources") : false,
  };
}

export default function ResourcePage({ loaderData: r }: Route.ComponentProps) {
  return (
    <article className="mx-auto max-w-2xl space-y-6">
      <p className="text-sm">
        <Link to="/resources">All resources</Link>
      </p>
      <PageHeader
        title={r.title}
        description={
          <p className="flex flex-wrap items-center gap-2">
            <DomainBadge domain={r.domain} /> {r.kind} · For {r.audience.toLowerCase()}
            {r.membersOnly ? " · Members only" : ""}
          </p>
        }
        actions={r.canEdit ? <ButtonLink to={`/network/resources/${r.id}`} variant="secondary">Edit</ButtonLink> : null}
      />
      <p className="text-lg">{r.summary}</p>
      {r.bodyHtml ? <div className="markdown-body" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} /> : null}
      {r.linkUrl || r.file || r.practice ? (
        <div className="flex flex-wrap gap-3">
          {r.practice ? <ButtonLink to={r.practice.href}>{r.practice.label}</ButtonLink> : null}
          {r.file ? (
            <ButtonLink to={`/resources/${r.slug}/file`} variant="secondary" reloadDocument>
              Download the PDF ({r.file.size})
            </ButtonLink>
          ) : null}
          {r.linkUrl ? (
            <a href={r.linkUrl} rel="noopener noreferrer" className="inline-flex items-center rounded-md border border-stone-400 px-4 py-2 text-sm font-semibold no-underline hover:no-underline">
              Open the link
            </a>
          ) : null}
        </div>
      ) : null}
      {r.tags.length > 0 ? (
        <ul className="flex flex-wrap gap-2 text-sm" aria-label="Tags">
          {r.tags.map((t) => (
            <li key={t}>
              <Link to={`/resources?tag=${encodeURIComponent(t)}`} className="rounded-full border border-stone-300 px-2 py-0.5 dark:border-stone-700">
                {t}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
