// Feedback loops of a causal loop diagram: every elementary cycle up to a length, each
// classified as reinforcing (an even number of − links), balancing (odd), or unsigned when one of
// its links has a polarity nobody has decided yet ("?", as Kumu maps often leave it).
//
// Enumeration follows Johnson (1975): cycles are rooted at their least vertex, and the search
// from a root stays inside that root's strongly connected component among vertices after it.
// Johnson's blocking sets assume an unbounded search: with a length bound they can wrongly prune
// a vertex (Gupta & Suzumura, 2021). Bounded searches therefore prune with the exact
// distance back to the root instead: a path is extended only if it can still close within the
// bound. Links, not vertex pairs, form a loop, so parallel links give distinct loops.

export type Polarity = "+" | "-" | "?";

export type LoopKind = "R" | "B" | "U";

/** How people read a loop's kind. */
export const loopKindNames: Record<LoopKind, string> = { R: "reinforcing", B: "balancing", U: "unsigned (a link's polarity is not known)" };

export const polaritySigns: Record<Polarity, string> = { "+": "+", "-": "−", "?": "?" };
export const polarityNames: Record<Polarity, string> = { "+": "positive", "-": "negative", "?": "polarity not known yet" };
/** The polarity a click moves to: + → − → ? → +. */
export const nextPolarity = (p: Polarity): Polarity => (p === "+" ? "-" : p === "-" ? "?" : "+");

/** The polarity a stored or imported value means: "+", "-" or "?"; anything else is "+". */
export const readPolarity = (value: unknown): Polarity => (value === "-" || value === "?" ? value : "+");

export interface LoopLink {
  id: string;
  from: string;
  to: string;
  polarity: Polarity;
}

export interface Loop {
  /** Stable identity: the loop's link ids, rotated to start at the smallest. */
  key: string;
  linkIds: string[];
  /** Variables in the loop's order, starting where its first link starts. */
  variableIds: string[];
  kind: LoopKind;
  length: number;
}

export interface LoopAnalysis {
  /** The shortest loops found (at most `maxLoops`), shortest first. */
  loops: Loop[];
  /** True when more loops exist than are listed: more were found, or a bound stopped the search. */
  truncated: boolean;
  /** How many loops the search found, listed or not. */
  found: number;
  /** True when the search ran to its end (every loop within the length bound was found). */
  complete: boolean;
  /**
   * Variables that lie on a feedback loop (they are in a strongly connected part of the map) but
   * on none of the loops listed: loops through them are longer than the length bound, or were
   * not reached before the search stopped. Never silently "no loops".
   */
  unlisted: number;
}

export interface LoopBounds {
  maxLength: number;
  /** Loops listed at most: the shortest are kept, and the rest counted. */
  maxLoops: number;
  /** Links followed at most, so that no map can hold the search (or a server thread) for long. */
  maxSteps?: number;
  /** Asked every thousand steps: true stops the search (a time budget). */
  stop?: () => boolean;
}

export const defaultLoopBounds: LoopBounds = { maxLength: 10, maxLoops: 5000, maxSteps: 3_000_000 };

/** Tarjan's strongly connected components, iteratively; returns a component id per vertex. */
function components(n: number, out: number[][]): number[] {
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const component = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      if (i < out[v].length) {
        frame[1] += 1;
        const w = out[v][i];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
      } else {
        work.pop();
        if (work.length) low[work[work.length - 1][0]] = Math.min(low[work[work.length - 1][0]], low[v]);
        if (low[v] === index[v]) {
          let w: number;
          do {
            w = stack.pop()!;
            onStack[w] = false;
            component[w] = count;
          } while (w !== v);
          count++;
        }
      }
    }
  }
  return component;
}

export function loopKey(linkIds: readonly string[]): string {
  let start = 0;
  for (let i = 1; i < linkIds.length; i++) if (linkIds[i] < linkIds[start]) start = i;
  return [...linkIds.slice(start), ...linkIds.slice(0, start)].join(">");
}

