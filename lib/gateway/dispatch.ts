// The dispatch step: hands one call to the router (lib/routing/route-call.ts) with an attempt that
// sends it to a deployment's target. Fallback models come from the loaded catalog (no await), filtered
// by what can serve this request (its context window). Every API format (chat, embeddings, Messages)
// dispatches through here, so retries, fallbacks, breakers and slots work the same for all of them.
import { healthRegistry } from "../routing/health-registry";
import { routeCall, type RoutedCall } from "../routing/route-call";
import { AttemptSpans } from "../tracing/attempt-spans";
import { callTraces } from "../tracing/call-traces";
import type { AbortSignalLike } from "../abort/abort-flag";
import type { CatalogDeployment, CatalogModel } from "./catalog-types";
import { catalog } from "./catalog";
import type { UpstreamTarget } from "./types";

/** The router's result with the catalog's types (the models it routes to are the ones handed in). */
export type RoutedAttempt<T> = Omit<RoutedCall<CatalogDeployment, T>, "model"> & { model: CatalogModel };

export interface DispatchOptions<T> {
  orgId: string;
  model: CatalogModel;
  /** public model names tried after the model's own fallbacks (an auto router's other candidates) */
  extraFallbacks?: readonly string[];
  /** false: no fallback model may serve (the caller already chose the model to use) */
  fallbacks?: boolean;
  /** a fallback model is used only if this says it can serve the request (e.g. the prompt fits its window) */
  canServe?: (model: CatalogModel) => boolean | Promise<boolean>;
  /** the call's signal: the client left or cancelled it */
  signal: AbortSignalLike;
  /** x-tollgate-timeout-ms: replaces the model's per-attempt timeout */
  timeoutMs?: number | null;
  /** one upstream attempt; resolves once it is sure to serve (a stream: its first chunks arrived) */
  attempt: (target: UpstreamTarget, deployment: CatalogDeployment, model: CatalogModel, signal: AbortSignalLike) => Promise<T>;
  /** the call's request id: a traced call gets a span per attempt (lib/tracing) */
  requestId?: string;
}

async function fallbackModels(options: DispatchOptions<unknown>): Promise<CatalogModel[]> {
  if (options.fallbacks === false) return [];
  const names = [...options.model.fallbackModels, ...(options.extraFallbacks ?? [])];
  const models: CatalogModel[] = [];
  for (const name of names) {
    if (name === options.model.name || models.some((m) => m.name === name)) continue;
    const model = catalog().loaded(options.orgId, name);
    if (model && (options.canServe ? await options.canServe(model) : true)) models.push(model);
  }
  return models;
}

export function dispatch<T>(options: DispatchOptions<T>): Promise<RoutedAttempt<T>> {
  const registry = healthRegistry();
  const { signal, timeoutMs } = options;
  const traces = options.requestId ? callTraces() : null;
  const attempts = traces ? new AttemptSpans(traces, options.requestId!) : null;
  const routed = routeCall<CatalogDeployment, T>({
    primary: options.model,
    fallbacks: () => fallbackModels(options as DispatchOptions<unknown>),
    // The target carries the model's timeout; a request's own replaces it (a copy only then).
    attempt: ({ deployment, model, attempt }) => {
      const target = timeoutMs ? { ...deployment.target, timeoutMs } : deployment.target;
      if (attempts) return attempts.run({ number: attempt, deployment, model }, () => options.attempt(target, deployment, model as CatalogModel, signal));
      return options.attempt(target, deployment, model as CatalogModel, signal);
    },
    signal,
    attemptTimeoutMs: timeoutMs ?? options.model.timeoutMs,
    registry,
    strategyState: (model) => registry.strategyState(model.modelId),
  }) as Promise<RoutedAttempt<T>>;
  return attempts ? routed.then((call) => attempts.served(call)) : routed;
}
