// The router: sends one call to a deployment of its model chosen by the model's strategy, and when
// that attempt fails with something another attempt can fix (retry-policy.ts), tries again: another
// deployment when there is one, with backoff when it has to reuse one, up to maxRetries more
// attempts; then each fallback model once. A deployment the breaker ejected is skipped; when every
// deployment is ejected the call is answered at once (503 with retry-after). Slots: a deployment at
// its maxConcurrency is passed over, and when all are, the call waits in a bounded queue.
//
// The happy path of a model with one deployment allocates nothing here beyond the returned handle:
// no candidate arrays, no tried-set, no attempt log (they exist only once an attempt failed).
import type { DeploymentBreaker } from "./breaker";
import type { HealthRegistry } from "./health-registry";
import { routingMetrics } from "./routing-metrics";
import { allAttemptsFailed, concurrencyLimited, noDeploymentAvailable, RoutingFailure } from "./routing-error";
import { backoffMs, judgeFailure } from "./retry-policy";
import { pickDeployment, type LiveView, type StrategyState } from "./strategies";
import type { AttemptRecord, RoutableDeployment, RoutableModel, SignalLike } from "./types";

export interface AttemptContext<D extends RoutableDeployment> {
  deployment: D;
  model: RoutableModel<D>;
  /** 1-based, across retries and fallbacks */
  attempt: number;
}

export interface RouteCallOptions<D extends RoutableDeployment, T> {
  primary: RoutableModel<D>;
  /** the fallback models (resolved only when every deployment of the primary failed) */
  fallbacks: () => readonly RoutableModel<D>[] | Promise<readonly RoutableModel<D>[]>;
  /** one upstream attempt; resolves once it is certain to serve (a stream: its first chunks arrived) */
  attempt: (context: AttemptContext<D>) => Promise<T>;
  /** the call's own signal: the client left or cancelled it */
  signal: SignalLike;
  /** the per-attempt upstream timeout (a half-open probe's lease outlives it) */
  attemptTimeoutMs: number;
  registry: HealthRegistry;
  strategyState: (model: RoutableModel<D>) => StrategyState;
  /** for tests: the backoff's randomness */
  random?: () => number;
}

export interface AttemptEnd {
  ok: boolean;
  /** the failure, when not ok (judged by the retry policy for the deployment's health) */
  error?: unknown;
  /** time to first token (a JSON call: its latency), for least-latency */
  firstTokenMs?: number | null;
}

export interface RoutedCall<D extends RoutableDeployment, T> {
  value: T;
  deployment: D;
  /** the model that served (a fallback's when one did) */
  model: RoutableModel<D>;
  /** how many attempts the call took */
  attemptCount: number;
  /** each attempt, when there was more than one; null otherwise */
  attempts: AttemptRecord[] | null;
  /** when the serving attempt started (performance.now()) */
  startedAt: number;
  /** Ends the serving attempt: frees its slot and tells the breaker how it went. Once. */
  finish(end: AttemptEnd): void;
}

type Choice<D> = { deployment: D; breaker: DeploymentBreaker } | { none: "ejected" | "inactive" | "tried" } | { full: true; candidates: D[] };

class Router<D extends RoutableDeployment, T> implements LiveView {
  private tried: Set<string> | null = null;
  /** deployments whose retry-after is longer than we may wait: not used again by this call */
  private barred: Set<string> | null = null;
  private retryAfter: Map<string, number> | null = null;
  private log: AttemptRecord[] | null = null;
  private attemptCount = 0;
  private lastError: unknown = null;
  private lastDeployment: D | null = null;
  private lastModel: RoutableModel<D>;
  private allRateLimited = true;
  private maxRetryAfterMs: number | null = null;
  private readonly fallbacksTried: string[] = [];

  constructor(private readonly options: RouteCallOptions<D, T>) {
    this.lastModel = options.primary;
  }

  inFlight(id: string): number {
    return this.options.registry.breaker(id).inFlight;
  }

  latencyScore(id: string): number | null {
    return this.options.registry.breaker(id).latencyScore(this.options.registry.clock());
  }

