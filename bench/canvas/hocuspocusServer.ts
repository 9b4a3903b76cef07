// Hocuspocus 3 as a benchmark baseline: an in-memory server with no extensions.
import { Server } from "@hocuspocus/server";

const port = Number(process.argv[2]);
const server = new Server({ port, address: "127.0.0.1", quiet: true });
await server.listen();
process.send?.({ type: "ready", port });
