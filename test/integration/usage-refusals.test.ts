// Every call in the ledger: refusals by quota, rate limit, model access and unknown model are usage
// records (status 4xx, refusal set, cost 0) in the records, the rollups, the call log, the
// timeseries totals and the error-rate alert, and the developer whose key it was sees them. 401s
// are counted per day and in /api/metrics, never stored one by one. Real HTTP, the real fake
// upstream, the database DATABASE_URL names (SQLite and PostgreSQL runs).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureWindow } from "@/lib/alerts/window-metrics";
import { flushCacheWrites } from "@/lib/cache/entry-writer";
import { db } from "@/lib/db";
import { POST as chatCompletions } from "@/lib/gateway/chat-completions-route";
import { POST as embeddings } from "@/lib/gateway/embeddings-route";
import { adminRequest, callRoute, sessionCookieFor } from "@/lib/http/admin-test-support";
import { metrics } from "@/lib/metrics/metrics";
import { publishGovernanceChanged } from "@/lib/quotas/governance-rules";
import { flushUnauthenticated } from "@/lib/usage/unauthenticated-tally";
import { flushUsage } from "@/lib/usage/usage-recorder";
import * as usageRoute from "@/lib/usage/usage-route";
import * as detailRoute from "@/lib/usage/usage-detail-route";
import * as timeseriesRoute from "@/lib/usage/usage-timeseries-route";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { createCacheWorld, setCache } from "../support/cache-fixtures";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { chat, enableTestAdminApiKey, post, putQuota, putRateLimit, setTier } from "../support/governance-fixtures";
import { serveHandlers } from "../support/handler-server";

let upstream: FakeUpstream;
let proxy: { url: string; close(): Promise<void> };
let model: string;
let embeddingModel: string;
const HI = { messages: [{ role: "user", content: "hi" }] };

async function caller(options: { models?: string[] } = {}) {
  const created = await createUserWithKey(options);
  await setTier(created.userId, "enterprise");
  return created;
}

async function recordOf(requestId: string) {
  await flushUsage();
  return db().usageRecord.findUniqueOrThrow({ where: { requestId } });
}

async function rollupOf(where: { keyId: string }) {
  const rows = await db().usageRollup.findMany({ where });
  return { calls: rows.reduce((s, r) => s + r.calls, 0), errors: rows.reduce((s, r) => s + r.errors, 0), refused: rows.reduce((s, r) => s + r.refused, 0) };
}

beforeAll(async () => {
  enableTestAdminApiKey();
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  proxy = await serveHandlers({ "/api/v1/chat/completions": { POST: chatCompletions }, "/api/v1/embeddings": { POST: embeddings } });
  model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" })).modelName;
  embeddingModel = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" })).modelName;
});

afterAll(async () => {
  await flushUsage();
  await proxy?.close();
  await upstream?.close();
});

