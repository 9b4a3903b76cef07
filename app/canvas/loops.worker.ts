// Loop analysis off the main thread: the diagram in, loops and archetype hints out.
import { findArchetypes } from "../../shared/cld/archetypes";
import { findLoops } from "../../shared/cld/loops";
import type { WalkLink } from "../../shared/cld/walk";

self.onmessage = (event: MessageEvent<{ id: number; variableIds: string[]; links: WalkLink[] }>) => {
  const { id, variableIds, links } = event.data;
  const started = performance.now();
  const analysis = findLoops(variableIds, links);
  const hints = findArchetypes(analysis.loops, links);
  self.postMessage({ id, ...analysis, hints, ms: performance.now() - started });
};
