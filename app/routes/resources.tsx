// The resources library, open to anyone (members also see what is for members only): search by
// words, domain, kind and tag, with the matches highlighted. A GET form, so it works without
// scripts and every search has an address to share.
import { Form, Link } from "react-router";
import type { Route } from "./+types/resources";
import { Button, EmptyState, FilterInput, FilterSelect, PageHeader } from "../components/ui";
import { Marked } from "../resources/Marked";
import { siteTextHtml } from "../lib/site.server";
import { DomainBadge } from "../components/DomainBadge";
import { resourceTags, searchResources } from "../../db/queries/resources";
import { domainIds, domains, type DomainId } from "../../shared/domains";
import { resourceKindNames, resourceKinds } from "../../shared/resources/library";
import type { ResourceKind } from "../../db/schema";

export const meta = () => [{ title: "Resources · BC Compassionate Systems Leadership Network" }];

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => (values as readonly string[]).includes(value ?? "") ? (value as T) : undefined;

export async function loader({ context, request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const member = Boolean(context.auth?.user);
  const text = (url.searchParams.get("q") ?? "").slice(0, 200);
  const domain = oneOf<DomainId>(domainIds, url.searchParams.get("domain"));
  const kind = oneOf<ResourceKind>(resourceKinds, url.searchParams.get("kind"));
  const tags = await resourceTags(context.services.db, member);
  const tag = oneOf(tags.map((t) => t.tag), url.searchParams.get("tag"));
  const hits = await searchResources(context.services.db, context.services.dialect, { text, domain, kind, tag, includeMembersOnly: member });
  return {
    introHtml: await siteTextHtml(context, "resources-intro"),
    search: { q: text, domain: domain ?? "", kind: kind ?? "", tag: tag ?? "" },
    searched: Boolean(text || domain || kind || tag),
    tags,
    hits: hits.map((h) => ({
      slug: h.resource.slug,
      titleMarked: h.titleMarked,
      excerptMarked: h.excerptMarked,
      summary: h.resource.summary,
      domain: h.resource.domain,
      kind: resourceKindNames[h.resource.kind],
      membersOnly: h.resource.visibility === "members",
      pdf: Boolean(h.resource.file_name),
    })),
  };
}

export default function Resources({ loaderData }: Route.ComponentProps) {
  const { search, hits, tags } = loaderData;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title="Resources" description={<div className="markdown-body" dangerouslySetInnerHTML={{ __html: loaderData.introHtml }} />} />
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1 [&_input]:w-full">
          <FilterInput label="Search" name="q" type="search" defaultValue={search.q} maxLength={200} placeholder="deep listening, iceberg…" />
        </div>
        <FilterSelect label="Domain" name="domain" all="All" defaultValue={search.domain} options={domainIds.map((d) => ({ value: d, label: domains[d].label }))} />
        <FilterSelect label="Kind" name="kind" all="All" defaultValue={search.kind} options={resourceKinds.map((k) => ({ value: k, label: resourceKindNames[k] }))} />
        <FilterSelect label="Tag" name="tag" all="All" defaultValue={search.tag} options={tags.map((t) => ({ value: t.tag, label: `${t.tag} (${t.n})` }))} />
        <Button>Search</Button>
      </Form>
      {loaderData.searched ? (
        <p className="text-sm" role="status">
          {hits.length === 0 ? "Nothing matches." : `${hits.length} ${hits.length === 1 ? "resource matches" : "resources match"}.`} <Link to="/resources">Show everything</Link>
        </p>
      ) : null}
      {hits.length === 0 && !loaderData.searched ? <EmptyState>The library is empty for now.</EmptyState> : null}
      <ul className="divide-y divide-stone-200 dark:divide-stone-800">
        {hits.map((h) => (
          <li key={h.slug} className="py-4">
            <h2 className="text-lg font-semibold">
              <Link to={`/resources/${h.slug}`}>
                <Marked text={h.titleMarked} />
              </Link>
            </h2>
            <p className="flex flex-wrap items-center gap-2 text-sm text-stone-700 dark:text-stone-300">
              <DomainBadge domain={h.domain} /> {h.kind}
              {h.pdf ? " · PDF" : ""}
              {h.membersOnly ? " · Members only" : ""}
            </p>
            <p className="mt-1">{h.excerptMarked ? <Marked text={h.excerptMarked} markdown /> : h.summary}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
