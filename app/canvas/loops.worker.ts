// Loop analysis off the main thread: the diagram in, loops out.
import { findLoops, type LoopLink } from "../../shared/cld/loops";

self.onmessage = (event: MessageEvent<{ id: number; variableIds: string[]; links: LoopLink[] }>) => {
  const { id, variableIds, links } = event.data;
  const started = performance.now();
  const analysis = findLoops(variableIds, links);
  self.postMessage({ id, ...analysis, ms: performance.now() - started });
};