  async run(): Promise<RoutedCall<D, T>> {
    const { primary } = this.options;
    const budget = 1 + Math.max(0, primary.maxRetries);
    let unavailable: "ejected" | "inactive" | null = null;
    while (this.attemptCount < budget) {
      const choice = await this.choose(primary, this.attemptCount > 0);
      if ("none" in choice) {
        if (choice.none !== "tried") unavailable = choice.none;
        break;
      }
      const served = await this.tryOnce(primary, choice as { deployment: D; breaker: DeploymentBreaker });
      if (served) return served;
    }
    for (const fallback of this.attemptCount > 0 || unavailable ? await this.options.fallbacks() : []) {
      const choice = await this.choose(fallback, false);
      if ("none" in choice) continue;
      this.fallbacksTried.push(fallback.name);
      const served = await this.tryOnce(fallback, choice as { deployment: D; breaker: DeploymentBreaker });
      if (served) {
        routingMetrics().fellBack(primary.name, fallback.name);
        return served;
      }
    }
    throw this.failure(unavailable);
  }

  /** One attempt on a chosen deployment: the routed call, or null after a retryable failure. */
  private async tryOnce(model: RoutableModel<D>, choice: { deployment: D; breaker: DeploymentBreaker }): Promise<RoutedCall<D, T> | null> {
    const { registry } = this.options;
    const { deployment, breaker } = choice;
    // The slot was taken when the deployment was chosen (so least-busy and maxConcurrency see it at once).
    try {
      await this.waitBeforeReuse(deployment.id);
      this.throwIfAborted();
    } catch (error) {
      registry.release(breaker);
      if (breaker.probing) registry.abandonProbe(breaker);
      throw error;
    }
    this.attemptCount += 1;
    if (this.attemptCount > 1) routingMetrics().retried(this.options.primary.name);
    const startedAt = performance.now();
    try {
      const value = await this.options.attempt({ deployment, model, attempt: this.attemptCount });
      return this.served(value, deployment, model, breaker, startedAt);
    } catch (error) {
      registry.release(breaker);
      const aborted = this.options.signal.aborted;
      const verdict = judgeFailure(error);
      if (verdict.deploymentFault && !aborted) registry.failed(breaker, verdict.summary);
      else if (breaker.probing) registry.abandonProbe(breaker);
      this.record(deployment, model, error, performance.now() - startedAt);
      if (aborted) throw new RoutingFailure(this.options.signal.reason ?? error, this.log ?? [], deployment, model.name);
      if (!verdict.retryable) throw new RoutingFailure(error, this.log ?? [], deployment, model.name);
      this.noteRetryable(deployment, error, verdict.retryAfterMs);
      return null;
    }
  }

