import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { uniqueSuffix } from "../../test/support/test-ids";
import { latencyBucketOf } from "./latency-buckets";
import { listUsageRecords } from "./usage-records";
import { getUsageTimeseries } from "./usage-timeseries";
import { resolveUsageRange } from "./usage-range";
import { timeseriesQuerySchema, usageQuerySchema } from "./schemas";
import { seedDailyRollupsFromHourly } from "../../test/support/daily-rollups-fixture";

let orgId: string;
let alice: { id: string; email: string };
let bob: { id: string; email: string };
let keyId: string;

beforeAll(async () => {
  // A private organization: totals can be asserted exactly while other tests write usage.
  orgId = (await db().organization.create({ data: { name: `Usage ${uniqueSuffix()}` } })).id;
  alice = await db().user.create({ data: { orgId, email: `alice-${uniqueSuffix()}@u.local`, name: "Alice" } });
  bob = await db().user.create({ data: { orgId, email: `bob-${uniqueSuffix()}@u.local`, name: "Bob" } });
  keyId = (await db().apiKey.create({ data: { orgId, userId: alice.id, name: "alice-key", keyHash: `h-${uniqueSuffix()}`, prefix: "tg-aaaaaa" } })).id;

  const record = (userId: string, model: string, createdAt: string, extra: object = {}) => ({
    requestId: `req-${uniqueSuffix()}${uniqueSuffix()}`,
    orgId,
    userId,
    keyId: userId === alice.id ? keyId : null,
    model,
    inputTokens: 100,
    outputTokens: 50,
    costMicros: 1_500n,
    latencyMs: 300,
    status: 200,
    createdAt: new Date(createdAt),
    ...extra,
  });
  await db().usageRecord.createMany({
    data: [
      record(alice.id, "gpt-4o", "2025-03-01T10:00:00Z"),
      record(alice.id, "gpt-4o", "2025-03-02T10:00:00Z"),
      record(alice.id, "claude-haiku-4-5", "2025-03-02T11:00:00Z", { status: 502, errorType: "upstream_error" }),
      record(bob.id, "gpt-4o", "2025-03-02T12:00:00Z", { costMicros: 2_000_000n }),
      record(bob.id, "gpt-4o", "2025-04-01T00:00:00Z"),
    ],
  });

  const rollup = (hour: string, model: string, userId: string, calls: number, errors: number, costMicros: bigint, refused = 0) => ({
    hour: new Date(hour),
    orgId,
    model,
    userId,
    teamId: "",
    keyId: "",
    calls,
    errors,
    inputTokens: BigInt(calls * 100),
    outputTokens: BigInt(calls * 50),
    costMicros,
    refused,
  });
  await db().usageRollup.createMany({
    data: [
      rollup("2025-03-01T10:00:00Z", "gpt-4o", alice.id, 4, 1, 400_000n),
      rollup("2025-03-01T11:00:00Z", "gpt-4o", alice.id, 6, 0, 600_000n),
      rollup("2025-03-01T11:00:00Z", "gpt-4o", bob.id, 10, 0, 1_000_000n),
      rollup("2025-03-02T09:00:00Z", "claude-haiku-4-5", alice.id, 5, 5, 250_000n, 2),
      rollup("2025-03-09T09:00:00Z", "gpt-4o", bob.id, 99, 0, 9_000_000n),
    ],
  });
  const latency = (hour: string, model: string, latencyMs: number, count: number) => ({
    hour: new Date(hour),
    orgId,
    model,
    bucket: latencyBucketOf(latencyMs),
    count,
  });
  await db().latencyRollup.createMany({
    data: [latency("2025-03-01T10:00:00Z", "gpt-4o", 90, 50), latency("2025-03-01T11:00:00Z", "gpt-4o", 900, 50)],
  });
  await seedDailyRollupsFromHourly(orgId);
});

describe("listUsageRecords", () => {
  it("pages records newest first and totals the whole filter", async () => {
    const query = usageQuerySchema.parse({ from: "2025-03-01", to: "2025-03-31", limit: "2" });
    const result = await listUsageRecords({ orgId, query });
    expect(result.total).toBe(4);
    expect(result.records).toHaveLength(2);
    expect(result.records[0]).toMatchObject({ userId: bob.id, userEmail: bob.email, cost: 2, model: "gpt-4o", outcome: "ok" });
    expect(result.totals).toEqual({ calls: 4, errors: 1, refused: 0, inputTokens: 400, outputTokens: 200, cost: 2.0045, costSaved: 0 });
    expect(result.nextCursor).not.toBeNull();

    const page2 = await listUsageRecords({ orgId, query: { ...query, cursor: result.nextCursor! } });
    expect(page2.totals).toBeNull();
    expect(page2.nextCursor).toBeNull();
    expect(page2.records.map((r) => r.requestId)).not.toContain(result.records[0].requestId);
    expect(result.records[1]).toMatchObject({ status: 502, keyName: "alice-key", errorType: "upstream_error", outcome: "error" });
    expect(page2.records.map((r) => r.createdAt)).toEqual(["2025-03-02T10:00:00.000Z", "2025-03-01T10:00:00.000Z"]);
  });

  it("filters by model and pins developers to their own calls", async () => {
    const query = usageQuerySchema.parse({ from: "2025-03-01", to: "2025-03-31", model: "gpt-4o", userId: bob.id });
    expect((await listUsageRecords({ orgId, query })).totals?.calls).toBe(1);
    const own = await listUsageRecords({ orgId, query, ownerId: alice.id });
    expect(own.totals?.calls).toBe(2);
    expect(own.records.every((r) => r.userId === alice.id)).toBe(true);
  });

  it("treats a date-only `to` as the end of that day and rejects empty ranges", () => {
    const query = usageQuerySchema.parse({ from: "2025-03-01", to: "2025-03-01" });
    expect(resolveUsageRange(query)).toEqual({ from: new Date("2025-03-01T00:00:00Z"), to: new Date("2025-03-02T00:00:00Z") });
    expect(() => resolveUsageRange({ from: new Date("2025-03-02"), to: new Date("2025-03-01") })).toThrow(/before/);
  });
});

