// The raw-SQL usage writers must store exactly what Prisma reads back (dates, bigints, booleans,
// nulls) and count every request id once, in the records and in the rollups.
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { createUserWithKey } from "../../test/support/gateway-fixtures";
import { uniqueSuffix } from "../../test/support/test-ids";
import { hourOf, latencyBucketOf } from "./latency-buckets";
import type { UsageEvent } from "./usage-event";
import { writeUsageBatch } from "./write-usage-batch";

function event(base: Pick<UsageEvent, "orgId" | "keyId" | "userId" | "teamId" | "model">, overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    requestId: `req_${uniqueSuffix()}${uniqueSuffix()}`,
    providerId: null, providerKind: "openai", upstreamModel: "up-model",
    inputTokens: 100, outputTokens: 40, cachedTokens: 7, costMicros: 9_007_199_254_740_993n,
    latencyMs: 321, ttftMs: 45, streamed: true, status: 200, errorType: null,
    estimated: true, endpoint: "chat.completions", createdAt: new Date("2026-03-04T05:06:07.891Z"),
    ...base,
    ...overrides,
  };
}

describe("writeUsageBatch", () => {
  it("stores every field as Prisma reads it back", async () => {
    const { keyId, userId, teamId } = await createUserWithKey();
    const base = { orgId: await ensureDefaultOrg(), keyId, userId, teamId, model: `m-${uniqueSuffix()}` };
    const stored = event(base);
    const failed = event(base, { ttftMs: null, streamed: false, status: 502, errorType: "upstream_error", estimated: false, keyId: null, teamId: null, upstreamModel: null });
    expect(await writeUsageBatch([stored, failed])).toBe(2);

    const row = await db().usageRecord.findUniqueOrThrow({ where: { requestId: stored.requestId } });
    expect(row).toMatchObject({
      inputTokens: 100, outputTokens: 40, cachedTokens: 7, costMicros: 9_007_199_254_740_993n, latencyMs: 321, ttftMs: 45,
      streamed: true, estimated: true, status: 200, errorType: null, endpoint: "chat.completions", upstreamModel: "up-model",
    });
    expect(row.createdAt.toISOString()).toBe("2026-03-04T05:06:07.891Z");
    const other = await db().usageRecord.findUniqueOrThrow({ where: { requestId: failed.requestId } });
    expect(other).toMatchObject({ ttftMs: null, streamed: false, estimated: false, keyId: null, teamId: null, upstreamModel: null, status: 502 });

    const hour = hourOf(stored.createdAt);
    const withKey = await db().usageRollup.findUniqueOrThrow({
      where: { hour_orgId_model_userId_teamId_keyId: { hour, orgId: base.orgId, model: base.model, userId, teamId, keyId } },
    });
    expect(withKey).toMatchObject({ calls: 1, errors: 0, inputTokens: 100n, outputTokens: 40n, cachedTokens: 7n, costMicros: 9_007_199_254_740_993n, latencySumMs: 321n });
    const noKey = await db().usageRollup.findUniqueOrThrow({
      where: { hour_orgId_model_userId_teamId_keyId: { hour, orgId: base.orgId, model: base.model, userId, teamId: "", keyId: "" } },
    });
    expect(noKey).toMatchObject({ calls: 1, errors: 1 });
    const latency = await db().latencyRollup.findUniqueOrThrow({
      where: { hour_orgId_model_bucket: { hour, orgId: base.orgId, model: base.model, bucket: latencyBucketOf(321) } },
    });
    expect(latency.count).toBe(2);
    const touched = await db().apiKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(touched.lastUsedAt?.toISOString()).toBe("2026-03-04T05:06:07.891Z");
  });

  it("counts a request id once, however often it is written", async () => {
    const { keyId, userId, teamId } = await createUserWithKey();
    const base = { orgId: await ensureDefaultOrg(), keyId, userId, teamId, model: `m-${uniqueSuffix()}` };
    const events = Array.from({ length: 250 }, () => event(base, { createdAt: new Date() }));
    // a repeat inside the batch, then the whole batch again (a flush retried after a lost reply)
    expect(await writeUsageBatch([...events, events[3]])).toBe(250);
    expect(await writeUsageBatch(events)).toBe(0);

    expect(await db().usageRecord.count({ where: { model: base.model } })).toBe(250);
    const rollups = await db().usageRollup.findMany({ where: { model: base.model } });
    expect(rollups.reduce((sum, r) => sum + r.calls, 0)).toBe(250);
    expect(rollups.reduce((sum, r) => sum + r.costMicros, 0n)).toBe(250n * 9_007_199_254_740_993n);
  });
});
