// Which deployment of a model the next attempt of a call goes to: untried ones first (by the model's
// strategy), then, for a retry, the tried ones again. Admin states and the circuit breaker filter
// them; a half-open deployment is taken only as the cluster's one probe call; a deployment at its
// maxConcurrency is passed over, and when all are, the call waits in a bounded queue.
//
// On the proxy's hot path (every call): the one-deployment, first-attempt case allocates nothing
// beyond the returned choice.
import { routingMetrics } from "./routing-metrics";
import { concurrencyLimited, RoutingFailure } from "./routing-error";
import type { Chosen, RouterState, Unavailable } from "./route-call-types";
import { pickDeployment } from "./strategies";
import type { RoutableDeployment, RoutableModel } from "./types";

export type Choice<D> = Chosen<D> | { none: Unavailable | "tried" } | { full: true; candidates: D[] };

/**
 * The next deployment of `model` for `router`'s call, its slot taken. When the eligible ones are all
 * at their maxConcurrency, waits for a slot (bounded queue) and throws RoutingFailure (429) when none
 * frees in time.
 */
export async function chooseDeployment<D extends RoutableDeployment, T>(router: RouterState<D, T>, model: RoutableModel<D>, retry: boolean): Promise<Choice<D>> {
  const { registry } = router.options;
  const deadline = performance.now() + model.queueTimeoutMs;
  for (;;) {
    const choice = await eligibleDeployment(router, model, retry);
    if (!("full" in choice)) return choice;
    const ids = new Set(choice.candidates.map((d) => d.id));
    const outcome = await registry.waiters.wait({
      timeoutMs: deadline - performance.now(),
      max: registry.settings().queueMax,
      signal: router.options.signal,
      accepts: (id) => ids.has(id),
    });
    if (outcome === "woken") {
      routingMetrics().queued("deployment", "admitted");
      continue;
    }
    if (outcome === "aborted") router.throwIfAborted();
    routingMetrics().queued("deployment", outcome === "full" ? "full" : "timeout");
    throw new RoutingFailure(concurrencyLimited({ what: `every deployment of ${model.name}`, queueTimeoutMs: model.queueTimeoutMs, full: outcome === "full" }), router.log ?? [], null, model.name);
  }
}

async function eligibleDeployment<D extends RoutableDeployment, T>(router: RouterState<D, T>, model: RoutableModel<D>, retry: boolean): Promise<Choice<D>> {
  const { registry } = router.options;
  const now = registry.clock();
  const deployments = model.deployments;
  // The common case: one deployment, first attempt, healthy, room for the call.
  if (deployments.length === 1 && !retry) {
    const only = deployments[0];
    const breaker = registry.breaker(only.id);
    if (only.state === "active" && breaker.state === "closed" && (only.maxConcurrency === null || breaker.inFlight < only.maxConcurrency)) {
      registry.begin(only.id);
      return { deployment: only, breaker };
    }
  }
  let active = 0;
  let ejected = 0;
  const open: D[] = [];
  const halfOpen: D[] = [];
  for (const deployment of deployments) {
    if (deployment.state !== "active") continue;
    active += 1;
    if (router.barred?.has(deployment.id)) continue;
    const admission = registry.breaker(deployment.id).admission(now);
    if (admission === "open") ejected += 1;
    else if (admission === "half-open") halfOpen.push(deployment);
    else open.push(deployment);
  }
  if (active === 0) return { none: "inactive" };
  // A deployment whose cool-down is over gets this call as its probe (one per cluster): without
  // it, a deployment ejected beside a healthy one would never come back.
  for (const deployment of halfOpen) {
    if (router.tried?.has(deployment.id)) continue;
    const breaker = registry.breaker(deployment.id);
    if (await registry.claimHalfOpenProbe(breaker, router.options.attemptTimeoutMs)) {
      registry.begin(deployment.id);
      return { deployment, breaker };
    }
  }
  // Untried first; a retry may go back to a tried one (after a backoff) when nothing else is left.
  const tried = router.tried;
  const untried = tried ? open.filter((d) => !tried.has(d.id)) : open;
  let pool = untried.length > 0 ? untried : retry ? open : [];
  if (pool.length === 0) return { none: open.length === 0 && (ejected > 0 || halfOpen.length > 0) ? "ejected" : "tried" };
  const withRoom = pool.filter((d) => d.maxConcurrency === null || registry.breaker(d.id).inFlight < d.maxConcurrency);
  if (withRoom.length === 0) return { full: true, candidates: pool };
  pool = withRoom;
  const deployment = pickDeployment(model.strategy, pool, router.options.strategyState(model), router);
  // Chosen and counted in one synchronous step: a concurrent call sees this one in flight.
  return { deployment, breaker: registry.begin(deployment.id) };
}
