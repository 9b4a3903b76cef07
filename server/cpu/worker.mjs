// The worker thread's entry: teaches this thread TypeScript (as the server's own --import tsx
// does for the main thread; a worker does not inherit it on Node 20), then runs worker.ts.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
