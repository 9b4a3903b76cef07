// A facilitator's step-by-step reveal of a map: first the variables one at a time (the loops'
// variables first, in loop order, so each loop builds up as it is told), with the links between
// those already shown, then the loops one at a time.
export interface PresentVariable {
  id: string;
  x: number;
  y: number;
}

export interface PresentLoop {
  key: string;
  label: string;
  variableIds: string[];
}

export interface RevealStep {
  variableIds: string[];
  /** The loop this step is about, once every variable is shown. */
  loopKey: string | null;
}

export function revealOrder(variables: readonly PresentVariable[], loops: readonly PresentLoop[]): string[] {
  const present = new Set(variables.map((v) => v.id));
  const order: string[] = [];
  const seen = new Set<string>();
  const byLabel = [...loops].sort((a, b) => a.label.localeCompare(b.label, "en", { numeric: true }));
  for (const loop of byLabel) {
    for (const id of loop.variableIds) {
      if (!present.has(id) || seen.has(id)) continue;
      seen.add(id);
      order.push(id);
    }
  }
  const rest = variables.filter((v) => !seen.has(v.id)).sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id));
  return [...order, ...rest.map((v) => v.id)];
}

export function stepCount(variables: readonly PresentVariable[], loops: readonly PresentLoop[]): number {
  return variables.length + loops.length;
}

/** What step `step` (0-based, clamped) shows. */
export function revealStep(variables: readonly PresentVariable[], loops: readonly PresentLoop[], step: number): RevealStep {
  const order = revealOrder(variables, loops);
  const last = Math.max(0, stepCount(variables, loops) - 1);
  const at = Math.min(Math.max(0, Math.floor(step)), last);
  if (at < order.length) return { variableIds: order.slice(0, at + 1), loopKey: null };
  const byLabel = [...loops].sort((a, b) => a.label.localeCompare(b.label, "en", { numeric: true }));
  return { variableIds: order, loopKey: byLabel[at - order.length]?.key ?? null };
}
