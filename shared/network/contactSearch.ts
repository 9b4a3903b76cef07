// A search of the network's contacts as a coordinator writes it, read and checked: the same shape is
// saved as a segment and later chooses a newsletter's audience.
import { z } from "zod";
import { organizationTypes } from "./organizations";

export const contactFilterSchema = z.object({
  /** Words found in the name, email or organization's name. */
  q: z.string().trim().max(100).default(""),
  tag: z.string().trim().max(60).default(""),
  region: z.string().trim().max(80).default(""),
  type: z.enum(["", ...organizationTypes]).default(""),
  /** Only contacts at districts in the early-years transitions initiative. */
  sey2kt: z.boolean().default(false),
  /** Only people with an account on the platform ("members"), or only those without ("others"). */
  people: z.enum(["", "members", "others"]).default(""),
  /** Only members of this community (its id). */
  community: z.string().trim().max(40).default(""),
  /** Words found in the person's role (their role title, for members). */
  role: z.string().trim().max(80).default(""),
});
export type ContactFilter = z.infer<typeof contactFilterSchema>;

/** A filter from a page's address (unknown values are dropped, never an error page). */
export function filterFromParams(params: URLSearchParams): ContactFilter {
  const raw = {
    q: params.get("q") ?? "",
    tag: params.get("tag") ?? "",
    region: params.get("region") ?? "",
    type: params.get("type") ?? "",
    sey2kt: params.get("sey2kt") === "1",
    people: params.get("people") ?? "",
    community: params.get("community") ?? "",
    role: params.get("role") ?? "",
  };
  const parsed = contactFilterSchema.safeParse(raw);
  return parsed.success ? parsed.data : contactFilterSchema.parse({ q: raw.q.slice(0, 100) });
}

/** The filter back as address parameters, without empty ones. */
export function filterParams(filter: ContactFilter): Record<string, string> {
  return Object.fromEntries(Object.entries({ ...filter, sey2kt: filter.sey2kt ? "1" : "" }).filter(([, v]) => v !== ""));
}
