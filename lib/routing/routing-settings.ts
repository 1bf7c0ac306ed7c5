// The routing knobs that come from the environment (lib/env.ts, README "Routing"), read once per
// catalog load so the hot path never parses them.
import { env } from "../env";

export interface BreakerSettings {
  /** consecutive retryable failures that eject a deployment */
  consecutiveFailures: number;
  /** failure ratio over the window that ejects it (0..1), once the window holds minCalls */
  errorRate: number;
  minCalls: number;
  windowMs: number;
  /** the first ejection's cool-down; each repeat doubles it, up to maxCooldownMs */
  cooldownMs: number;
  maxCooldownMs: number;
}

export interface RoutingSettings {
  breaker: BreakerSettings;
  /** the longest wait before a retry, whatever the upstream's retry-after says */
  maxRetryWaitMs: number;
  /** the first retry waits up to this (full jitter), doubling per retry, capped by maxRetryWaitMs */
  backoffBaseMs: number;
  queueTimeoutMs: number;
  queueMax: number;
  defaultTimeoutMs: number;
  /** the longest x-tollgate-timeout-ms a request may ask for */
  maxTimeoutMs: number;
  /** 0 = no active probes */
  probeIntervalMs: number;
}

export function routingSettings(): RoutingSettings {
  const config = env();
  return {
    breaker: {
      consecutiveFailures: config.ROUTING_EJECT_CONSECUTIVE_FAILURES,
      errorRate: config.ROUTING_EJECT_ERROR_PERCENT / 100,
      minCalls: config.ROUTING_EJECT_MIN_CALLS,
      windowMs: config.ROUTING_ERROR_WINDOW_MS,
      cooldownMs: config.ROUTING_COOLDOWN_MS,
      maxCooldownMs: Math.max(config.ROUTING_MAX_COOLDOWN_MS, config.ROUTING_COOLDOWN_MS),
    },
    maxRetryWaitMs: config.ROUTING_MAX_RETRY_WAIT_MS,
    backoffBaseMs: config.ROUTING_BACKOFF_BASE_MS,
    queueTimeoutMs: config.ROUTING_QUEUE_TIMEOUT_MS,
    queueMax: config.ROUTING_QUEUE_MAX,
    defaultTimeoutMs: config.GATEWAY_UPSTREAM_TIMEOUT_MS,
    maxTimeoutMs: Math.max(config.GATEWAY_MAX_TIMEOUT_MS, config.GATEWAY_UPSTREAM_TIMEOUT_MS),
    probeIntervalMs: config.ROUTING_PROBE_INTERVAL_MS,
  };
}
