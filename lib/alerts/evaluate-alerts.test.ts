import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithKey } from "../../test/support/gateway-fixtures";
import { uniqueSuffix } from "../../test/support/test-ids";
import { db } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import type { UsageEvent } from "../usage/usage-event";
import { writeUsageBatch } from "../usage/write-usage-batch";
import { createRuleRow, startReceiver, type Receiver } from "./alert-test-support";
import { verifyWebhookSignature } from "./delivery/webhook-signature";
import { evaluateAlerts } from "./evaluate-alerts";

// A fixed clock inside one 1h bucket (10:00–11:00 UTC, Monday 2031-01-06), so bucket edges are known.
const NOW = new Date("2031-01-06T10:30:00Z");
const at = (hhmm: string) => new Date(`2031-01-06T${hhmm}:00Z`);
const fast = { baseDelayMs: 10, timeoutMs: 2000 };

let orgId: string;
let caller: Awaited<ReturnType<typeof createUserWithKey>>;
let hook: Receiver;

function call(overrides: Partial<UsageEvent>): UsageEvent {
  return {
    requestId: `req_alert_${randomUUID()}`, orgId, keyId: caller.keyId, userId: caller.userId, teamId: caller.teamId,
    model: "alert-model", providerId: null, providerKind: null, upstreamModel: null, inputTokens: 10, outputTokens: 5, cachedTokens: 0,
    costMicros: 0n, latencyMs: 100, ttftMs: null, streamed: false, status: 200, errorType: null, estimated: false,
    endpoint: "chat.completions", createdAt: at("10:05"), ...overrides,
  };
}

const webhook = () => [{ type: "webhook" as const, url: hook.url, secret: "evaluator-secret" }];
const bodiesFor = (ruleId: string) => hook.requests.map((r) => JSON.parse(r.rawBody)).filter((b) => b.rule.id === ruleId);

beforeAll(async () => {
  orgId = await ensureDefaultOrg();
  caller = await createUserWithKey();
  hook = await startReceiver([200]);
});
afterAll(() => hook.close());

