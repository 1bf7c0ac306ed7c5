// Control over calls in flight, over real HTTP: cancel by request id (a stream's x-request-id, a
// JSON call's x-client-request-id) with the key that made it; maxConcurrency per deployment and per
// key with a bounded queue and its timeout; and a quota reservation that retries never double.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { adminRequest, callRoute } from "@/lib/http/admin-test-support";
import { updateKey } from "@/lib/keys/key-mutations";
import * as keyRoute from "@/lib/keys/key-route";
import * as statusRoute from "@/lib/quotas/quota-status-route";
import { createUserWithKey } from "../support/gateway-fixtures";
import { putQuota, setTier } from "../support/governance-fixtures";
import { chatCall, createRoutedModel, routingHarness } from "../support/routing-fixtures";

const harness = routingHarness();

function cancel(id: string, key: string) {
  return fetch(`${harness.proxy.url}/v1/requests/${encodeURIComponent(id)}/cancel`, { method: "POST", headers: { authorization: `Bearer ${key}` } });
}

describe("cancel by request id", () => {
  it("a stream, by its x-request-id: the upstream call is aborted, the client gets an error event, the record says cancelled", async () => {
    const a = await harness.gate();
    const model = await createRoutedModel({ deployments: [{ origin: a.url }] });
    const { key } = await createUserWithKey();
    const other = await createUserWithKey();
    harness.upstream.clear();
    const response = await fetch(`${harness.proxy.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: model.name, stream: true, messages: [{ role: "user", content: "[[fake:chunk-delay=1500]] one two three four five six seven eight" }] }),
    });
    expect(response.status).toBe(200);
    const requestId = response.headers.get("x-request-id")!;
    // Another key cannot cancel it, nor can an unknown id be cancelled.
    expect((await cancel(requestId, other.key)).status).toBe(404);
    const denied = await cancel("req_does_not_exist", key);
    expect(denied.status).toBe(404);
    expect((await denied.json()).error).toMatchObject({ code: "request_not_found", retryable: false });

    const cancelled = await cancel(requestId, key);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toEqual({ id: requestId, object: "request.cancellation", cancelled: true });
    const text = await response.text();
    const events = text.split("\n\n").filter(Boolean);
    expect(events.at(-1)).toBe("data: [DONE]");
    expect(JSON.parse(events.at(-2)!.slice(6)).error).toMatchObject({ code: "request_cancelled", retryable: false });
    await expect.poll(() => harness.upstream.requests.at(-1)?.aborted).toBe(true);
    await expect.poll(async () => (await harness.recordOf(requestId))?.errorType).toBe("request_cancelled");
    expect(await harness.recordOf(requestId)).toMatchObject({ status: 499 });
  });

  it("a JSON call, by the x-client-request-id it was sent with: it answers 499 request_cancelled", async () => {
    const a = await harness.gate();
    const model = await createRoutedModel({ deployments: [{ origin: a.url }] });
    const { key } = await createUserWithKey();
    a.set({ latencyMs: 5_000 });
    const pending = chatCall(harness.proxy.url, key, { model: model.name, messages: [{ role: "user", content: "slow" }] }, { "x-client-request-id": "my-call-42" });
    await expect.poll(() => a.requests).toBe(1);
    expect((await cancel("my-call-42", key)).status).toBe(200);
    const answer = await pending;
    expect(answer.status).toBe(499);
    expect(answer.body.error).toMatchObject({ code: "request_cancelled", retryable: false });
    const requestId = answer.headers.get("x-request-id")!;
    await expect.poll(async () => harness.recordOf(requestId)).toMatchObject({ status: 499, errorType: "request_cancelled", attempts: 1 });
  });
});

describe("maxConcurrency", () => {
  it("per deployment: a call waits for a slot in the queue, and gets 429 with retry-after when none frees in time", async () => {
    const a = await harness.gate();
    const model = await createRoutedModel({ deployments: [{ origin: a.url, maxConcurrency: 1 }], queueTimeoutMs: 300 });
    const { key } = await createUserWithKey();
    a.set({ latencyMs: 800 });
    const first = chatCall(harness.proxy.url, key, { model: model.name, messages: [{ role: "user", content: "one" }] });
    await expect.poll(() => a.requests).toBe(1);
    const refused = await chatCall(harness.proxy.url, key, { model: model.name, messages: [{ role: "user", content: "two" }] });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.body.error).toMatchObject({ code: "concurrency_limit_exceeded", retryable: true, retry_after: 1 });
    expect((await first).status).toBe(200);
    expect(a.requests).toBe(1);

    // With room to wait, the second call is served once the first is done.
    const patient = await createRoutedModel({ deployments: [{ origin: a.url, maxConcurrency: 1 }], queueTimeoutMs: 5_000 });
    const calls = await Promise.all([1, 2, 3].map((n) => chatCall(harness.proxy.url, key, { model: patient.name, messages: [{ role: "user", content: `n${n}` }] })));
    expect(calls.map((c) => c.status)).toEqual([200, 200, 200]);
  });

  it("per key, set by an admin: over it calls queue, then 429; developers cannot lift it", async () => {
    const a = await harness.gate();
    const model = await createRoutedModel({ deployments: [{ origin: a.url }], queueTimeoutMs: 200 });
    const { key, keyId } = await createUserWithKey();
    const set = await callRoute(keyRoute.PATCH, adminRequest(`/api/admin/keys/${keyId}`, { method: "PATCH", body: { maxConcurrency: 1 } }), { id: keyId });
    expect(set.body).toMatchObject({ maxConcurrency: 1 });
    a.set({ latencyMs: 1_000 });
    const first = chatCall(harness.proxy.url, key, { model: model.name, messages: [{ role: "user", content: "one" }] });
    await expect.poll(() => a.requests).toBe(1);
    const second = await chatCall(harness.proxy.url, key, { model: model.name, messages: [{ role: "user", content: "two" }] });
    expect(second.status).toBe(429);
    expect(second.body.error).toMatchObject({ code: "concurrency_limit_exceeded", retry_after: 1 });
    expect(second.body.error.message).toBe("This API key stayed at its concurrency limit for 200 ms. Retry after 1 s.");
    expect((await first).status).toBe(200);

    const orgId = (await db().apiKey.findUniqueOrThrow({ where: { id: keyId } })).orgId;
    await expect(updateKey({ orgId, id: keyId, actor: "developer", input: { maxConcurrency: null } })).rejects.toMatchObject({ status: 403, code: "key_limit", param: "maxConcurrency" });
  });
});

describe("quotas under retries", () => {
  it("a call that takes several attempts holds and books one call of the quota, not one per attempt", async () => {
    const [a, b] = [await harness.gate(), await harness.gate()];
    const model = await createRoutedModel({ deployments: [{ origin: a.url, priority: 0 }, { origin: b.url, priority: 1 }] });
    const { key, keyId, userId } = await createUserWithKey();
    await setTier(userId, "enterprise");
    await putQuota({ scope: "key", scopeId: keyId, period: "daily", maxCalls: 2 });
    for (let i = 0; i < 2; i++) {
      a.set({ status: 503, times: 1 });
      const answer = await chatCall(harness.proxy.url, key, { model: model.name, messages: [{ role: "user", content: `call ${i}` }] });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("x-tollgate-attempts")).toBe("2");
    }
    const third = await chatCall(harness.proxy.url, key, { model: model.name, messages: [{ role: "user", content: "one too many" }] });
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe("quota_exceeded");
    const status = await callRoute(statusRoute.GET, adminRequest(`/api/admin/quotas/status?scope=key&scopeId=${keyId}`));
    expect(status.body.limits).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "calls", used: 2, limit: 2 })]));
  });
});