describe("refusals in the ledger", () => {
  it("records a quota refusal with its reason, cost 0, in the records, rollups and the call log", async () => {
    const { key, keyId, userId } = await caller();
    await putQuota({ scope: "key", scopeId: keyId, period: "daily", maxCalls: 1 });
    expect((await chat(proxy.url, key, { model, ...HI })).status).toBe(200);
    const refused = await chat(proxy.url, key, { model, stream: true, ...HI });
    expect(refused.status).toBe(429);

    const row = await recordOf(refused.headers.get("x-request-id")!);
    expect(row).toMatchObject({ keyId, userId, model, status: 429, refusal: "quota", errorType: "quota_exceeded", costMicros: 0n, inputTokens: 0, outputTokens: 0, streamed: true, endpoint: "chat.completions", providerId: null });
    expect(await rollupOf({ keyId })).toEqual({ calls: 2, errors: 1, refused: 1 });

    const log = await callRoute(usageRoute.GET, adminRequest(`/api/admin/usage?keyId=${keyId}&status=refused`));
    expect(log.status).toBe(200);
    expect(log.body.records).toHaveLength(1);
    expect(log.body.records[0]).toMatchObject({ outcome: "refused", refusal: "quota", status: 429, cost: 0 });
    expect(log.body.totals).toMatchObject({ calls: 1, refused: 1, errors: 0 });
    const ok = await callRoute(usageRoute.GET, adminRequest(`/api/admin/usage?keyId=${keyId}&status=ok`));
    expect(ok.body.records.map((r: { outcome: string }) => r.outcome)).toEqual(["ok"]);
  });

  it("records a rate-limit refusal", async () => {
    const { key, keyId } = await caller();
    await putRateLimit({ scope: "key", scopeId: keyId, rpm: 1 });
    expect((await chat(proxy.url, key, { model, ...HI })).status).toBe(200);
    const refused = await chat(proxy.url, key, { model, ...HI });
    expect(refused.status).toBe(429);
    expect(await recordOf(refused.headers.get("x-request-id")!)).toMatchObject({ keyId, status: 429, refusal: "rate_limit", errorType: "rate_limit_exceeded", costMicros: 0n });
  });

  it("records a model the key may not use, and a model that does not exist, under the name asked for", async () => {
    const { key, keyId } = await caller({ models: ["some-other-model"] });
    const forbidden = await chat(proxy.url, key, { model, ...HI });
    expect(forbidden.status).toBe(403);
    expect(await recordOf(forbidden.headers.get("x-request-id")!)).toMatchObject({ keyId, model, status: 403, refusal: "model_not_allowed", errorType: "model_not_allowed" });

    const open = await caller();
    const unknown = await chat(proxy.url, open.key, { model: "no-such-model-anywhere", ...HI });
    expect(unknown.status).toBe(404);
    expect(await recordOf(unknown.headers.get("x-request-id")!)).toMatchObject({ keyId: open.keyId, model: "no-such-model-anywhere", status: 404, refusal: "model_not_found" });
  });

  it("records refusals on the embeddings endpoint too", async () => {
    const { key, keyId } = await caller();
    await putQuota({ scope: "key", scopeId: keyId, period: "daily", maxCalls: 1 });
    const url = `${proxy.url}/v1/embeddings`;
    expect((await post(url, key, { model: embeddingModel, input: "a" })).status).toBe(200);
    const refused = await post(url, key, { model: embeddingModel, input: "b" });
    expect(refused.status).toBe(429);
    expect(await recordOf(refused.headers.get("x-request-id")!)).toMatchObject({ endpoint: "embeddings", refusal: "quota", status: 429 });
    const unknown = await post(url, key, { model: "no-such-embedder", input: "c" });
    expect(await recordOf(unknown.headers.get("x-request-id")!)).toMatchObject({ endpoint: "embeddings", refusal: "model_not_found", status: 404 });
  });

  it("records a refusal of an answer the response cache would have served", async () => {
    const world = await createCacheWorld(upstream.url);
    await setCache(world.orgId, { enabled: true });
    const [alpha] = world.teams;
    const body = { model: world.model, messages: [{ role: "user", content: `cached refusal ${Date.now()}` }] };
    expect((await chat(proxy.url, alpha.key, body)).headers.get("x-tollgate-cache")).toBe("miss");
    await flushCacheWrites();
    await flushUsage(); // the quota's counter is seeded from the ledger: the first call must be in it
    // The hit is admitted as a call: with the key's one call used up, the hit is refused.
    // The cache world is an organization of its own, which the admin API key (default org) does not reach.
    await db().quota.create({ data: { orgId: world.orgId, scope: "key", scopeId: alpha.keyId, period: "daily", maxCalls: 1 } });
    await publishGovernanceChanged();
    const refused = await chat(proxy.url, alpha.key, body);
    expect(refused.status).toBe(429);
    expect(await recordOf(refused.headers.get("x-request-id")!)).toMatchObject({ keyId: alpha.keyId, model: world.model, refusal: "quota", status: 429, costMicros: 0n, costSavedMicros: 0n });
  });

  it("shows a developer their own refusals, in the log and in the detail", async () => {
    const { key, keyId, userId } = await caller();
    await putRateLimit({ scope: "key", scopeId: keyId, rpm: 1 });
    await chat(proxy.url, key, { model, ...HI });
    const refused = await chat(proxy.url, key, { model, ...HI });
    const requestId = refused.headers.get("x-request-id")!;
    await flushUsage();
    const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
    const auth = await sessionCookieFor(user);
    const log = await callRoute(usageRoute.GET, adminRequest("/api/admin/usage?status=refused", { auth }));
    expect(log.body.records.map((r: { requestId: string }) => r.requestId)).toEqual([requestId]);
    const detail = await callRoute(detailRoute.GET, adminRequest(`/api/admin/usage/${requestId}`, { auth }), { id: requestId });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ requestId, refusal: "rate_limit", outcome: "refused", keyId, capture: null });
  });

  it("counts refusals as errors in the error-rate alert and in the dashboard totals", async () => {
    const { key, keyId } = await caller();
    await putQuota({ scope: "key", scopeId: keyId, period: "daily", maxCalls: 2 });
    for (let i = 0; i < 5; i++) await chat(proxy.url, key, { model, ...HI });
    await flushUsage();
    const now = Date.now();
    const measured = await measureWindow({ orgId: (await db().apiKey.findUniqueOrThrow({ where: { id: keyId } })).orgId, scope: "key", scopeId: keyId, metric: "error_rate", window: "1h", from: new Date(now - 3_600_000), to: new Date(now + 1000) });
    expect(measured).toMatchObject({ calls: 5, errors: 3, value: 0.6 });

    const series = await callRoute(timeseriesRoute.GET, adminRequest(`/api/admin/usage/timeseries?keyId=${keyId}`));
    expect(series.body.totals).toMatchObject({ calls: 5, errors: 3, refused: 3 });
  });
});

