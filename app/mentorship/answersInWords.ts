// A participant's intake answers as label and value, in words: for their partner on the pair page and
// for coordinators on the participants page. Empty answers are left out.
import { domainNames, sectorNames, timeWindowNames, type Domain, type Sector, type TimeWindow } from "../../shared/mentorship/profiles";

export function answersInWords(answers: Record<string, unknown>): [string, string][] {
  const list = <T extends string>(key: string, names: Record<T, string>) => ((answers[key] as T[] | undefined) ?? []).map((v) => names[v] ?? v).join(", ");
  const pairs: [string, string][] = [
    ["Years of CSL practice", String(answers.yearsPractice ?? "")],
    ["Region", `${String(answers.region ?? "")}${answers.district ? `, district ${String(answers.district)}` : ""}`],
    ["Sectors", list<Sector>("sectors", sectorNames)],
    ["Languages", ((answers.languages as string[] | undefined) ?? []).join(", ")],
    ["Free", list<TimeWindow>("availability", timeWindowNames)],
    ["Strengths", list<Domain>("strengths", domainNames)],
    ["Focus", list<Domain>("focus", domainNames)],
    ["Goals", String(answers.goals ?? "")],
    // The cycle's multiple-choice questions and its open questions, each as it was asked.
    ...Object.entries((answers.choices as Record<string, string> | undefined) ?? {}),
    ...Object.entries((answers.extra as Record<string, string> | undefined) ?? {}),
  ];
  return pairs.filter(([, v]) => v);
}
