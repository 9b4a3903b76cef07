// The public pages' words (the home, and the introductions of events, resources and training),
// which the admin edits in Markdown (/network/site) without a deployment.
// Until a text is edited, its words here are shown.
export interface SiteText {
  key: string;
  /** Where it appears, for the editor. */
  label: string;
  defaultBody: string;
}

export const siteTexts: SiteText[] = [
  {
    key: "home-intro",
    label: "Home: what CSL is",
    defaultBody: `Compassionate Systems Leadership (CSL) brings together **mindfulness**, **generative conversation** and **systems thinking**, so that people who work with children and youth can lead change with care, for themselves, for each other and for the systems they work in.

The BC Compassionate Systems Leadership Network connects educators and child- and youth-serving professionals across the province who practise CSL together: in communities of practice every other week, in mentorship, and in workshops.`,
  },
  {
    key: "home-self",
    label: "Home: the self",
    defaultBody: "Reflection and mindfulness: noticing our own thinking, feelings and habits, and meeting them with compassion.",
  },
  {
    key: "home-each-other",
    label: "Home: each other",
    defaultBody: "Generative conversation: deep listening and honest dialogue that let a group think together better than any one of us alone.",
  },
  {
    key: "home-system",
    label: "Home: the system",
    defaultBody: "Systems thinking: seeing the structures and mental models beneath recurring problems, with tools such as the iceberg model and causal loop diagrams.",
  },
  {
    key: "home-training",
    label: "Home: training for districts and schools",
    defaultBody: "The network offers CSL learning for school districts, schools and organizations, from a first introduction to a year-long Going Deeper cohort. Tell us what you have in mind and see an estimate at once.",
  },
  {
    key: "events-intro",
    label: "Events and workshops: the introduction",
    defaultBody: "Gatherings of the BC Compassionate Systems Leadership Network, open to educators and child- and youth-serving professionals.",
  },
  {
    key: "resources-intro",
    label: "Resources: the introduction",
    defaultBody: "Practices, tools and readings for compassionate systems leadership, in its three domains: self, each other and the system.",
  },
  {
    key: "training-intro",
    label: "Request training: the introduction",
    defaultBody: "For districts, schools and organizations in British Columbia. Tell us what you have in mind: the director will write back, and you see an estimate at once.",
  },
];

export const siteTextKeys = siteTexts.map((t) => t.key);

/** Each text as the admin last wrote it, or its default. */
export function withDefaults(stored: Record<string, string>): Record<string, string> {
  return Object.fromEntries(siteTexts.map((t) => [t.key, stored[t.key] ?? t.defaultBody]));
}