export function findLoops(variableIds: readonly string[], links: readonly LoopLink[], bounds: LoopBounds = defaultLoopBounds): LoopAnalysis {
  const order = [...new Set(variableIds)].sort();
  const at = new Map(order.map((id, i) => [id, i]));
  const n = order.length;
  const edges = links.filter((l) => at.has(l.from) && at.has(l.to));
  const outEdges: LoopLink[][] = Array.from({ length: n }, () => []);
  for (const link of edges) outEdges[at.get(link.from)!].push(link);
  let loops: Loop[] = [];
  let found = 0;
  let stopped = false;
  let steps = 0;
  // Loops longer than this cannot be among the shortest `maxLoops`: they are counted, not kept.
  let longest = Infinity;
  const byLength = (a: Loop, b: Loop) => a.length - b.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const trim = () => {
    loops.sort(byLength);
    loops = loops.slice(0, bounds.maxLoops);
    if (loops.length === bounds.maxLoops) longest = loops[loops.length - 1].length;
  };

  const emit = (path: LoopLink[]) => {
    found++;
    if (path.length > longest || bounds.maxLoops === 0) return;
    const negatives = path.filter((l) => l.polarity === "-").length;
    const unknown = path.some((l) => l.polarity === "?");
    const key = loopKey(path.map((l) => l.id));
    const first = key.split(">")[0];
    const startAt = path.findIndex((l) => l.id === first);
    const rotated = [...path.slice(startAt), ...path.slice(0, startAt)];
    loops.push({ key, linkIds: rotated.map((l) => l.id), variableIds: rotated.map((l) => l.from), kind: unknown ? "U" : negatives % 2 === 0 ? "R" : "B", length: path.length });
    if (loops.length >= 2 * bounds.maxLoops) trim();
  };

  for (let s = 0; s < n && !stopped; s++) {
    // The subgraph of vertices s..n-1, and its strongly connected component holding s.
    const out = outEdges.map((list, v) => (v < s ? [] : list.map((l) => at.get(l.to)!).filter((w) => w >= s)));
    const component = components(n, out);
    const inScope = (v: number) => v >= s && component[v] === component[s];
    // Distance from each vertex back to s inside the scope (reverse breadth-first search).
    const back = new Array<number>(n).fill(Infinity);
    back[s] = 0;
    const queue = [s];
    const incoming: number[][] = Array.from({ length: n }, () => []);
    for (let v = s; v < n; v++) if (inScope(v)) for (const w of out[v]) if (inScope(w)) incoming[w].push(v);
    while (queue.length) {
      const w = queue.shift()!;
      for (const v of incoming[w]) if (back[v] === Infinity) {
        back[v] = back[w] + 1;
        queue.push(v);
      }
    }
    const onPath = new Array<boolean>(n).fill(false);
    const path: LoopLink[] = [];
    const search = (v: number) => {
      onPath[v] = true;
      for (const link of outEdges[v]) {
        if (stopped) break;
        if (++steps > (bounds.maxSteps ?? Infinity) || ((steps & 1023) === 0 && bounds.stop?.())) {
          stopped = true;
          break;
        }
        const w = at.get(link.to)!;
        if (!inScope(w)) continue;
        if (w === s) {
          path.push(link);
          emit(path);
          path.pop();
        } else if (!onPath[w] && path.length + 1 + back[w] <= bounds.maxLength) {
          path.push(link);
          search(w);
          path.pop();
        }
      }
      onPath[v] = false;
    };
    search(s);
  }
  trim();
  // Every variable of a strongly connected part of the map lies on some loop.
  const everyOut = outEdges.map((list) => list.map((l) => at.get(l.to)!));
  const component = components(n, everyOut);
  const size = new Map<number, number>();
  for (const c of component) size.set(c, (size.get(c) ?? 0) + 1);
  const covered = new Set(loops.flatMap((l) => l.variableIds));
  let unlisted = 0;
  for (let v = 0; v < n; v++) {
    const onALoop = size.get(component[v])! > 1 || everyOut[v].includes(v);
    if (onALoop && !covered.has(order[v])) unlisted++;
  }
  return { loops, truncated: stopped || found > loops.length, found, complete: !stopped, unlisted };
}

/** The loops list's reach: Vensim's (every loop of up to 32 links), the first thousand shortest listed. */
export const loopListBounds = { maxLength: 32, listed: 1000, budgetMs: 1000, fallbackLengths: [12, 8] } as const;

export interface LoopList extends LoopAnalysis {
  /** The length bound of the search whose loops are listed. */
  maxLength: number;
  /** When the search up to 32 links ran out of time: how many loops it had found by then. */
  cut: { maxLength: number; found: number; budgetMs: number } | null;
}

