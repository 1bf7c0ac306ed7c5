// What a call that could not be served answers: 503 with retry-after when every deployment of its
// model is ejected (or none is active) and no attempt was made, otherwise the summary of the
// attempts (how many deployments and fallbacks were tried, the last provider's answer, the longest
// retry-after asked for). Only on the failure path.
import { allAttemptsFailed, noDeploymentAvailable, RoutingFailure } from "./routing-error";
import type { RouterState, Unavailable } from "./route-call-types";
import type { RoutableDeployment } from "./types";

export function routeFailure<D extends RoutableDeployment, T>(router: RouterState<D, T>, unavailable: Unavailable | null): RoutingFailure<D> {
  const { primary, registry } = router.options;
  const log = router.log ?? [];
  if (router.attemptCount === 0 || (unavailable === "ejected" && router.lastError === null)) {
    const now = registry.clock();
    let ejected = 0;
    let earliest: number | null = null;
    let lastError: string | null = null;
    for (const deployment of primary.deployments) {
      const breaker = registry.breaker(deployment.id);
      if (deployment.state !== "active" || breaker.state !== "open") continue;
      ejected += 1;
      const remaining = Math.max(0, breaker.openUntil - now);
      if (earliest === null || remaining < earliest) earliest = remaining;
      lastError ??= breaker.lastError;
    }
    const error = noDeploymentAvailable({ model: primary.name, deployments: primary.deployments.length, ejected, earliestReturnMs: earliest, lastError });
    return new RoutingFailure<D>(error, log, null, primary.name);
  }
  const error = allAttemptsFailed({
    model: primary.name,
    deploymentsTried: new Set(log.filter((a) => a.model === primary.name).map((a) => a.deploymentId)).size,
    fallbacksTried: router.fallbacksTried,
    lastProvider: router.lastDeployment?.providerName ?? "unknown",
    lastError: router.lastError,
    rateLimitedEverywhere: router.allRateLimited,
    retryAfterMs: router.maxRetryAfterMs,
  });
  return new RoutingFailure(error, log, router.lastDeployment, router.lastModel.name);
}
