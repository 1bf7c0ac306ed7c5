// The console (Next.js) runs in a worker thread and the proxy in the main thread (scripts/server.mjs,
// docs/architecture.md "Threads"). What one thread changes, the other must see at once: a quota or a
// revocation made through the admin API binds the proxy's very next call, the console reads the
// proxy's counters, and /api/metrics counts the proxy's requests.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi } from "./support/console-helpers";

const suffix = Date.now().toString(36);
const modelName = `threads-model-${suffix}`;

function callProxy(request: APIRequestContext, key: string) {
  return request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${key}` },
    data: { model: modelName, messages: [{ role: "user", content: "hello across threads" }] },
  });
}

function gatewayCount(metricsText: string, status: number): number {
  const line = metricsText.split("\n").find((l) => l.startsWith(`tollgate_gateway_requests_total{endpoint="chat.completions",status="${status}"}`));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

async function metricsText(request: APIRequestContext): Promise<string> {
  const response = await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E.adminApiKey}` } });
  expect(response.status()).toBe(200);
  return response.text();
}

test("admin changes made in the console's thread bind the proxy's very next call", async ({ page }) => {
  const provider = await adminApi<{ id: string }>(page, "POST", "/api/admin/providers", {
    name: `threads-fake-${suffix}`, kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey,
  });
  await adminApi(page, "POST", "/api/admin/models", { name: modelName, providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2 });
  const user = await adminApi<{ id: string }>(page, "POST", "/api/admin/users", { email: `threads-${suffix}@e2e.test`, name: "Threads", role: "developer", tier: "enterprise" });
  const key = await adminApi<{ id: string; key: string }>(page, "POST", "/api/admin/keys", { userId: user.id, name: "threads" });
  const before = await metricsText(page.request);

  // The key works, and is now in the proxy's key cache (and the proxy has loaded its quota rules).
  expect((await callProxy(page.request, key.key)).status()).toBe(200);
  // A new quota's counter starts from the usage ledger, which holds a call once its record is
  // flushed (USAGE_FLUSH_INTERVAL_MS, 200 ms here): wait for it, so the count below is exact.
  await expect
    .poll(async () => (await adminApi<{ totals: { calls: number } }>(page, "GET", `/api/admin/usage?keyId=${key.id}`)).totals.calls)
    .toBe(1);

  // A daily quota of 2 calls, created through the admin API: the proxy's next calls obey it.
  await adminApi(page, "PUT", "/api/admin/quotas", { scope: "key", scopeId: key.id, period: "daily", maxCalls: 2 });
  expect((await callProxy(page.request, key.key)).status()).toBe(200);
  const refused = await callProxy(page.request, key.key);
  expect(refused.status()).toBe(429);

  // The console reads the counter the proxy booked.
  const status = await adminApi<{ limits: { period: string; kind: string; used: number; limit: number }[] }>(
    page, "GET", `/api/admin/quotas/status?scope=key&scopeId=${key.id}`,
  );
  expect(status.limits.find((l) => l.period === "daily" && l.kind === "calls")).toMatchObject({ used: 2, limit: 2 });

  // Revoked in the console's thread, refused by the proxy on the very next request (cached or not).
  await adminApi(page, "DELETE", `/api/admin/keys/${key.id}`);
  expect((await callProxy(page.request, key.key)).status()).toBe(401);

  // /api/metrics (served by the console's thread) counts what the proxy's thread answered, and the
  // process metrics appear once, not once per thread.
  const after = await metricsText(page.request);
  expect(gatewayCount(after, 200) - gatewayCount(before, 200)).toBe(2);
  expect(gatewayCount(after, 429) - gatewayCount(before, 429)).toBe(1);
  expect(gatewayCount(after, 401) - gatewayCount(before, 401)).toBe(1);
  expect(after.match(/^# TYPE process_cpu_seconds_total /gm)).toHaveLength(1);
});
