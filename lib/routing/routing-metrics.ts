// Prometheus series of the router, in the thread's registry (lib/metrics). Labels are bounded by the
// catalog (models, providers, deployments) and fixed sets (outcome, reason, state):
//   tollgate_routing_attempts_total{model,provider,deployment,outcome}  outcome = success | failure
//   tollgate_routing_retries_total{model}                 attempts after the first one of a call
//   tollgate_routing_fallbacks_total{model,fallback}      calls a fallback model served
//   tollgate_routing_ejections_total{model,provider,reason}
//   tollgate_routing_deployment_state{model,provider,deployment,state} 1 for the current state
//   tollgate_routing_queue_total{scope,outcome}           waits for a slot: scope = deployment | key
//   tollgate_routing_preflight_total{outcome}             context window: fallback | truncated | rejected
//   tollgate_routing_cancellations_total
// Attempts are counted on the breakers (two integer increments per call) and read at scrape time:
// a prom-client increment hashes its labels, which the happy path need not pay.
import { Counter, Gauge } from "prom-client";
import { metrics } from "../metrics/metrics";
import type { DeploymentBreaker, EjectionReason } from "./breaker";
import type { DeploymentMeta } from "./ejection-log";

/**
 * What a scrape reads of this thread's health registry. health-registry.ts hands over its accessor
 * when the catalog registers deployments: it imports this module, so this one does not import it.
 */
export interface BreakerSource {
  clock: () => number;
  all(): Iterable<DeploymentBreaker>;
  metaOf(id: string): DeploymentMeta | undefined;
}

class RoutingMetrics {
  private currentRegistry: () => BreakerSource | null = () => null;
  private readonly retries: Counter<"model">;
  private readonly fallbacks: Counter<"model" | "fallback">;
  private readonly ejections: Counter<"model" | "provider" | "reason">;
  private readonly queue: Counter<"scope" | "outcome">;
  private readonly preflight: Counter<"outcome">;
  private readonly cancellations: Counter;

  constructor() {
    const registers = [metrics().registry];
    const registryNow = (): BreakerSource | null => this.currentRegistry();
    this.retries = new Counter({ name: "tollgate_routing_retries_total", help: "Upstream attempts after the first one of a call (retries and fallbacks), by the model asked for.", labelNames: ["model"] as const, registers });
    this.fallbacks = new Counter({ name: "tollgate_routing_fallbacks_total", help: "Calls answered by a fallback model, by the model asked for and the one that served.", labelNames: ["model", "fallback"] as const, registers });
    this.ejections = new Counter({ name: "tollgate_routing_ejections_total", help: "Deployments ejected by this process's circuit breaker, by reason.", labelNames: ["model", "provider", "reason"] as const, registers });
    this.queue = new Counter({ name: "tollgate_routing_queue_total", help: "Calls that waited for a slot under maxConcurrency, by scope and outcome (admitted, timeout, full).", labelNames: ["scope", "outcome"] as const, registers });
    this.preflight = new Counter({ name: "tollgate_routing_preflight_total", help: "Prompts over a model's context window: sent to a fallback that fits, truncated, or rejected.", labelNames: ["outcome"] as const, registers });
    this.cancellations = new Counter({ name: "tollgate_routing_cancellations_total", help: "Calls cancelled through POST /v1/requests/{id}/cancel.", registers });
    new Counter({
      name: "tollgate_routing_attempts_total",
      help: "Upstream attempts by deployment: success, or a retryable failure (429, 5xx, timeout, refused or cut connection).",
      labelNames: ["model", "provider", "deployment", "outcome"] as const,
      registers,
      collect() {
        this.reset();
        const registry = registryNow();
        if (!registry) return;
        for (const breaker of registry.all()) {
          const meta = registry.metaOf(breaker.deploymentId);
          const labels = { model: meta?.modelName ?? "", provider: meta?.providerName ?? "", deployment: breaker.deploymentId };
          if (breaker.successes > 0) this.inc({ ...labels, outcome: "success" }, breaker.successes);
          if (breaker.failures > 0) this.inc({ ...labels, outcome: "failure" }, breaker.failures);
        }
      },
    });
    new Gauge({
      name: "tollgate_routing_deployment_state",
      help: "Each deployment's circuit-breaker state as this process sees it (1 = current): healthy, ejected, half-open.",
      labelNames: ["model", "provider", "deployment", "state"] as const,
      registers,
      collect() {
        this.reset();
        const registry = registryNow();
        if (!registry) return;
        const now = registry.clock();
        for (const breaker of registry.all()) {
          const meta = registry.metaOf(breaker.deploymentId);
          if (!meta) continue;
          const state = breaker.state === "closed" ? "healthy" : breaker.isHalfOpen(now) ? "half-open" : "ejected";
          this.set({ model: meta.modelName, provider: meta.providerName, deployment: breaker.deploymentId, state }, 1);
        }
      },
    });
  }

  /** `current` gives this thread's registry at scrape time. */
  readBreakersFrom(current: () => BreakerSource): void {
    this.currentRegistry = current;
  }

  retried(model: string): void {
    this.retries.inc({ model });
  }

  fellBack(model: string, fallback: string): void {
    this.fallbacks.inc({ model, fallback });
  }

  ejected(meta: DeploymentMeta | undefined, reason: EjectionReason): void {
    this.ejections.inc({ model: meta?.modelName ?? "", provider: meta?.providerName ?? "", reason });
  }

  queued(scope: "deployment" | "key", outcome: "admitted" | "timeout" | "full"): void {
    this.queue.inc({ scope, outcome });
  }

  preflighted(outcome: "fallback" | "truncated" | "rejected"): void {
    this.preflight.inc({ outcome });
  }

  cancelled(): void {
    this.cancellations.inc();
  }
}

const slot = globalThis as unknown as { tollgateRoutingMetrics?: RoutingMetrics };

export function routingMetrics(): RoutingMetrics {
  return (slot.tollgateRoutingMetrics ??= new RoutingMetrics());
}
