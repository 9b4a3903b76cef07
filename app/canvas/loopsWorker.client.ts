// The loop-finding Web Worker, started in the browser only. A `.client` module is left out of
// the server build, so Vite's server-side transform never meets the worker's `import.meta.url`
// (which made `npm run dev` answer every page with a 500).
export const startLoopsWorker = (): Worker => new Worker(new URL("./loops.worker.ts", import.meta.url), { type: "module" });
