import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { uniqueSuffix } from "../../test/support/test-ids";
import { hourOf } from "./latency-buckets";
import { UsageBuffer } from "./usage-buffer";
import type { UsageEvent } from "./usage-event";
import { writeUsageBatch } from "./write-usage-batch";

function event(orgId: string, model: string, overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    requestId: `req_${uniqueSuffix()}${uniqueSuffix()}`,
    orgId, keyId: null, userId: "u-test", teamId: null, model,
    providerId: null, providerKind: "openai", upstreamModel: model,
    inputTokens: 10, outputTokens: 5, cachedTokens: 0, costMicros: 15n,
    latencyMs: 120, ttftMs: null, streamed: false, status: 200, errorType: null,
    estimated: false, endpoint: "chat.completions", createdAt: new Date(),
    ...overrides,
  };
}

describe("UsageBuffer", () => {
  afterAll(async () => {
    await db().$disconnect();
  });

  it("writes records and rollups in batches, on size and on shutdown", async () => {
    const orgId = await ensureDefaultOrg();
    const model = `buffer-model-${uniqueSuffix()}`;
    const buffer = new UsageBuffer(writeUsageBatch, { flushSize: 50, flushIntervalMs: 60_000 });
    for (let i = 0; i < 120; i++) buffer.enqueue(event(orgId, model, { status: i % 10 === 0 ? 502 : 200 }));
    await buffer.shutdown();

    expect(buffer.pending).toBe(0);
    expect(await db().usageRecord.count({ where: { model } })).toBe(120);
    const rollups = await db().usageRollup.findMany({ where: { model } });
    const calls = rollups.reduce((sum, r) => sum + r.calls, 0);
    const errors = rollups.reduce((sum, r) => sum + r.errors, 0);
    const cost = rollups.reduce((sum, r) => sum + r.costMicros, 0n);
    expect({ calls, errors, cost }).toEqual({ calls: 120, errors: 12, cost: 1800n });
    const latency = await db().latencyRollup.findMany({ where: { model } });
    expect(latency.reduce((sum, r) => sum + r.count, 0)).toBe(120);
  });

  it("is idempotent by request id: a re-sent batch is neither stored nor counted twice", async () => {
    const orgId = await ensureDefaultOrg();
    const model = `idem-model-${uniqueSuffix()}`;
    const events = Array.from({ length: 5 }, () => event(orgId, model));
    const first = new UsageBuffer(writeUsageBatch, { flushSize: 100, flushIntervalMs: 60_000 });
    events.forEach((e) => first.enqueue(e));
    await first.shutdown();
    const second = new UsageBuffer(writeUsageBatch, { flushSize: 100, flushIntervalMs: 60_000 });
    events.forEach((e) => second.enqueue(e));
    second.enqueue(event(orgId, model));
    await second.shutdown();

    expect(second.written).toBe(1);
    expect(await db().usageRecord.count({ where: { model } })).toBe(6);
    const rollup = await db().usageRollup.findMany({ where: { model, hour: hourOf(events[0].createdAt) } });
    expect(rollup.reduce((sum, r) => sum + r.calls, 0)).toBe(6);
  });

  it("keeps records in memory while the database fails and writes them once it is back", async () => {
    const orgId = await ensureDefaultOrg();
    const model = `retry-model-${uniqueSuffix()}`;
    let healthy = false;
    const errors: unknown[] = [];
    const buffer = new UsageBuffer((batch) => (healthy ? writeUsageBatch(batch) : Promise.reject(new Error("database is down"))), {
      flushSize: 10, flushIntervalMs: 20, onError: (e) => errors.push(e),
    });
    for (let i = 0; i < 25; i++) buffer.enqueue(event(orgId, model));
    await buffer.flush();
    expect(errors.length).toBeGreaterThan(0);
    expect(buffer.pending).toBe(25);
    healthy = true;
    await buffer.shutdown();
    expect(buffer.pending).toBe(0);
    expect(await db().usageRecord.count({ where: { model } })).toBe(25);
  });
});