  private served(value: T, deployment: D, model: RoutableModel<D>, breaker: DeploymentBreaker, startedAt: number): RoutedCall<D, T> {
    const { registry } = this.options;
    let finished = false;
    const log = this.log;
    if (log) log.push({ deploymentId: deployment.id, model: model.name, status: 200, errorType: null, upstreamStatus: null, latencyMs: 0, ttftMs: null });
    return {
      value,
      deployment,
      model,
      attemptCount: this.attemptCount,
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

  /**
   * The next deployment of `model`: untried ones first (by the strategy), then, for a retry, the tried
   * ones again. A half-open deployment is taken only as the cluster's one probe call. When the
   * eligible ones are all at their maxConcurrency, waits for a slot (bounded queue).
   */
  private async choose(model: RoutableModel<D>, retry: boolean): Promise<Choice<D>> {
    const { registry } = this.options;
    const deadline = performance.now() + model.queueTimeoutMs;
    for (;;) {
      const choice = await this.eligible(model, retry);
      if (!("full" in choice)) return choice;
      const ids = new Set(choice.candidates.map((d) => d.id));
      const outcome = await registry.waiters.wait({
        timeoutMs: deadline - performance.now(),
        max: registry.settings().queueMax,
        signal: this.options.signal,
        accepts: (id) => ids.has(id),
      });
      if (outcome === "woken") {
        routingMetrics().queued("deployment", "admitted");
        continue;
      }
      if (outcome === "aborted") this.throwIfAborted();
      routingMetrics().queued("deployment", outcome === "full" ? "full" : "timeout");
      throw new RoutingFailure(concurrencyLimited({ what: `every deployment of ${model.name}`, queueTimeoutMs: model.queueTimeoutMs, full: outcome === "full" }), this.log ?? [], null, model.name);
    }
  }

  private async eligible(model: RoutableModel<D>, retry: boolean): Promise<Choice<D>> {
    const { registry } = this.options;
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
      if (this.barred?.has(deployment.id)) continue;
      const admission = registry.breaker(deployment.id).admission(now);
      if (admission === "open") ejected += 1;
      else if (admission === "half-open") halfOpen.push(deployment);
      else open.push(deployment);
    }
    if (active === 0) return { none: "inactive" };
    // A deployment whose cool-down is over gets this call as its probe (one per cluster): without
    // it, a deployment ejected beside a healthy one would never come back.
    for (const deployment of halfOpen) {
      if (this.tried?.has(deployment.id)) continue;
      const breaker = registry.breaker(deployment.id);
      if (await registry.claimHalfOpenProbe(breaker, this.options.attemptTimeoutMs)) {
        registry.begin(deployment.id);
        return { deployment, breaker };
      }
    }
    // Untried first; a retry may go back to a tried one (after a backoff) when nothing else is left.
    const untried = this.tried ? open.filter((d) => !this.tried!.has(d.id)) : open;
    let pool = untried.length > 0 ? untried : retry ? open : [];
    if (pool.length === 0) return { none: open.length === 0 && (ejected > 0 || halfOpen.length > 0) ? "ejected" : "tried" };
    const withRoom = pool.filter((d) => d.maxConcurrency === null || registry.breaker(d.id).inFlight < d.maxConcurrency);
    if (withRoom.length === 0) return { full: true, candidates: pool };
    pool = withRoom;
    const deployment = pickDeployment(model.strategy, pool, this.options.strategyState(model), this);
    // Chosen and counted in one synchronous step: a concurrent call sees this one in flight.
    return { deployment, breaker: registry.begin(deployment.id) };
  }

  private async waitBeforeReuse(deploymentId: string): Promise<void> {
    if (!this.tried?.has(deploymentId)) return;
    const settings = this.options.registry.settings();
    const retries = this.attemptCount - 1;
    let wait = backoffMs(retries, settings.backoffBaseMs, settings.maxRetryWaitMs, this.options.random);
    const asked = this.retryAfter?.get(deploymentId);
    if (asked !== undefined) wait = Math.max(wait, asked);
    if (wait <= 0) return;
    await abortableSleep(wait, this.options.signal);
  }

  private noteRetryable(deployment: D, error: unknown, retryAfterMs: number | null): void {
    (this.tried ??= new Set()).add(deployment.id);
    this.lastError = error;
    const status = (error as { upstreamStatus?: number | null }).upstreamStatus;
    if (status !== 429) this.allRateLimited = false;
    if (retryAfterMs !== null) {
      this.maxRetryAfterMs = Math.max(this.maxRetryAfterMs ?? 0, retryAfterMs);
      // Longer than we may wait: this call does not come back to it (another deployment, or the answer at once).
      if (retryAfterMs > this.options.registry.settings().maxRetryWaitMs) (this.barred ??= new Set()).add(deployment.id);
      else (this.retryAfter ??= new Map()).set(deployment.id, retryAfterMs);
    }
  }

  private record(deployment: D, model: RoutableModel<D>, error: unknown, latencyMs: number): void {
    this.lastDeployment = deployment;
    this.lastModel = model;
    const failure = error as { status?: number; code?: string | null; type?: string; upstreamStatus?: number | null };
    (this.log ??= []).push({
      deploymentId: deployment.id,
      model: model.name,
      status: typeof failure.status === "number" ? failure.status : 500,
      errorType: failure.code ?? failure.type ?? "internal_error",
      upstreamStatus: failure.upstreamStatus ?? null,
      latencyMs: Math.round(latencyMs),
      ttftMs: null,
    });
  }

  private failure(unavailable: "ejected" | "inactive" | null): RoutingFailure<D> {
    const { primary, registry } = this.options;
    const log = this.log ?? [];
    if (this.attemptCount === 0 || (unavailable === "ejected" && this.lastError === null)) {
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
      fallbacksTried: this.fallbacksTried,
      lastProvider: this.lastDeployment?.providerName ?? "unknown",
      lastError: this.lastError,
      rateLimitedEverywhere: this.allRateLimited,
      retryAfterMs: this.maxRetryAfterMs,
    });
    return new RoutingFailure(error, log, this.lastDeployment, this.lastModel.name);
  }

  private throwIfAborted(): void {
    const { signal } = this.options;
    if (signal.aborted) throw new RoutingFailure(signal.reason, this.log ?? [], this.lastDeployment, this.lastModel.name);
  }
}

function abortableSleep(ms: number, signal: SignalLike): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Routes one call (see the top of this file). Throws RoutingFailure when it cannot be served: its
 * `error` is what the client gets, its `attempts` what the usage record keeps.
 */
export function routeCall<D extends RoutableDeployment, T>(options: RouteCallOptions<D, T>): Promise<RoutedCall<D, T>> {
  return new Router(options).run();
}
