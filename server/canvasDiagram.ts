// A canvas document read as its diagram, with its loops labelled as every editor labels them
// (the loops found on a worker thread, within the search's bounds), and each loop read aloud.
import * as Y from "yjs";
import { assignLabels } from "../shared/cld/loops";
import { loopLabels, readDiagram } from "../shared/cld/model";
import { readLoop, walkOrder } from "../shared/cld/walk";
import type { LoopReading } from "../shared/events";
import type { Services } from "./services";

export async function diagramOfState(services: Pick<Services, "cpu">, state: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const { variables, links } = readDiagram(doc);
  const stored = new Map(loopLabels(doc).entries());
  doc.destroy();
  const { loops, ...bounds } = await services.cpu.run({ kind: "listLoops", variableIds: variables.map((v) => v.id), links: links.map(({ id, from, to, polarity }) => ({ id, from, to, polarity })) });
  const labels = assignLabels(loops, stored);
  return {
    variables,
    links,
    loops: loops.map((l) => ({ key: l.key, label: labels.get(l.key)?.label ?? "", name: labels.get(l.key)?.name, kind: l.kind, length: l.length, linkIds: l.linkIds, variableIds: l.variableIds })),
    loopBounds: { found: bounds.found, complete: bounds.complete, maxLength: bounds.maxLength, cut: bounds.cut, unlisted: bounds.unlisted, listed: loops.length },
  };
}

/** Every loop of a canvas in the order a walk starts in (shortest first), read in plain language. */
export async function loopReadings(services: Pick<Services, "cpu" | "canvasEdits">, canvasId: string): Promise<LoopReading[]> {
  const { variables, links, loops } = await diagramOfState(services, await services.canvasEdits.state(canvasId));
  const labelOf = new Map(variables.map((v) => [v.id, v.label]));
  const byKey = new Map(loops.map((l) => [l.key, l]));
  return walkOrder(loops, (key) => byKey.get(key)!.label).map((key) => {
    const l = byKey.get(key)!;
    return { key, label: l.label, ...(l.name ? { name: l.name } : {}), kind: l.kind, reading: readLoop(l, links, (id) => labelOf.get(id) ?? "?") };
  });
}