describe("evaluateAlerts — windowed metrics", () => {
  it("fires each crossed spend threshold once per bucket, signed, and again in the next bucket", async () => {
    await writeUsageBatch([
      call({ costMicros: 400_000n, createdAt: at("10:05") }),
      call({ costMicros: 400_000n, createdAt: at("10:10") }),
      call({ costMicros: 400_000n, createdAt: at("10:20") }),
      call({ costMicros: 5_000_000n, createdAt: at("09:59") }), // previous bucket: not counted
    ]);
    const rule = await createRuleRow({ orgId, scope: "key", scopeId: caller.keyId, metric: "spend", thresholds: [0.5, 1, 100], window: "1h", channels: webhook() });

    const first = await evaluateAlerts({ now: NOW, ruleIds: [rule.id], retryPolicy: fast });
    expect(first.fired.map((f) => f.event.threshold)).toEqual([0.5, 1]);
    expect(first.fired.every((f) => f.channels.every((c) => c.ok))).toBe(true);
    const events = await db().alertEvent.findMany({ where: { ruleId: rule.id }, orderBy: { threshold: "asc" } });
    expect(events.map((e) => [e.threshold, e.periodKey])).toEqual([
      [0.5, "1h:2031-01-06T10:00:00.000Z"],
      [1, "1h:2031-01-06T10:00:00.000Z"],
    ]);
    expect(events[0].value).toBeCloseTo(1.2);
    expect(events[0].message).toContain("Spend of key “");
    expect(events[0].message).toContain("$1.20");

    const bodies = bodiesFor(rule.id);
    expect(bodies.map((b) => b.threshold).sort()).toEqual([0.5, 1]);
    for (const request of hook.requests.filter((r) => JSON.parse(r.rawBody).rule.id === rule.id)) {
      expect(verifyWebhookSignature({ secret: "evaluator-secret", rawBody: request.rawBody, signature: request.headers["x-tollgate-signature"] as string, timestamp: request.headers["x-tollgate-timestamp"] as string })).toBe(true);
    }

    // Still crossed later in the same bucket: nothing new.
    expect((await evaluateAlerts({ now: at("10:59"), ruleIds: [rule.id], retryPolicy: fast })).fired).toEqual([]);
    // The next bucket starts from zero…
    expect((await evaluateAlerts({ now: at("11:30"), ruleIds: [rule.id], retryPolicy: fast })).fired).toEqual([]);
    // …and fires again once it crosses again.
    await writeUsageBatch([call({ costMicros: 600_000n, createdAt: at("11:10") })]);
    const next = await evaluateAlerts({ now: at("11:30"), ruleIds: [rule.id], retryPolicy: fast });
    expect(next.fired.map((f) => [f.event.threshold, f.event.periodKey])).toEqual([[0.5, "1h:2031-01-06T11:00:00.000Z"]]);
    expect(bodiesFor(rule.id)).toHaveLength(3);
  });

  it("keeps error_rate silent below the minimum number of calls", async () => {
    const team = await createUserWithKey();
    const ofTeam = (overrides: Partial<UsageEvent>) => call({ keyId: team.keyId, userId: team.userId, teamId: team.teamId, ...overrides });
    const rule = await createRuleRow({ orgId, scope: "team", scopeId: team.teamId, metric: "error_rate", thresholds: [0.1, 0.5], window: "15m", channels: webhook() });
    await writeUsageBatch([
      ...Array.from({ length: 6 }, () => ofTeam({ createdAt: at("10:16") })),
      ...Array.from({ length: 3 }, () => ofTeam({ status: 502, errorType: "upstream_error", createdAt: at("10:17") })),
      ofTeam({ status: 500, createdAt: at("10:14") }), // previous 15m bucket
    ]);
    // 10:25 lies in the 10:15–10:30 bucket.
    const now = at("10:25");
    expect((await evaluateAlerts({ now, ruleIds: [rule.id], minCalls: 10, retryPolicy: fast })).fired).toEqual([]);

    await writeUsageBatch([ofTeam({ status: 429, createdAt: at("10:20") })]);
    const fired = await evaluateAlerts({ now, ruleIds: [rule.id], minCalls: 10, retryPolicy: fast });
    expect(fired.fired.map((f) => [f.event.threshold, f.event.value, f.event.periodKey])).toEqual([[0.1, 0.4, "15m:2031-01-06T10:15:00.000Z"]]);
    expect(fired.fired[0].event.message).toContain("40% (4 of 10 calls failed)");
  });

  it("fires latency_p95 on the nearest-rank 95th percentile", async () => {
    const { keyId, userId, teamId } = await createUserWithKey();
    await writeUsageBatch(Array.from({ length: 20 }, (_, i) => call({ keyId, userId, teamId, latencyMs: (i + 1) * 100, createdAt: at("10:26") })));
    const rule = await createRuleRow({ orgId, scope: "user", scopeId: userId, metric: "latency_p95", thresholds: [1900, 1950], window: "5m", channels: webhook() });
    const result = await evaluateAlerts({ now: at("10:28"), ruleIds: [rule.id], minCalls: 10, retryPolicy: fast });
    // 20 calls: rank ceil(0.95 · 20) = 19 → 1900 ms.
    expect(result.fired.map((f) => [f.event.threshold, f.event.value])).toEqual([[1900, 1900]]);
    expect(result.fired[0].event.message).toContain("1.90 s over 20 calls");
  });

  it("reads 7d and 30d windows from the hourly rollups", async () => {
    const { keyId, userId, teamId } = await createUserWithKey();
    // Monday 2031-01-06 starts a 7d bucket; the Sunday before belongs to the previous one.
    await writeUsageBatch([
      call({ keyId, userId, teamId, costMicros: 3_000_000n, createdAt: new Date("2031-01-05T23:00:00Z") }),
      call({ keyId, userId, teamId, costMicros: 2_000_000n, status: 500, createdAt: new Date("2031-01-06T01:00:00Z") }),
      call({ keyId, userId, teamId, costMicros: 2_500_000n, createdAt: at("10:10") }),
    ]);
    const spend = await createRuleRow({ orgId, scope: "key", scopeId: keyId, metric: "spend", thresholds: [4, 5], window: "7d", channels: webhook() });
    const errors = await createRuleRow({ orgId, scope: "team", scopeId: teamId, metric: "error_rate", thresholds: [0.3], window: "30d", channels: webhook() });
    const result = await evaluateAlerts({ now: NOW, ruleIds: [spend.id, errors.id], minCalls: 2, retryPolicy: fast });
    const fired = Object.fromEntries(result.fired.map((f) => [`${f.event.ruleId}:${f.event.threshold}`, f.event.value]));
    // The 30d bucket (from 2030-12-16) holds all three calls, one of them failed.
    expect(fired).toEqual({ [`${spend.id}:4`]: 4.5, [`${errors.id}:0.3`]: 1 / 3 });
  });

  it("measures org-wide latency over long windows from the latency histogram", async () => {
    const org = await db().organization.create({ data: { name: `Latency org ${uniqueSuffix()}` } });
    await writeUsageBatch(Array.from({ length: 40 }, (_, i) => call({ orgId: org.id, keyId: null, userId: null, teamId: null, latencyMs: i < 36 ? 80 : 4000, createdAt: at("09:00") })));
    const rule = await createRuleRow({ orgId: org.id, scope: "org", scopeId: org.id, metric: "latency_p95", thresholds: [1000], window: "7d", channels: webhook() });
    const result = await evaluateAlerts({ now: NOW, ruleIds: [rule.id], minCalls: 10, retryPolicy: fast });
    expect(result.fired).toHaveLength(1);
    // 38th of 40 sorted calls falls in the 3000–5000 ms bucket; the estimate interpolates inside it.
    expect(result.fired[0].event.value).toBeGreaterThan(3000);
    expect(result.fired[0].event.value).toBeLessThanOrEqual(5000);
  });
});

