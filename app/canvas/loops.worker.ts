// Loop analysis off the main thread: the diagram in; the loops list (every loop of up to 32
// links, the shortest thousand listed, within a time budget) and archetype hints out.
import { findArchetypes } from "../../shared/cld/archetypes";
import { listLoops } from "../../shared/cld/loops";
import type { WalkLink } from "../../shared/cld/walk";

self.onmessage = (event: MessageEvent<{ id: number; variableIds: string[]; links: WalkLink[] }>) => {
  const { id, variableIds, links } = event.data;
  const started = performance.now();
  const list = listLoops(variableIds, links);
  const hints = findArchetypes(list.loops, links);
  self.postMessage({ id, ...list, hints, ms: performance.now() - started });
};
