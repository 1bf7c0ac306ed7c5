// Wires the optional active health probes (lib/routing/active-probes.ts) to the catalog: every active
// or draining deployment is probed through its provider's free models listing, once per provider and
// credential (a provider serving several models is asked once for all of them).
import { startActiveProbes, type ProbeTarget } from "../routing/active-probes";
import { healthRegistry } from "../routing/health-registry";
import { routingSettings } from "../routing/routing-settings";
import type { CatalogModel } from "./catalog-types";
import { probeUpstream } from "./providers/probe";

export function probeTargets(models: Iterable<CatalogModel>): ProbeTarget[] {
  const byProvider = new Map<string, ProbeTarget>();
  for (const model of models) {
    for (const deployment of model.deployments) {
      if (deployment.state === "disabled") continue;
      const existing = byProvider.get(deployment.providerId);
      if (existing) {
        existing.deploymentIds.push(deployment.id);
        continue;
      }
      const target = deployment.target;
      byProvider.set(deployment.providerId, { deploymentIds: [deployment.id], probe: (timeoutMs, signal) => probeUpstream(target, timeoutMs, signal) });
    }
  }
  return [...byProvider.values()];
}

/** Starts the probe loop when ROUTING_PROBE_INTERVAL_MS is set; `models` reads the current catalog. */
export function startCatalogProbes(models: () => Promise<Iterable<CatalogModel>>): void {
  const intervalMs = routingSettings().probeIntervalMs;
  if (intervalMs <= 0) return;
  startActiveProbes({ intervalMs, registry: healthRegistry(), targets: async () => probeTargets(await models()) });
}
