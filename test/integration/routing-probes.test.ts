// Optional active probes: the providers' free models listing (GET /models, never a completion), one
// process per interval across the cluster, failures ejecting like live ones, and a probe that works
// after the cool-down bringing a deployment back without risking a live call.
import { describe, expect, it } from "vitest";
import { catalog } from "@/lib/gateway/catalog";
import { probeTargets } from "@/lib/gateway/catalog-probes";
import { probeRound } from "@/lib/routing/active-probes";
import { healthRegistry } from "@/lib/routing/health-registry";
import { ensureDefaultOrg } from "@/lib/org/default-org";
import { createRoutedModel, routingHarness } from "../support/routing-fixtures";

const INTERVAL_MS = 10_000;
const COOLDOWN_MS = 1_000;

const harness = routingHarness({ cooldownMs: COOLDOWN_MS, recordLimit: 0 });

async function modelWithTwo() {
  const [a, b] = await harness.gates(2);
  const routing = await createRoutedModel({ deployments: [{ origin: a.url, priority: 0 }, { origin: b.url, priority: 1 }] });
  // The proxy's catalog knows the model (and its registry the deployments) from a first call.
  expect((await harness.chat({ model: routing.name, messages: [{ role: "user", content: "hi" }] })).status).toBe(200);
  return { a, b, routing };
}

/** Probes this model's deployments as the loop does, for the interval `now` falls in. */
async function round(routing: { name: string }, now: number) {
  const orgId = await ensureDefaultOrg();
  return probeRound({ intervalMs: INTERVAL_MS, registry: healthRegistry(), targets: async () => probeTargets([(await catalog().find(orgId, routing.name))!]) }, now);
}

describe("active probes", () => {
  it("ask only the free models listing, once per interval across processes, and eject a deployment that keeps failing", async () => {
    const { a, b, routing } = await modelWithTwo();
    a.set({ status: 503 });
    const base = Math.ceil(Date.now() / INTERVAL_MS) * INTERVAL_MS;
    // Two processes in the same interval: only the first to claim it probes.
    expect(await round(routing, base)).toBe(true);
    expect(await round(routing, base + 10)).toBe(false);
    for (let i = 1; i < 5; i++) expect(await round(routing, base + i * INTERVAL_MS)).toBe(true);
    // The first live call went to a (it is first by priority); everything since is the probes' GETs.
    expect(a.log).toEqual(["POST /v1/chat/completions", ...Array.from({ length: 5 }, () => "GET /v1/models")]);
    expect(b.log).toEqual(Array.from({ length: 5 }, () => "GET /v1/models"));
    expect(healthRegistry().breaker(routing.deployments[0].id).state).toBe("open");
    expect(healthRegistry().breaker(routing.deployments[1].id).state).toBe("closed");

    // Live calls no longer reach it.
    const answer = await harness.chat({ model: routing.name, messages: [{ role: "user", content: "still there?" }] });
    expect(answer.headers.get("x-tollgate-deployment")).toBe(routing.deployments[1].id);
    expect(a.log.filter((line) => line.startsWith("POST"))).toHaveLength(1);
  });

  it("bring an ejected deployment back after its cool-down without a live call", async () => {
    const { a, routing } = await modelWithTwo();
    const id = routing.deployments[0].id;
    a.set({ status: 502 });
    const base = Math.ceil(Date.now() / INTERVAL_MS) * INTERVAL_MS + 100 * INTERVAL_MS;
    for (let i = 0; i < 5; i++) await round(routing, base + i * INTERVAL_MS);
    expect(healthRegistry().breaker(id).state).toBe("open");
    a.clear();
    await expect.poll(() => healthRegistry().breaker(id).isHalfOpen(Date.now()), { timeout: 5_000 }).toBe(true);
    await round(routing, base + 10 * INTERVAL_MS);
    expect(healthRegistry().breaker(id).state).toBe("closed");
    expect(a.log.filter((line) => line.startsWith("POST"))).toHaveLength(1);
  });
});