describe("evaluateAlerts — once, and isolation", () => {
  it("fires each threshold exactly once when several evaluations race (replicas)", async () => {
    const { keyId, userId, teamId } = await createUserWithKey();
    await writeUsageBatch([call({ keyId, userId, teamId, costMicros: 10_000_000n, createdAt: at("10:01") })]);
    const rule = await createRuleRow({ orgId, scope: "key", scopeId: keyId, metric: "spend", thresholds: [1, 2, 3], window: "1h", channels: webhook() });
    const results = await Promise.all(Array.from({ length: 4 }, () => evaluateAlerts({ now: NOW, ruleIds: [rule.id], retryPolicy: fast })));
    expect(results.flatMap((r) => r.fired.map((f) => f.event.threshold)).sort()).toEqual([1, 2, 3]);
    expect(await db().alertEvent.count({ where: { ruleId: rule.id } })).toBe(3);
    expect(bodiesFor(rule.id).map((b) => b.threshold).sort()).toEqual([1, 2, 3]);
  });

  it("skips disabled rules and keeps evaluating past a rule that fails", async () => {
    const { keyId, userId, teamId } = await createUserWithKey();
    await writeUsageBatch([call({ keyId, userId, teamId, costMicros: 9_000_000n, createdAt: at("10:02") })]);
    const disabled = await createRuleRow({ orgId, scope: "key", scopeId: keyId, metric: "spend", thresholds: [1], channels: webhook(), enabled: false });
    const broken = await createRuleRow({ orgId, scope: "key", scopeId: keyId, metric: "spend", thresholds: [1], channels: webhook() });
    await db().alertRule.update({ where: { id: broken.id }, data: { thresholds: "not json" } });
    const healthy = await createRuleRow({ orgId, scope: "key", scopeId: keyId, metric: "spend", thresholds: [1], channels: webhook() });
    const { forgetCachedAlertRules } = await import("./rule-cache");
    forgetCachedAlertRules();

    const result = await evaluateAlerts({ now: NOW, ruleIds: [disabled.id, broken.id, healthy.id], retryPolicy: fast });
    expect(result).toMatchObject({ evaluated: 2, failedRules: 1 });
    expect(result.fired.map((f) => f.event.ruleId)).toEqual([healthy.id]);
  });
});
