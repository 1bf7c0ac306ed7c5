// Optional active health probes (ROUTING_PROBE_INTERVAL_MS > 0): every interval, one process of the
// cluster (whichever first counts the interval's key in the shared store) sends each deployment's
// free probe (GET /models, lib/gateway/providers/probe.ts) and tells the health registry. A failed
// probe counts like a failed live call (the same ejection rules); a probe that works after the
// cool-down brings an ejected deployment back without risking a live call. Deployments are probed
// one provider at a time (a provider serving several models is probed once).
import { logger } from "../logger";
import { sharedStore, type SharedStore } from "../store";
import type { HealthRegistry } from "./health-registry";
import { judgeFailure } from "./retry-policy";
import { claimOnce } from "./shared-health";

export interface ProbeTarget {
  /** every deployment this probe speaks for (one provider and credential can serve several) */
  deploymentIds: string[];
  probe: (timeoutMs: number, signal: AbortSignal) => Promise<void>;
}

export interface ActiveProbesOptions {
  intervalMs: number;
  registry: HealthRegistry;
  /** what to probe now (the catalog's deployments, grouped by upstream) */
  targets: () => Promise<ProbeTarget[]>;
  store?: () => SharedStore;
}

/** One round: returns false when another process holds this interval. */
export async function probeRound(options: ActiveProbesOptions, now = Date.now()): Promise<boolean> {
  const store = (options.store ?? sharedStore)();
  const round = Math.floor(now / options.intervalMs);
  if (!(await claimOnce(store, `routing:active-probe:${round}`, options.intervalMs * 2))) return false;
  const timeoutMs = Math.max(1_000, Math.min(10_000, Math.floor(options.intervalMs / 2)));
  for (const target of await options.targets()) {
    const signal = new AbortController().signal;
    let failure: string | null = null;
    try {
      await target.probe(timeoutMs, signal);
    } catch (error) {
      const verdict = judgeFailure(error);
      // A probe the provider refuses (a 404 for an unknown path, a credential problem) says nothing of its health.
      if (verdict.deploymentFault) failure = `${verdict.summary} (active probe)`;
    }
    for (const id of target.deploymentIds) options.registry.probed(id, failure === null, failure);
  }
  return true;
}

/** Starts the probe loop; returns its stop function. */
export function startActiveProbes(options: ActiveProbesOptions): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    probeRound(options)
      .catch((error: unknown) => logger().warn({ err: error }, "active health probes failed"))
      .finally(() => {
        running = false;
      });
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