describe("unauthenticated requests", () => {
  it("counts 401s per day and reason and in the metrics, without a usage row per request", async () => {
    const day = new Date().toISOString().slice(0, 10);
    const counts = async () => Object.fromEntries((await db().unauthenticatedDay.findMany({ where: { day } })).map((r) => [r.reason, r.count]));
    await flushUnauthenticated();
    const before = await counts();
    const recordsBefore = await db().usageRecord.count();
    const metric = async (reason: string) =>
      (await metrics().registry.getSingleMetric("tollgate_gateway_unauthenticated_total")!.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
    const invalidBefore = await metric("invalid_api_key");

    const bad = await Promise.all(Array.from({ length: 40 }, (_, i) => chat(proxy.url, `tg-${"x".repeat(39)}${i % 10}`, { model, ...HI })));
    expect(bad.every((a) => a.status === 401)).toBe(true);
    const missing = await fetch(`${proxy.url}/v1/chat/completions`, { method: "POST", body: "{}" });
    expect(missing.status).toBe(401);
    const expired = await createUserWithKey({ expiresAt: new Date(Date.now() - 60_000) });
    expect((await chat(proxy.url, expired.key, { model, ...HI })).status).toBe(401);

    await flushUnauthenticated();
    await flushUsage();
    const after = await counts();
    expect((after.invalid_api_key ?? 0) - (before.invalid_api_key ?? 0)).toBe(40);
    expect((after.missing_api_key ?? 0) - (before.missing_api_key ?? 0)).toBe(1);
    expect((after.expired_api_key ?? 0) - (before.expired_api_key ?? 0)).toBe(1);
    // One row per day and reason, whatever the count: never a row per request.
    expect(await db().unauthenticatedDay.count({ where: { day } })).toBeLessThanOrEqual(3);
    expect(await db().usageRecord.count()).toBe(recordsBefore);
    expect((await metric("invalid_api_key")) - invalidBefore).toBe(40);

    const series = await callRoute(timeseriesRoute.GET, adminRequest("/api/admin/usage/timeseries"));
    expect(series.body.totals.unauthenticated).toBeGreaterThanOrEqual(42);
  });
});
