// `npm run dev` without SMTP_URL: a real SMTP server in this process (the `smtp-server` package,
// as the tests use) that receives everything the platform sends, newsletters included, and keeps
// each message as an .eml file under data/mail/ to open in any mail program. Never in production.
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../logger";

export async function startDevMailServer(log: Logger, folder = path.resolve("data/mail")): Promise<string> {
  const { SMTPServer } = await import("smtp-server");
  fs.mkdirSync(folder, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const subject = /^Subject: (.*)$/im.exec(raw.toString("utf8", 0, Math.min(raw.length, 8192)))?.[1] ?? "";
        const file = path.join(folder, `${new Date().toISOString().replace(/[:.]/g, "-")}-${++count}.eml`);
        fs.writeFileSync(file, raw);
        log.info({ to: session.envelope.rcptTo.map((r) => r.address), subject, file }, "development mail received");
        callback();
      });
    },
  });
  server.on("error", (error) => log.error({ err: error }, "development mail server"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  server.server.unref();
  return `smtp://127.0.0.1:${port}`;
}
