// quota_usage alerts end to end: a real quota set through the quotas API, real calls through the
// proxy (official openai client, fake upstream), the evaluator, and a real webhook receiver that must
// get the 80%, 90% and 100% alerts exactly once each, correctly signed.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { createProviderWithModel, createUserWithKey } from "../../test/support/gateway-fixtures";
import { serveHandlers } from "../../test/support/handler-server";
import { POST as chatCompletions } from "../gateway/chat-completions-route";
import { adminRequest, callRoute, enableTestAdminApiKey } from "../http/admin-test-support";
import { ensureDefaultOrg } from "../org/default-org";
import * as quotas from "../quotas/quotas-route";
import { usageBuffer } from "../usage/usage-recorder";
import * as rules from "./alert-rules-route";
import { startReceiver, type Receiver } from "./alert-test-support";
import { verifyWebhookSignature } from "./delivery/webhook-signature";
import { evaluateAlerts } from "./evaluate-alerts";
import { measureQuotaUsage } from "./quota-usage";

let upstream: FakeUpstream;
let proxy: { url: string; close(): Promise<void> };
let hook: Receiver;
let model: string;
let orgId: string;

beforeAll(async () => {
  enableTestAdminApiKey();
  orgId = await ensureDefaultOrg();
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  proxy = await serveHandlers({ "/api/v1/chat/completions": { POST: chatCompletions } });
  model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" })).modelName;
  hook = await startReceiver([200]);
});

afterAll(async () => {
  await usageBuffer().flush();
  await proxy?.close();
  await upstream?.close();
  await hook?.close();
});

describe("quota_usage alerts", () => {
  it("sends the 80%, 90% and 100% alerts of a key's call quota exactly once each, signed", async () => {
    const { key, keyId } = await createUserWithKey();
    const quota = await callRoute(quotas.PUT, adminRequest("/api/admin/quotas", { method: "PUT", body: { scope: "key", scopeId: keyId, period: "daily", maxCalls: 10 } }));
    expect(quota.status).toBe(201);
    const created = await callRoute(rules.POST, adminRequest("/api/admin/alert-rules", {
      method: "POST",
      body: { name: "CI key quota", scope: "key", scopeId: keyId, metric: "quota_usage", thresholds: [0.8, 0.9, 1.0], channels: [{ type: "webhook", url: hook.url, secret: "quota-alert-secret" }] },
    }));
    expect(created.status).toBe(201);
    const ruleId: string = created.body.id;

    const client = new OpenAI({ apiKey: key, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    const call = () => client.chat.completions.create({ model, messages: [{ role: "user", content: "count me" }] });
    const settledCalls = async (n: number) => expect.poll(async () => (await measureQuotaUsage(orgId, "key", keyId))?.limit.used).toBe(n);
    const evaluate = () => evaluateAlerts({ ruleIds: [ruleId], retryPolicy: { baseDelayMs: 10 } });
    const thresholdsReceived = () => hook.requests.map((r) => JSON.parse(r.rawBody)).filter((b) => b.rule.id === ruleId).map((b) => b.threshold);

    // 7 of 10 calls: below every threshold.
    for (let i = 0; i < 7; i++) await call();
    await settledCalls(7);
    expect((await evaluate()).fired).toEqual([]);

    // 8 → 80%; evaluating twice still sends it once.
    await call();
    await settledCalls(8);
    expect((await evaluate()).fired.map((f) => f.event.threshold)).toEqual([0.8]);
    expect((await evaluate()).fired).toEqual([]);

    // 9 and 10 → 90% and 100%.
    await call();
    await call();
    await settledCalls(10);
    expect((await evaluate()).fired.map((f) => f.event.threshold)).toEqual([0.9, 1]);

    // The quota now refuses calls; nothing fires twice.
    await expect(call()).rejects.toMatchObject({ status: 429 });
    expect((await evaluate()).fired).toEqual([]);

    expect(thresholdsReceived()).toEqual([0.8, 0.9, 1]);
    const today = new Date().toISOString().slice(0, 10);
    for (const request of hook.requests) {
      const body = JSON.parse(request.rawBody);
      if (body.rule.id !== ruleId) continue;
      expect(verifyWebhookSignature({ secret: "quota-alert-secret", rawBody: request.rawBody, signature: request.headers["x-tollgate-signature"] as string, timestamp: request.headers["x-tollgate-timestamp"] as string })).toBe(true);
      expect(body).toMatchObject({ type: "alert.fired", test: false, periodKey: `daily:${today}`, rule: { metric: "quota_usage", scope: "key", scopeId: keyId, scopeName: expect.stringMatching(/^key-/) } });
      expect(body.message).toMatch(/^Quota usage of key “key-\w+” reached \d+% of its daily calls limit \(\d+ of 10 calls; alert threshold \d+%\)\. It resets (at|on \d{1,2} \w{3} \d{4} at) \d\d:\d\d \S+ \(in [^)]+\)\.$/);
    }
    const last = JSON.parse(hook.requests.findLast((r) => JSON.parse(r.rawBody).threshold === 1)!.rawBody);
    expect(last.value).toBe(1);
  });
});
