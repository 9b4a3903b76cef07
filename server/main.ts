// The platform's entry point: `npm start` (built app) and `npm run dev` (Vite).
import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./logger";
import { StartRefused } from "./deploymentChecks";
import { startServer } from "./start";

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`CSL Commons cannot start. ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const log = createLogger(config.LOG_LEVEL);
if (config.NODE_ENV === "development" && !config.SMTP_URL) {
  const { startDevMailServer } = await import("./mail/devMailServer");
  config = { ...config, SMTP_URL: await startDevMailServer(log) };
  log.info({ smtp: config.SMTP_URL }, "development: email goes to an in-process SMTP server and is kept in data/mail/");
}
const startedAt = performance.now();
// `npm run serve` is the deployment start; `npm start` and `npm run dev` are local and demo starts.
const deployment = process.argv.includes("--deployment");
const server = await startServer({ config, log, deployment, databaseSchema: config.DATABASE_SCHEMA }).catch((error) => {
  if (error instanceof StartRefused) {
    console.error(`CSL Commons will not start for a deployment. ${error.message}`);
  } else {
    log.fatal({ err: error }, "start-up failed");
  }
  process.exit(1);
});

// Signal handlers come before the "ready" line: whoever waits for that line may stop us at once.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}

const shownUrl = config.PUBLIC_URL ?? `http://localhost:${server.port}`;
log.info({ url: shownUrl, startupMs: Math.round(performance.now() - startedAt) }, "CSL Commons is listening");
// The demo logins are shown on every start of the demo network, for as long as they still work.
if (server.seeded?.logins.length) {
  const lines = server.seeded.logins.map((l) => `  ${l.role.padEnd(12)} ${l.email.padEnd(36)} ${l.password}`);
  console.log(
    [
      "",
      `CSL Commons is ready at ${shownUrl}/login`,
      server.seeded.created ? "A demo network was seeded. Demo logins:" : "Demo logins:",
      ...lines,
      "",
    ].join("\n"),
  );
} else {
  console.log(`\nCSL Commons is ready at ${shownUrl}/login\n`);
}

process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled rejection"));
process.on("uncaughtException", (error) => log.error({ err: error }, "uncaught exception"));

