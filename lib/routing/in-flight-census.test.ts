// The Health page's two cluster-wide reads and writes that cost the proxy nothing: the census of calls
// in flight (every registry answers with its own counters, the asker adds them up) and an admin's
// restore (a reset verdict every registry applies). Two registries on one store stand for two threads
// or replicas.
import { afterEach, describe, expect, it } from "vitest";
import { MemoryStore } from "../store/memory-store";
import { HealthRegistry } from "./health-registry";
import { censusReply, InFlightCensus } from "./in-flight-census";
import type { RoutingSettings } from "./routing-settings";
import { HEALTH_CHANNEL } from "./shared-health";

const SETTINGS: RoutingSettings = {
  breaker: { consecutiveFailures: 2, errorRate: 0.5, minCalls: 10, windowMs: 30_000, cooldownMs: 1_000, maxCooldownMs: 60_000 },
  maxRetryWaitMs: 5000, backoffBaseMs: 10, queueTimeoutMs: 200, queueMax: 10, defaultTimeoutMs: 1000, maxTimeoutMs: 10_000, probeIntervalMs: 0,
};

const stores: MemoryStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function cluster(ids: string[]) {
  const store = new MemoryStore();
  stores.push(store);
  let now = 1_000_000;
  const clock = () => now;
  const registries = [new HealthRegistry(() => store, clock, () => SETTINGS), new HealthRegistry(() => store, clock, () => SETTINGS)];
  const metas = ids.map((id) => ({ id, orgId: "org", modelName: "m", providerName: "p" }));
  for (const registry of registries) await registry.register(metas);
  return { store, registries, advance: (ms: number) => (now += ms), census: new InFlightCensus(() => store) };
}

describe("the in-flight census", () => {
  it("adds up every registry's calls in flight, only for the deployments asked about", async () => {
    const { registries, census } = await cluster(["d1", "d2", "d3"]);
    registries[0].begin("d1");
    registries[0].begin("d1");
    registries[1].begin("d1");
    registries[1].begin("d2");
    registries[1].begin("d3");
    const result = await census.count(["d1", "d2"], 20);
    expect(Object.fromEntries(result.counts)).toEqual({ d1: 3, d2: 1 });
    expect(result.answers).toBe(2);

    // Calls that ended are no longer counted; a registry with none does not answer.
    for (const registry of registries) for (const breaker of [...registry.all()]) while (breaker.inFlight > 0) registry.release(breaker);
    registries[1].begin("d2");
    const later = await census.count(["d1", "d2", "d3"], 20);
    expect(Object.fromEntries(later.counts)).toEqual({ d2: 1 });
    expect(later.answers).toBe(1);
  });

  it("answers only well-formed questions, with non-zero counts", () => {
    expect(censusReply("not json", "r", [{ deploymentId: "d1", inFlight: 1 }])).toBeNull();
    expect(censusReply(JSON.stringify({ nonce: 4 }), "r", [{ deploymentId: "d1", inFlight: 1 }])).toBeNull();
    expect(censusReply(JSON.stringify({ nonce: "n" }), "r", [{ deploymentId: "d1", inFlight: 0 }])).toBeNull();
    expect(JSON.parse(censusReply(JSON.stringify({ nonce: "n" }), "r", [{ deploymentId: "d1", inFlight: 0 }, { deploymentId: "d2", inFlight: 2 }])!)).toEqual({ nonce: "n", from: "r", counts: { d2: 2 } });
  });
});

describe("an admin's restore", () => {
  it("closes the breaker on every registry and resets it: the next ejection starts from the first cool-down", async () => {
    const { store, registries, advance } = await cluster(["d1"]);
    const fail = (registry: HealthRegistry) => registry.failed(registry.breaker("d1"), "503 upstream_server_error");
    for (const registry of registries) {
      fail(registry);
      fail(registry);
      expect(registry.breaker("d1")).toMatchObject({ state: "open", level: 1 });
    }
    advance(10);
    await store.publish(HEALTH_CHANNEL, JSON.stringify({ id: "d1", state: "closed", until: 0, level: 0, reason: null, lastError: null, at: 1_000_010, from: "admin", reset: true }));
    for (const registry of registries) expect(registry.breaker("d1")).toMatchObject({ state: "closed", level: 0, consecutiveFailures: 0 });

    // Ejected again: the first cool-down, not twice it.
    advance(10);
    fail(registries[0]);
    fail(registries[0]);
    const breaker = registries[0].breaker("d1");
    expect(breaker.openUntil - breaker.ejectedAt).toBe(SETTINGS.breaker.cooldownMs);
  });

  it("a plain recovery (a probe that worked) keeps the level, so a repeat still doubles", async () => {
    const { store, registries, advance } = await cluster(["d1"]);
    const registry = registries[1];
    registry.failed(registry.breaker("d1"), "503");
    registry.failed(registry.breaker("d1"), "503");
    advance(10);
    await store.publish(HEALTH_CHANNEL, JSON.stringify({ id: "d1", state: "closed", until: 0, level: 1, reason: null, lastError: null, at: 1_000_010, from: "elsewhere" }));
    expect(registry.breaker("d1")).toMatchObject({ state: "closed", level: 1 });
    registry.failed(registry.breaker("d1"), "503");
    registry.failed(registry.breaker("d1"), "503");
    const breaker = registry.breaker("d1");
    expect(breaker.openUntil - breaker.ejectedAt).toBe(2 * SETTINGS.breaker.cooldownMs);
  });
});
