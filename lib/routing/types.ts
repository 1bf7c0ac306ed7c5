// The shapes routing works with. A leaf module: the gateway's catalog fills these in, the router
// (route-call.ts) and the strategies read them, and nothing here imports the gateway.

export const ROUTING_STRATEGIES = ["priority", "round-robin", "weighted", "least-latency", "least-busy", "lowest-cost"] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** What an admin set: `draining` takes no new calls (those in flight finish), `disabled` none at all. */
export const DEPLOYMENT_STATES = ["active", "draining", "disabled"] as const;
export type DeploymentAdminState = (typeof DEPLOYMENT_STATES)[number];

/** What the Health page shows: the admin's state first, then the circuit breaker's. */
export type DeploymentHealthState = "healthy" | "ejected" | "half-open" | "draining" | "disabled";

export const ROUTING_PRIORITIES = ["cost", "speed", "quality"] as const;
/** `x-tollgate-priority`: what an auto router optimises for. */
export type RoutingPriority = (typeof ROUTING_PRIORITIES)[number];

/** Micro-dollars per 1M tokens. */
export interface RoutePrice {
  inputPerMTok: bigint;
  outputPerMTok: bigint;
  cachedPerMTok: bigint | null;
  /** prompt tokens written to the provider's prompt cache; null or absent = the input price */
  cacheWritePerMTok?: bigint | null;
}

/** One deployment as the router sees it. */
export interface RoutableDeployment {
  id: string;
  providerId: string;
  providerName: string;
  upstreamModel: string;
  weight: number;
  priority: number;
  /** position in the admin's list: the last tie-breaker */
  position: number;
  maxConcurrency: number | null;
  state: DeploymentAdminState;
  /** the deployment's own prices where it has them, the model's otherwise */
  price: RoutePrice;
}

/** One public model as the router sees it. */
export interface RoutableModel<D extends RoutableDeployment = RoutableDeployment> {
  modelId: string;
  name: string;
  strategy: RoutingStrategy;
  maxRetries: number;
  /** public names, tried in order when every deployment failed */
  fallbackModels: readonly string[];
  /** how long a call waits for a free slot when every deployment is at its maxConcurrency */
  queueTimeoutMs: number;
  contextWindow: number | null;
  /** sorted by priority, then position */
  deployments: readonly D[];
}

/** One upstream attempt of a call, as the usage record keeps it (`attemptLog`). */
export interface AttemptRecord {
  deploymentId: string;
  /** the public model the attempt was for (differs from the call's when a fallback served) */
  model: string;
  /** the status the client would have seen from this attempt (200 = it served) */
  status: number;
  errorType: string | null;
  /** the upstream's own HTTP status when it answered one */
  upstreamStatus: number | null;
  latencyMs: number;
  ttftMs: number | null;
}

/** The part of an AbortSignal routing uses (the gateway's AbortFlag and a Web AbortSignal both fit). */
export interface SignalLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}