/**
 * Every loop of up to 32 links, the 1,000 shortest listed and the rest counted, within a time
 * budget. A search that runs out of time is done again with a shorter length bound (12, then 8
 * links), so that what is listed is always the shortest loops and the count is exact up to the
 * bound that finished; what the longer search had found by then is said too. Never silently fewer.
 */
export function listLoops(variableIds: readonly string[], links: readonly LoopLink[], options: { budgetMs?: number; now?: () => number } = {}): LoopList {
  const now = options.now ?? (() => performance.now());
  const budgetMs = options.budgetMs ?? loopListBounds.budgetMs;
  let cut: LoopList["cut"] = null;
  const lengths = [loopListBounds.maxLength, ...loopListBounds.fallbackLengths];
  for (const [i, maxLength] of lengths.entries()) {
    const deadline = now() + budgetMs;
    const analysis = findLoops(variableIds, links, { maxLength, maxLoops: loopListBounds.listed, stop: () => now() > deadline });
    if (analysis.complete || i === lengths.length - 1) return { ...analysis, maxLength, cut };
    cut ??= { maxLength, found: analysis.found, budgetMs };
  }
  throw new Error("unreachable");
}

export interface LoopLabel {
  label: string;
  name?: string;
}

/**
 * Labels R1, R2 … and B1, B2 … that stay with their loop: a loop keeps the label it has (when its
 * kind still matches), new loops take the lowest free numbers in key order, and of two loops that
 * ended up with the same label the one with the smaller key keeps it. Deterministic, so every
 * client computes the same labels from the same document.
 */
export function assignLabels(loops: readonly Loop[], stored: ReadonlyMap<string, LoopLabel>): Map<string, LoopLabel> {
  const result = new Map<string, LoopLabel>();
  const used = { R: new Set<number>(), B: new Set<number>(), U: new Set<number>() };
  const sorted = [...loops].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const waiting: Loop[] = [];
  for (const loop of sorted) {
    const previous = stored.get(loop.key);
    const match = previous ? /^([RBU])(\d+)$/.exec(previous.label) : null;
    const number = match && match[1] === loop.kind ? Number(match[2]) : null;
    if (number !== null && !used[loop.kind].has(number)) {
      used[loop.kind].add(number);
      result.set(loop.key, { ...previous!, label: `${loop.kind}${number}` });
    } else waiting.push(loop);
  }
  const next = { R: 1, B: 1, U: 1 };
  for (const loop of waiting) {
    while (used[loop.kind].has(next[loop.kind])) next[loop.kind]++;
    used[loop.kind].add(next[loop.kind]);
    const previous = stored.get(loop.key);
    result.set(loop.key, { ...(previous?.name ? { name: previous.name } : {}), label: `${loop.kind}${next[loop.kind]}` });
  }
  return result;
}

/**
 * Whether this client is the one that stores loop labels: every editor computes the same labels,
 * and the one with the lowest presence id among those the server marks as editors writes them,
 * so a loop is labelled once, not by every editor at once (which cost N² messages).
 */
export function keepsLoopLabels(myClientId: number, others: Iterable<{ clientId: number; editor: boolean }>): boolean {
  for (const other of others) if (other.editor && other.clientId < myClientId) return false;
  return true;
}

const count = (n: number) => n.toLocaleString("en-CA");

export type LoopListBounds = Pick<LoopList, "found" | "complete" | "maxLength" | "cut" | "unlisted"> & { listed: number };

/** What a loops list leaves out, said plainly: never "no loops" when there are loops it could not list. */
export function loopListNote(list: LoopListBounds): string[] {
  const notes: string[] = [];
  if (list.cut)
    notes.push(
      `The search for loops of up to ${list.cut.maxLength} links ran out of its time (${list.cut.budgetMs / 1000} s) after finding ${count(list.cut.found)}; ${list.complete ? `every loop of up to ${list.maxLength} links was counted: ${count(list.found)}.` : `a search of up to ${list.maxLength} links ran out of time too, after finding ${count(list.found)}.`}`,
    );
  if (list.found > list.listed) notes.push(`Listed: the ${count(list.listed)} shortest of ${list.complete ? "" : "at least "}${count(list.found)} loops; ${count(list.found - list.listed)} longer ones are counted, not listed.`);
  if (list.unlisted > 0) notes.push(`${list.unlisted === 1 ? "1 variable sits" : `${count(list.unlisted)} variables sit`} on feedback loops that are not listed (longer than ${list.maxLength} links${list.found > list.listed || !list.complete ? ", or beyond the list" : ""}).`);
  return notes;
}
