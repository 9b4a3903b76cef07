// The one logger. Every module asks for a child with its own `module` field.
import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: { paths: ["password", "*.password", "token", "*.token", "cookie", "*.cookie"], censor: "[redacted]" },
  });
}
