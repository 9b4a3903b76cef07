// A real SMTP server on loopback (smtp-server) that keeps what it receives, optionally slowly, and
// can refuse recipients or drop a connection mid-message as real servers do. A message counts as
// received when its end (the lone dot) has arrived, before the server answers: what a crashed
// client had fully sent is counted even though it never read the answer.
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  body: string;
}

export interface SmtpOptions {
  delayMs?: number;
  /** A reply for RCPT TO (e.g. 550 or 451), or null to accept. */
  refuse?: (address: string) => { code: number; message: string } | null;
  /** Drop the connection while this recipient's message is arriving, before its end (true) or not. */
  drop?: (address: string) => boolean;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Copies received per recipient. */
  countFor(address: string): number;
  close(): Promise<void>;
}

export async function startSmtp(options: SmtpOptions = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const counts = new Map<string, number>();
  const smtp: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const refusal = options.refuse?.(address.address);
      if (!refusal) return callback();
      const error = new Error(refusal.message) as Error & { responseCode: number };
      error.responseCode = refusal.code;
      callback(error);
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      if (to.some((address) => options.drop?.(address))) {
        // The line goes down in the middle of the message: the client never sends its end.
        const connections = (smtp as unknown as { connections: Set<{ session: { id: string }; _socket: { destroy(): void } }> }).connections;
        for (const connection of connections) if (connection.session.id === session.id) connection._socket.destroy();
        stream.resume();
        return;
      }
      let body = "";
      stream.on("data", (chunk) => (body += chunk));
      stream.on("end", () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error("Message too big"), { responseCode: 552 }));
        received.push({ to, body });
        for (const address of to) counts.set(address, (counts.get(address) ?? 0) + 1);
        setTimeout(() => callback(), options.delayMs ?? 0);
      });
    },
  });
  smtp.on("error", () => undefined);
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    countFor: (address) => counts.get(address) ?? 0,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
