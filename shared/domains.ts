// The three domains of Compassionate Systems Leadership. Each keeps one colour and one
// icon everywhere on the platform (docs: DESIGN.md).
export const domainIds = ["self", "each-other", "system"] as const;
export type DomainId = (typeof domainIds)[number];

export interface Domain {
  id: DomainId;
  label: string;
  summary: string;
}

export const domains: Record<DomainId, Domain> = {
  self: { id: "self", label: "Self", summary: "Reflection and mindfulness" },
  "each-other": { id: "each-other", label: "Each other", summary: "Generative conversation" },
  system: { id: "system", label: "The system", summary: "Systems thinking" },
};

export function parseDomains(stored: string): DomainId[] {
  return stored
    .split(",")
    .filter((value): value is DomainId => (domainIds as readonly string[]).includes(value));
}

export const formatDomains = (values: readonly DomainId[]): string =>
  domainIds.filter((id) => values.includes(id)).join(",");
