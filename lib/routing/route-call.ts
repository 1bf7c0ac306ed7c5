// The router: sends one call to a deployment of its model chosen by the model's strategy, and when
// that attempt fails with something another attempt can fix (retry-policy.ts), tries again: another
// deployment when there is one, with backoff when it has to reuse one, up to maxRetries more
// attempts; then each fallback model once. A deployment the breaker ejected is skipped; when every
// deployment is ejected the call is answered at once (503 with retry-after). Slots: a deployment at
// its maxConcurrency is passed over, and when all are, the call waits in a bounded queue.
//
// This file holds the attempt loop and each attempt's bookkeeping; the jobs around it have modules
// of their own: which deployment an attempt goes to (deployment-choice.ts), the handle of a served
// call (served-call.ts), the fallback walk (fallback-walk.ts) and the final error (route-failure.ts).
// They read and write this call's state through RouterState (route-call-types.ts).
//
// The happy path of a model with one deployment allocates nothing here beyond the returned handle:
// no candidate arrays, no tried-set, no attempt log (they exist only once an attempt failed).
import { chooseDeployment } from "./deployment-choice";
import { walkFallbacks } from "./fallback-walk";
import { routingMetrics } from "./routing-metrics";
import { RoutingFailure } from "./routing-error";
import { backoffMs, judgeFailure } from "./retry-policy";
import type { Chosen, RoutedCall, RouteCallOptions, RouterState, Unavailable } from "./route-call-types";
import { routeFailure } from "./route-failure";
import { servedCall } from "./served-call";
import type { AttemptRecord, RoutableDeployment, RoutableModel, SignalLike } from "./types";

export type { AttemptContext, AttemptEnd, RouteCallOptions, RoutedCall } from "./route-call-types";

class Router<D extends RoutableDeployment, T> implements RouterState<D, T> {
  tried: Set<string> | null = null;
  barred: Set<string> | null = null;
  private retryAfter: Map<string, number> | null = null;
  log: AttemptRecord[] | null = null;
  attemptCount = 0;
  lastError: unknown = null;
  lastDeployment: D | null = null;
  lastModel: RoutableModel<D>;
  allRateLimited = true;
  maxRetryAfterMs: number | null = null;
  readonly fallbacksTried: string[] = [];

  constructor(readonly options: RouteCallOptions<D, T>) {
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
    let unavailable: Unavailable | null = null;
    while (this.attemptCount < budget) {
      const choice = await chooseDeployment(this, primary, this.attemptCount > 0);
      if ("none" in choice) {
        if (choice.none !== "tried") unavailable = choice.none;
        break;
      }
      const served = await this.tryOnce(primary, choice as Chosen<D>);
      if (served) return served;
    }
    const fallback = await walkFallbacks(this, unavailable);
    if (fallback) return fallback;
    throw routeFailure(this, unavailable);
  }

  /** One attempt on a chosen deployment: the routed call, or null after a retryable failure. */
  async tryOnce(model: RoutableModel<D>, choice: Chosen<D>): Promise<RoutedCall<D, T> | null> {
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
      return servedCall(registry, value, deployment, model, breaker, startedAt, this.attemptCount, this.log);
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

  throwIfAborted(): void {
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
