import { describe, expect, it } from "vitest";
import { pickDeployment, StrategyState, type LiveView } from "./strategies";
import type { RoutableDeployment } from "./types";

function deployment(id: string, overrides: Partial<RoutableDeployment> = {}): RoutableDeployment {
  return {
    id, providerId: `p-${id}`, providerName: `provider-${id}`, upstreamModel: "m", weight: 1, priority: 0, position: 0, maxConcurrency: null, state: "active",
    price: { inputPerMTok: 1_000_000n, outputPerMTok: 2_000_000n, cachedPerMTok: null }, ...overrides,
  };
}

const idle: LiveView = { inFlight: () => 0, latencyScore: () => null };

function shares(strategy: Parameters<typeof pickDeployment>[0], candidates: RoutableDeployment[], calls: number, live: LiveView = idle) {
  const state = new StrategyState();
  const counts: Record<string, number> = {};
  for (let i = 0; i < calls; i++) {
    const picked = pickDeployment(strategy, candidates, state, live);
    counts[picked.id] = (counts[picked.id] ?? 0) + 1;
  }
  return counts;
}

describe("pickDeployment", () => {
  it("weighted: exactly 3:1, spread out (a, a, b, a) rather than in runs", () => {
    const candidates = [deployment("a", { weight: 3 }), deployment("b", { weight: 1 })];
    expect(shares("weighted", candidates, 400)).toEqual({ a: 300, b: 100 });
    const state = new StrategyState();
    const order = Array.from({ length: 4 }, () => pickDeployment("weighted", candidates, state, idle).id);
    expect(order).toEqual(["a", "a", "b", "a"]);
  });

  it("priority: always the best priority; equal priorities split by weight", () => {
    const candidates = [deployment("a", { priority: 0, weight: 1 }), deployment("b", { priority: 0, weight: 1 }), deployment("c", { priority: 1 })];
    expect(shares("priority", candidates, 100)).toEqual({ a: 50, b: 50 });
    expect(shares("priority", [deployment("a"), deployment("c", { priority: 5 })], 10)).toEqual({ a: 10 });
  });

  it("round-robin: in turn", () => {
    expect(shares("round-robin", [deployment("a"), deployment("b"), deployment("c")], 300)).toEqual({ a: 100, b: 100, c: 100 });
  });

  it("least-busy: the fewest calls in flight, ties in turn", () => {
    const busy: LiveView = { inFlight: (id) => (id === "a" ? 3 : 1), latencyScore: () => null };
    expect(shares("least-busy", [deployment("a"), deployment("b"), deployment("c")], 10, busy)).toEqual({ b: 5, c: 5 });
  });

  it("least-latency: the fastest; an unmeasured deployment first so it gets measured", () => {
    const measured: LiveView = { inFlight: () => 0, latencyScore: (id) => ({ a: 200, b: 50, c: 400 })[id] ?? null };
    expect(shares("least-latency", [deployment("a"), deployment("b"), deployment("c")], 10, measured)).toEqual({ b: 10 });
    expect(shares("least-latency", [deployment("a"), deployment("b"), deployment("new")], 1, measured)).toEqual({ new: 1 });
  });

  it("lowest-cost: the cheapest input plus output price", () => {
    const cheap = deployment("cheap", { price: { inputPerMTok: 100n, outputPerMTok: 100n, cachedPerMTok: null } });
    expect(shares("lowest-cost", [deployment("a"), cheap], 5)).toEqual({ cheap: 5 });
  });
});
