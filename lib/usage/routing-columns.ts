// The routing columns of a usage record (lib/routing), as both SQL writers store them: the attempt log
// as JSON, kept only when there was more than one attempt; attempts defaults to 1 when a provider was
// called and 0 when none was (a cache hit, a refusal).
import type { UsageEvent } from "./usage-event";

export function routingColumns(e: UsageEvent) {
  return {
    deploymentId: e.deploymentId ?? null,
    attempts: e.attempts ?? (e.providerId ? 1 : 0),
    fallbackModel: e.fallbackModel ?? null,
    router: e.router ?? null,
    attemptLog: e.attemptLog && e.attemptLog.length > 1 ? JSON.stringify(e.attemptLog) : null,
  };
}
