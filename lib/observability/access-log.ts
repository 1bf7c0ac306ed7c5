// One structured line per proxied call (docs/observability.md, "Access log"), built from the call's
// usage event: who (request and key ids), what (endpoint, model, deployment), how it went (status,
// tokens, cost, latency, cache, attempts). Never the prompt or the answer: the event carries neither.
// ACCESS_LOG = on | off | a fraction of calls to log; a call that ended in an error (status >= 400)
// is logged whatever the fraction. The lines are info-level, so LOG_LEVEL=warn (or above) hides them.
// They go through an asynchronous destination of their own: at thousands of calls a second, lines
// that arrive while a write is in flight leave together in the next write (pino's sonic-boom), where
// the server logger's synchronous writes would cost one system call per call. Buffered lines are
// written out at exit.
import pino from "pino";
import { env } from "../env";
import { providerNameOf } from "../metrics/call-labels";
import { microsToDollars } from "../usage/money";
import type { UsageEvent } from "../usage/usage-event";

export interface AccessLogLine {
  requestId: string;
  keyId: string | null;
  teamId: string | null;
  endpoint: UsageEvent["endpoint"];
  model: string;
  deployment: string | null;
  provider: string | null;
  upstreamModel: string | null;
  status: number;
  errorType: string | null;
  refusal: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  estimated: boolean;
  /** US dollars */
  cost: number;
  latencyMs: number;
  ttftMs: number | null;
  upstreamMs: number | null;
  streamed: boolean;
  cache: string | null;
  attempts: number;
  fallbackModel: string | null;
  batchId: string | null;
}

export function accessLogLine(event: UsageEvent): AccessLogLine {
  return {
    requestId: event.requestId,
    keyId: event.keyId,
    teamId: event.teamId,
    endpoint: event.endpoint,
    model: event.model,
    deployment: event.deploymentId ?? null,
    provider: providerNameOf(event) ?? event.providerKind,
    upstreamModel: event.upstreamModel,
    status: event.status,
    errorType: event.errorType,
    refusal: event.refusal ?? null,
    inputTokens: event.inputTokens,
    outputTokens: event.outputTokens,
    cachedTokens: event.cachedTokens,
    estimated: event.estimated,
    cost: microsToDollars(event.costMicros),
    latencyMs: event.latencyMs,
    ttftMs: event.ttftMs,
    upstreamMs: event.upstreamMs == null ? null : Math.round(event.upstreamMs),
    streamed: event.streamed,
    cache: event.cache ?? null,
    attempts: event.attempts ?? (event.providerId ? 1 : 0),
    fallbackModel: event.fallbackModel ?? null,
    batchId: event.batchId ?? null,
  };
}

/** Whether this call gets a line: errors always, others at the sampling fraction (1 = all, 0 = none). */
export function sampledForAccessLog(status: number, fraction: number, random: () => number = Math.random): boolean {
  if (fraction <= 0) return false;
  if (fraction >= 1 || status >= 400) return true;
  return random() < fraction;
}

interface AccessLog {
  fraction: number;
  logger: pino.Logger | null;
}

const slot = globalThis as unknown as { tollgateAccessLog?: AccessLog };

function accessLog(): AccessLog {
  if (!slot.tollgateAccessLog) {
    const config = env();
    const fraction = config.ACCESS_LOG;
    const enabled = fraction > 0 && pino.levels.values[config.LOG_LEVEL] <= pino.levels.values.info;
    slot.tollgateAccessLog = {
      fraction,
      logger: enabled ? pino({ level: "info", base: { service: "tollgate", log: "access" } }, pino.destination({ dest: 1, sync: false })) : null,
    };
  }
  return slot.tollgateAccessLog;
}

/** Writes the call's access-log line when ACCESS_LOG (and its sampling) says so. */
export function logAccess(event: UsageEvent): void {
  const { logger, fraction } = accessLog();
  if (logger && sampledForAccessLog(event.status, fraction)) logger.info(accessLogLine(event), "call");
}
