// Each strategy's distribution through the proxy, counted at the upstreams (one fault gate per
// deployment, no faults set): weighted 3:1, round-robin, priority, least-busy, least-latency,
// lowest-cost; and billing at the serving deployment's own prices.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { costOfCall } from "@/lib/usage/money";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { createRoutedModel, routingHarness, type DeploymentSpec } from "../support/routing-fixtures";

const harness = routingHarness({ recordLimit: 0 });

async function deploymentsOf(strategy: string, specs: Omit<DeploymentSpec, "origin">[]) {
  const own = await harness.gates(specs.length);
  const routing = await createRoutedModel({ strategy, deployments: specs.map((spec, i) => ({ ...spec, origin: own[i].url })) });
  return { gates: own, model: routing.name, routing };
}

const call = (model: string) => harness.chat({ model, messages: [{ role: "user", content: "which one?" }] });

async function sequential(model: string, count: number) {
  for (let i = 0; i < count; i++) expect((await call(model)).status).toBe(200);
}

describe("strategies", () => {
  it("weighted: 3:1 within a few percent over 400 calls", async () => {
    const { gates: [a, b], model } = await deploymentsOf("weighted", [{ weight: 3 }, { weight: 1 }]);
    await sequential(model, 400);
    expect(Math.abs(a.requests / 400 - 0.75)).toBeLessThan(0.02);
    expect(a.requests + b.requests).toBe(400);
  });

  it("round-robin: in turn", async () => {
    const { gates: own, model } = await deploymentsOf("round-robin", [{}, {}, {}]);
    await sequential(model, 300);
    expect(own.map((g) => g.requests)).toEqual([100, 100, 100]);
  });

  it("priority: everything to the best priority while it is healthy", async () => {
    const { gates: [a, b], model } = await deploymentsOf("priority", [{ priority: 1 }, { priority: 0 }]);
    await sequential(model, 20);
    expect([a.requests, b.requests]).toEqual([0, 20]);
  });

  it("least-busy: each call goes to the deployment with fewer calls in flight", async () => {
    const { gates: [a, b], model } = await deploymentsOf("least-busy", [{}, {}]);
    a.set({ latencyMs: 400 });
    b.set({ latencyMs: 400 });
    await Promise.all(Array.from({ length: 6 }, () => call(model)));
    expect([a.requests, b.requests]).toEqual([3, 3]);
    // Once a slow call is held by a, every new call goes to b until it is done.
    b.clear();
    a.set({ latencyMs: 1_500 });
    const held: Promise<unknown>[] = [];
    for (let total = 6; a.requests === 3; ) {
      held.push(call(model));
      await expect.poll(() => a.requests + b.requests).toBe(++total);
    }
    const [aBefore, bBefore] = [a.requests, b.requests];
    await sequential(model, 3);
    expect([a.requests - aBefore, b.requests - bBefore]).toEqual([0, 3]);
    await Promise.all(held);
  });

  it("least-latency: the fastest by time to first token, after measuring each", async () => {
    const { gates: [a, b], model } = await deploymentsOf("least-latency", [{}, {}]);
    a.set({ latencyMs: 150 });
    await sequential(model, 12);
    // Each is measured once (the unmeasured go first), then the fast one takes the calls.
    expect(a.requests).toBe(1);
    expect(b.requests).toBe(11);
  });

  it("lowest-cost: the cheapest deployment, billed at its own prices", async () => {
    const { gates: [a, b], model, routing } = await deploymentsOf("lowest-cost", [{}, { inputPricePerMTok: 0.5, outputPricePerMTok: 1 }]);
    const answer = await call(model);
    expect([a.requests, b.requests]).toEqual([0, 1]);
    expect(answer.headers.get("x-tollgate-deployment")).toBe(routing.deployments[1].id);
    await usageBuffer().flush();
    const record = await db().usageRecord.findUniqueOrThrow({ where: { requestId: answer.headers.get("x-request-id")! } });
    const tokens = { inputTokens: record.inputTokens, outputTokens: record.outputTokens, cachedTokens: 0 };
    expect(record.inputTokens).toBeGreaterThan(0);
    expect(record.costMicros).toBe(costOfCall(tokens, { inputPerMTok: 500_000n, outputPerMTok: 1_000_000n, cachedPerMTok: null }));
    expect(record.costMicros).not.toBe(costOfCall(tokens, { inputPerMTok: 2_000_000n, outputPerMTok: 8_000_000n, cachedPerMTok: null }));
  });
});
