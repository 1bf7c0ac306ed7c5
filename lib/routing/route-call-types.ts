// The router's shapes: what a caller passes to routeCall() and gets back, and the part of one call's
// router state its helpers (deployment-choice.ts, served-call.ts, fallback-walk.ts,
// routing-outcome.ts) read and write. A leaf module, so those helpers and route-call.ts do not
// import each other in a cycle.
import type { DeploymentBreaker } from "./breaker";
import type { HealthRegistry } from "./health-registry";
import type { LiveView, StrategyState } from "./strategies";
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

/** A deployment chosen for the next attempt, its slot already taken. */
export interface Chosen<D> {
  deployment: D;
  breaker: DeploymentBreaker;
}

/** Why a call could not get (another) deployment of its primary model. */
export type Unavailable = "ejected" | "inactive";

/** One call's router state (route-call.ts's Router), as its helpers see it. */
export interface RouterState<D extends RoutableDeployment, T> extends LiveView {
  readonly options: RouteCallOptions<D, T>;
  /** deployments this call tried and that failed retryably */
  tried: Set<string> | null;
  /** deployments whose retry-after is longer than we may wait: not used again by this call */
  barred: Set<string> | null;
  /** the attempts so far, once one failed */
  log: AttemptRecord[] | null;
  attemptCount: number;
  lastError: unknown;
  lastDeployment: D | null;
  lastModel: RoutableModel<D>;
  allRateLimited: boolean;
  maxRetryAfterMs: number | null;
  readonly fallbacksTried: string[];
  /** One attempt on a chosen deployment: the routed call, or null after a retryable failure. */
  tryOnce(model: RoutableModel<D>, choice: Chosen<D>): Promise<RoutedCall<D, T> | null>;
  throwIfAborted(): void;
}
