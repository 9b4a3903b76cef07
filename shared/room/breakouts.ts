// Splitting the people present into breakout groups: at random into N groups, at random into
// groups of about N people, or by the facilitator's hand. Pure; the random source is passed in.
export type BreakoutPlan =
  | { mode: "groups"; count: number }
  | { mode: "size"; size: number }
  | { mode: "manual"; groups: string[][] };

export type SplitResult = { ok: true; groups: string[][] } | { ok: false; error: string };

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Deals people round-robin into `count` groups, so sizes differ by at most one. */
function deal(people: readonly string[], count: number): string[][] {
  const groups: string[][] = Array.from({ length: count }, () => []);
  people.forEach((id, i) => groups[i % count].push(id));
  return groups;
}

export function splitIntoGroups(people: readonly string[], plan: BreakoutPlan, random: () => number = Math.random): SplitResult {
  if (plan.mode === "manual") {
    const assigned = plan.groups.flat();
    if (new Set(assigned).size !== assigned.length) return { ok: false, error: "Someone is in two groups." };
    const absent = assigned.filter((id) => !people.includes(id));
    if (absent.length > 0) return { ok: false, error: "Some people in the groups are not in the room." };
    const groups = plan.groups.filter((g) => g.length > 0);
    if (groups.length < 2) return { ok: false, error: "Make at least two groups." };
    return { ok: true, groups };
  }
  if (people.length < 2) return { ok: false, error: "At least two people are needed for breakout groups." };
  // Nobody is left alone: at most one group for every two people.
  const most = Math.floor(people.length / 2);
  if (plan.mode === "groups" && plan.count > most) return { ok: false, error: `${plan.count} groups of ${people.length} people would leave someone alone: make at most ${most}.` };
  const count = plan.mode === "groups" ? plan.count : Math.min(most, Math.max(1, Math.round(people.length / plan.size)));
  if (count < 2) return { ok: false, error: `With ${people.length} people that makes only one group, or leaves someone alone. Choose smaller groups.` };
  return { ok: true, groups: deal(shuffled(people, random), count) };
}