describe("getUsageTimeseries", () => {
  it("sums rollups per day and model with totals and error rate", async () => {
    const query = timeseriesQuerySchema.parse({ from: "2025-03-01", to: "2025-03-07" });
    const result = await getUsageTimeseries({ orgId, query });
    expect(result.series).toEqual([
      { day: "2025-03-01", group: "gpt-4o", calls: 20, errors: 1, inputTokens: 2000, outputTokens: 1000, cost: 2, cacheHits: 0, cacheMisses: 0, costSaved: 0, refused: 0 },
      { day: "2025-03-02", group: "claude-haiku-4-5", calls: 5, errors: 5, inputTokens: 500, outputTokens: 250, cost: 0.25, cacheHits: 0, cacheMisses: 0, costSaved: 0, refused: 2 },
    ]);
    expect(result.totals).toEqual({ calls: 25, errors: 6, errorRate: 0.24, refused: 2, unauthenticated: 0, inputTokens: 2500, outputTokens: 1250, cost: 2.25, costSaved: 0 });
    expect(result.latency).toHaveLength(1);
    expect(result.latency[0].day).toBe("2025-03-01");
    expect(result.latency[0].p50).toBeGreaterThanOrEqual(50);
    expect(result.latency[0].p50).toBeLessThanOrEqual(100);
    expect(result.latency[0].p95).toBeGreaterThan(750);
  });

  it("groups by user email and pins developers to themselves", async () => {
    const query = timeseriesQuerySchema.parse({ from: "2025-03-01", to: "2025-03-07", groupBy: "user" });
    const result = await getUsageTimeseries({ orgId, query });
    expect(result.series.filter((p) => p.day === "2025-03-01").map((p) => [p.group, p.calls])).toEqual([
      [alice.email, 10],
      [bob.email, 10],
    ]);
    const own = await getUsageTimeseries({ orgId, query, ownerId: bob.id });
    expect(own.totals.calls).toBe(10);
  });

  it("answers hourly buckets (the rollups' hours) with per-model latency", async () => {
    const query = timeseriesQuerySchema.parse({ from: "2025-03-01T00:00:00Z", to: "2025-03-02T00:00:00Z", interval: "hour" });
    const result = await getUsageTimeseries({ orgId, query });
    expect(result.interval).toBe("hour");
    expect(result.series.map((p) => [p.day, p.calls])).toEqual([
      ["2025-03-01T10:00:00.000Z", 4],
      ["2025-03-01T11:00:00.000Z", 16],
    ]);
    expect(result.modelLatency.map((p) => [p.day, p.model])).toEqual([
      ["2025-03-01T10:00:00.000Z", "gpt-4o"],
      ["2025-03-01T11:00:00.000Z", "gpt-4o"],
    ]);
    expect(result.modelLatency[0].p95).toBeLessThanOrEqual(100);
    expect(result.modelLatency[1].p50).toBeGreaterThan(750);
    expect(result.ttft).toEqual([]);
  });

  it("charts time to first token from the deployments' histograms, in the range's buckets", async () => {
    const provider = await db().provider.create({ data: { orgId, name: `ttft-${uniqueSuffix()}`, kind: "openai", encryptedApiKey: "unused" } });
    const model = await db().model.create({ data: { orgId, name: "gpt-4o", providerId: provider.id, upstreamModel: "gpt-4o" } });
    const deployment = await db().deployment.create({ data: { orgId, modelId: model.id, providerId: provider.id, upstreamModel: "gpt-4o" } });
    const ttft = (bucket: string, ms: number, count: number) => ({ bucket: new Date(bucket), deploymentId: deployment.id, metric: "ttft", le: latencyBucketOf(ms), count });
    await db().deploymentLatency.createMany({
      data: [ttft("2025-03-01T10:05:00Z", 150, 10), ttft("2025-03-01T10:35:00Z", 150, 10), ttft("2025-03-01T13:00:00Z", 2_000, 4), { ...ttft("2025-03-01T13:00:00Z", 90, 9), metric: "latency" }],
    });
    const hourly = await getUsageTimeseries({ orgId, query: timeseriesQuerySchema.parse({ from: "2025-03-01T00:00:00Z", to: "2025-03-02T00:00:00Z", interval: "hour" }) });
    expect(hourly.ttft.map((p) => p.day)).toEqual(["2025-03-01T10:00:00.000Z", "2025-03-01T13:00:00.000Z"]);
    expect(hourly.ttft[0].p50).toBeGreaterThanOrEqual(100);
    expect(hourly.ttft[0].p50).toBeLessThanOrEqual(250);
    expect(hourly.ttft[1].p50).toBeGreaterThan(1_000);
    const daily = await getUsageTimeseries({ orgId, query: timeseriesQuerySchema.parse({ from: "2025-03-01", to: "2025-03-07" }) });
    expect(daily.ttft.map((p) => p.day)).toEqual(["2025-03-01"]);
  });

  it("refuses hourly buckets over a long range, naming the field", async () => {
    const query = timeseriesQuerySchema.parse({ from: "2025-03-01", to: "2025-03-31", interval: "hour" });
    await expect(getUsageTimeseries({ orgId, query })).rejects.toMatchObject({ status: 422, param: "interval" });
  });
});
