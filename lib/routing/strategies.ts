// How a model's strategy picks one deployment among those that may take the call now (active,
// not ejected, below maxConcurrency, not yet tried by this call when there is a choice). The caller
// passes candidates sorted by priority, then position; every strategy is deterministic, so tests
// can count exact shares (weighted 3:1 gives exactly 3 of every 4 calls).
import type { RoutableDeployment, RoutingStrategy } from "./types";

/** Per model, per process: the rotation of round-robin and the smooth weighted round-robin's weights. */
export class StrategyState {
  rotation = 0;
  readonly currentWeights = new Map<string, number>();
}

export interface LiveView {
  inFlight(deploymentId: string): number;
  /** decayed time to first token (a JSON call's latency); null = unknown or stale */
  latencyScore(deploymentId: string): number | null;
}

/**
 * Smooth weighted round-robin (nginx's): each deployment gains its weight every pick, the richest
 * is picked and pays the total. Spreads a 3:1 split as a, a, b, a rather than a, a, a, b.
 */
function smoothWeighted<D extends RoutableDeployment>(candidates: readonly D[], state: StrategyState): D {
  let total = 0;
  let best: D = candidates[0];
  let bestWeight = -Infinity;
  for (const candidate of candidates) {
    const weight = Math.max(1, candidate.weight);
    total += weight;
    const current = (state.currentWeights.get(candidate.id) ?? 0) + weight;
    state.currentWeights.set(candidate.id, current);
    if (current > bestWeight) {
      bestWeight = current;
      best = candidate;
    }
  }
  state.currentWeights.set(best.id, bestWeight - total);
  return best;
}

/** The candidate with the lowest score; ties go round in turn so equal deployments share the load. */
function lowest<D extends RoutableDeployment>(candidates: readonly D[], state: StrategyState, score: (d: D) => number): D {
  let min = Infinity;
  let ties = 0;
  for (const candidate of candidates) {
    const value = score(candidate);
    if (value < min) {
      min = value;
      ties = 1;
    } else if (value === min) {
      ties += 1;
    }
  }
  let index = state.rotation++ % ties;
  for (const candidate of candidates) {
    if (score(candidate) !== min) continue;
    if (index-- === 0) return candidate;
  }
  return candidates[0];
}

export function pickDeployment<D extends RoutableDeployment>(strategy: RoutingStrategy, candidates: readonly D[], state: StrategyState, live: LiveView): D {
  if (candidates.length === 1) return candidates[0];
  switch (strategy) {
    case "priority": {
      // Failover in priority order; deployments that share the best priority split by weight.
      const best = candidates[0].priority;
      let same = 1;
      while (same < candidates.length && candidates[same].priority === best) same += 1;
      return same === 1 ? candidates[0] : smoothWeighted(candidates.slice(0, same), state);
    }
    case "weighted":
      return smoothWeighted(candidates, state);
    case "round-robin":
      return candidates[state.rotation++ % candidates.length];
    case "least-busy":
      return lowest(candidates, state, (d) => live.inFlight(d.id));
    case "least-latency":
      // Unknown (never measured, or stale) goes first: that is how it gets measured again.
      return lowest(candidates, state, (d) => live.latencyScore(d.id) ?? -1);
    case "lowest-cost": {
      let best = candidates[0];
      for (const candidate of candidates) {
        if (costOf(candidate) < costOf(best)) best = candidate;
      }
      return best;
    }
  }
}

/** Input plus output price per 1M tokens: the comparison lowest-cost and the auto router use. */
export function costOf(deployment: Pick<RoutableDeployment, "price">): bigint {
  return deployment.price.inputPerMTok + deployment.price.outputPerMTok;
}
