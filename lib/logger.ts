// One pino logger for the server. Prompts and completions are never logged.
import pino from "pino";
import { env } from "./env";

const globalForLogger = globalThis as unknown as { tollgateLogger?: pino.Logger };

export function logger(): pino.Logger {
  globalForLogger.tollgateLogger ??= pino({
    level: env().LOG_LEVEL,
    base: { service: "tollgate" },
    redact: ["req.headers.authorization", "req.headers['x-api-key']", "apiKey", "password"],
  });
  return globalForLogger.tollgateLogger;
}
