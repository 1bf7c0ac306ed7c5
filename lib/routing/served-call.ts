// The handle of a call an attempt served: the gateway reads the value and, once the answer is over
// (a stream: its last chunk), calls finish() once, which frees the deployment's slot, completes the
// serving attempt's line in the attempt log, and tells the circuit breaker how it went.
//
// On the proxy's hot path (every served call): one object and its finish() closure, nothing more.
import type { DeploymentBreaker } from "./breaker";
import type { HealthRegistry } from "./health-registry";
import { judgeFailure } from "./retry-policy";
import type { AttemptEnd, RoutedCall } from "./route-call-types";
import type { AttemptRecord, RoutableDeployment, RoutableModel } from "./types";

export function servedCall<D extends RoutableDeployment, T>(
  registry: HealthRegistry,
  value: T,
  deployment: D,
  model: RoutableModel<D>,
  breaker: DeploymentBreaker,
  startedAt: number,
  attemptCount: number,
  log: AttemptRecord[] | null,
): RoutedCall<D, T> {
  let finished = false;
  if (log) log.push({ deploymentId: deployment.id, model: model.name, status: 200, errorType: null, upstreamStatus: null, latencyMs: 0, ttftMs: null });
  return {
    value,
    deployment,
    model,
    attemptCount,
    attempts: log,
    startedAt,
    finish(end: AttemptEnd) {
      if (finished) return;
      finished = true;
      registry.release(breaker);
      // The serving attempt's own line in the ledger: how long it took, and how it ended.
      const line = log?.[log.length - 1];
      if (line) {
        line.latencyMs = Math.round(performance.now() - startedAt);
        line.ttftMs = end.firstTokenMs === undefined || end.firstTokenMs === null ? null : Math.round(end.firstTokenMs);
        if (!end.ok && end.error) {
          const failure = end.error as { status?: number; code?: string | null; upstreamStatus?: number | null };
          line.status = typeof failure.status === "number" ? failure.status : 502;
          line.errorType = failure.code ?? "upstream_error";
          line.upstreamStatus = failure.upstreamStatus ?? null;
        }
      }
      if (end.ok) {
        registry.succeeded(breaker, end.firstTokenMs ?? null);
        return;
      }
      const verdict = judgeFailure(end.error);
      if (verdict.deploymentFault) registry.failed(breaker, verdict.summary);
      else if (breaker.probing) registry.abandonProbe(breaker);
    },
  };
}
