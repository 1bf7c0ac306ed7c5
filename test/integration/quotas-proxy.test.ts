// Quotas and rate limits on the proxy, in one Tollgate process, over real HTTP against the fake
// upstream: exact admission under concurrency, release on upstream failure, settlement to the real
// usage, tier defaults and explicit overrides, period roll-over, expiry of an orphaned reservation,
// embeddings, and the verification endpoint catching a record altered behind its back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as chatCompletions } from "@/lib/gateway/chat-completions-route";
import { POST as embeddings } from "@/lib/gateway/embeddings-route";
import { db } from "@/lib/db";
import { adminRequest, callRoute } from "@/lib/http/admin-test-support";
import { admitCall, HOLD_MARGIN_MS } from "@/lib/quotas/admission";
import { setGovernanceClock } from "@/lib/quotas/clock";
import { env } from "@/lib/env";
import * as quotaItem from "@/lib/quotas/quota-route";
import * as statusRoute from "@/lib/quotas/quota-status-route";
import * as verifyRoute from "@/lib/quotas/verify-usage-route";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { chat, enableTestAdminApiKey, post, putQuota, putRateLimit, setTier, tally } from "../support/governance-fixtures";
import { serveHandlers } from "../support/handler-server";

let upstream: FakeUpstream;
let proxy: { url: string; close(): Promise<void> };
/** $2/M input, $8/M output: the fixtures' default prices */
let model: string;
/** input free, output $250/M: "abcdefghij" echoes as 4 completion tokens = exactly $0.001 */
let flatModel: string;
const FLAT = { messages: [{ role: "user", content: "abcdefghij" }], max_tokens: 4 };

async function caller(tier: "free" | "pro" | "enterprise" = "enterprise") {
  const created = await createUserWithKey();
  await setTier(created.userId, tier);
  return created;
}

async function status(scope: string, scopeId: string) {
  const result = await callRoute(statusRoute.GET, adminRequest(`/api/admin/quotas/status?scope=${scope}&scopeId=${scopeId}`));
  expect(result.status).toBe(200);
  return result.body.limits as { period: string; kind: string; used: number; limit: number; remaining: number; resetsAt: string | null; source: string }[];
}

beforeAll(async () => {
  enableTestAdminApiKey();
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  proxy = await serveHandlers({ "/api/v1/chat/completions": { POST: chatCompletions }, "/api/v1/embeddings": { POST: embeddings } });
  model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" })).modelName;
  flatModel = (await createProviderWithModel({
    kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream", inputPerMTok: 0n, outputPerMTok: 250_000_000n,
  })).modelName;
});

afterEach(() => setGovernanceClock(null));

afterAll(async () => {
  await usageBuffer().flush();
  await proxy?.close();
  await upstream?.close();
});

describe("quotas on the proxy", () => {
  it("admits exactly maxCalls out of 200 concurrent calls and refuses the rest with quota_exceeded", async () => {
    const { key, keyId } = await caller();
    await putQuota({ scope: "key", scopeId: keyId, period: "daily", maxCalls: 50 });
    const answers = await Promise.all(Array.from({ length: 200 }, () => chat(proxy.url, key, { model, messages: [{ role: "user", content: "hi" }] })));
    expect(tally(answers)).toEqual({ "200": 50, "429:quota_exceeded": 150 });

    const refused = answers.find((a) => a.status === 429)!;
    const keyName = (await db().apiKey.findUniqueOrThrow({ where: { id: keyId }, select: { name: true } })).name;
    expect(refused.body.error).toMatchObject({
      type: "quota_exceeded", code: "quota_exceeded", param: null,
      limit: { scope: "key", scopeId: keyId, name: keyName, period: "daily", kind: "calls", limit: 50, resetsInSeconds: expect.any(Number) },
    });
    expect(refused.body.error.limit.used).toBeGreaterThanOrEqual(50);
    // The key by its name, never its id; the reset as a wall-clock time with how long until then.
    expect(refused.body.error.message).toContain(`daily calls limit of key “${keyName}” is 50 calls`);
    expect(refused.body.error.message).not.toContain(keyId);
    expect(refused.body.error.message).toMatch(/It resets (at|on \d{1,2} \w{3} \d{4} at) \d\d:\d\d \S+ \(in (\d+ h( \d+ min)?|\d+ min|\d+ s)\)\.$/);
    expect(refused.body.error.message).not.toMatch(/\d{4}-\d\d-\d\dT/);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(Date.parse(refused.body.error.limit.resetsAt) - Date.now()).toBeLessThanOrEqual(retryAfter * 1000);

    await expect.poll(async () => (await status("key", keyId))[0]).toMatchObject({ kind: "calls", used: 50, limit: 50, remaining: 0, source: "explicit" });
  });

  it("admits exactly what a cost limit pays for, out of 200 concurrent calls", async () => {
    const { key, userId } = await caller();
    await putQuota({ scope: "user", scopeId: userId, period: "monthly", maxCost: 0.05 });
    const answers = await Promise.all(Array.from({ length: 200 }, () => chat(proxy.url, key, { model: flatModel, ...FLAT })));
    expect(tally(answers)).toEqual({ "200": 50, "429:quota_exceeded": 150 });
    expect(answers.find((a) => a.status === 429)!.body.error.limit).toMatchObject({ kind: "cost", limit: 0.05, used: 0.05 });
    await expect.poll(async () => (await status("user", userId))[0]).toMatchObject({ kind: "cost", used: 0.05, remaining: 0 });
  });

  it("releases the reservation when the upstream fails, and settles a success to its real usage", async () => {
    const { key, keyId } = await caller();
    await putQuota({ scope: "key", scopeId: keyId, period: "total", maxCalls: 2, maxTokens: 100_000 });
    const failed = await chat(proxy.url, key, { model, messages: [{ role: "user", content: "[[fake:status=500]] boom" }] });
    expect(failed.status).toBe(502);
    await expect.poll(async () => (await status("key", keyId)).map((l) => l.used)).toEqual([0, 0]);

    const ok = await chat(proxy.url, key, { model, messages: [{ role: "user", content: "count me" }] });
    expect(ok.status).toBe(200);
    const realTokens = ok.body.usage.prompt_tokens + ok.body.usage.completion_tokens;
    // The reservation held the prompt plus 4096 output tokens; the counter keeps only what was used.
    await expect.poll(async () => (await status("key", keyId)).map((l) => [l.kind, l.used, l.resetsAt])).toEqual([["calls", 1, null], ["tokens", realTokens, null]]);

    expect((await chat(proxy.url, key, { model, messages: [{ role: "user", content: "two" }] })).status).toBe(200);
    const third = await chat(proxy.url, key, { model, messages: [{ role: "user", content: "three" }] });
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBeNull();
    expect(third.body.error.message).toContain("does not reset");
  });

  it("applies the tier's default quota unless the user has an explicit one for the same period", async () => {
    const { key, userId } = await caller("pro");
    await putQuota({ scope: "tier", scopeId: "pro", period: "daily", maxCalls: 1 });
    try {
      expect((await chat(proxy.url, key, { model, messages: [{ role: "user", content: "a" }] })).status).toBe(200);
      const refused = await chat(proxy.url, key, { model, messages: [{ role: "user", content: "b" }] });
      expect(refused.status).toBe(429);
      expect(refused.body.error.limit).toMatchObject({ scope: "user", scopeId: userId, period: "daily", kind: "calls", limit: 1 });
      expect(refused.body.error.message).toContain("(tier default) is 1 call; 1 call already used");
      const userName = (await db().user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } })).name;
      expect(refused.body.error.message).toContain(`daily calls limit of user “${userName}” (tier default)`);
      expect(refused.body.error.limit.name).toBe(userName);
      expect((await status("user", userId)).find((l) => l.period === "daily")).toMatchObject({ source: "tier", used: 1, limit: 1 });

      await putQuota({ scope: "user", scopeId: userId, period: "daily", maxCalls: 3 });
      expect((await chat(proxy.url, key, { model, messages: [{ role: "user", content: "c" }] })).status).toBe(200);
      expect((await chat(proxy.url, key, { model, messages: [{ role: "user", content: "d" }] })).status).toBe(200);
      expect((await chat(proxy.url, key, { model, messages: [{ role: "user", content: "e" }] })).status).toBe(429);
      expect((await status("user", userId)).find((l) => l.period === "daily")).toMatchObject({ source: "explicit", used: 3, limit: 3 });
    } finally {
      await db().quota.deleteMany({ where: { scope: "tier", scopeId: "pro", period: "daily" } });
    }
  });

  it("starts a new daily period at midnight in the configured time zone", async () => {
    const { key, keyId } = await caller();
    let now = Date.parse("2031-03-10T23:59:30Z");
    setGovernanceClock(() => now);
    await putQuota({ scope: "key", scopeId: keyId, period: "daily", maxCalls: 1 });
    expect((await chat(proxy.url, key, { model, messages: [{ role: "user", content: "late" }] })).status).toBe(200);
    const refused = await chat(proxy.url, key, { model, messages: [{ role: "user", content: "later" }] });
    expect(refused.body.error.limit.resetsAt).toBe("2031-03-11T00:00:00.000Z");
    expect(refused.headers.get("retry-after")).toBe("30");
    now = Date.parse("2031-03-11T00:00:01Z");
    expect((await chat(proxy.url, key, { model, messages: [{ role: "user", content: "new day" }] })).status).toBe(200);
    expect(await status("key", keyId)).toMatchObject([{ used: 1, resetsAt: "2031-03-12T00:00:00.000Z" }]);
  });

  it("stops counting a reservation whose process died once its hold expires", async () => {
    const { key, keyId, userId, teamId } = await caller();
    const orgId = (await db().apiKey.findUniqueOrThrow({ where: { id: keyId } })).orgId;
    let now = Date.parse("2031-05-01T12:00:00Z");
    setGovernanceClock(() => now);
    await putQuota({ scope: "key", scopeId: keyId, period: "daily", maxCalls: 1 });
    // A call admitted and never settled: what a process that crashed mid-call leaves behind.
    const orphan = await admitCall({
      requestId: "req_orphan_" + keyId, model,
      principal: { orgId, keyId, userId, teamId, allowedModels: null, expiresAt: null, tier: "enterprise" },
      estimate: async () => ({ tokens: 0, cost: 0 }),
    });
    expect(orphan.admission).toBeDefined();
    expect((await chat(proxy.url, key, { model, messages: [{ role: "user", content: "blocked" }] })).status).toBe(429);
    now += env().GATEWAY_UPSTREAM_TIMEOUT_MS + HOLD_MARGIN_MS;
    expect((await chat(proxy.url, key, { model, messages: [{ role: "user", content: "free again" }] })).status).toBe(200);
  });

  it("settles a stream at its end, and a stream the client abandons at the estimate it was billed", async () => {
    const { key, keyId } = await caller();
    await putQuota({ scope: "key", scopeId: keyId, period: "daily", maxTokens: 1_000_000 });
    const streamed = await chat(proxy.url, key, { model, messages: [{ role: "user", content: "stream this" }], stream: true });
    expect(streamed.status).toBe(200);
    const requestId = streamed.headers.get("x-request-id")!;

    const abort = new AbortController();
    const response = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "[[fake:chunk-delay=300]] a slow answer with many words" }], stream: true }),
      signal: abort.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    abort.abort();
    const cancelledId = response.headers.get("x-request-id")!;

    await expect.poll(async () => {
      await usageBuffer().flush();
      return db().usageRecord.count({ where: { requestId: { in: [requestId, cancelledId] } } });
    }).toBe(2);
    const records = await db().usageRecord.findMany({ where: { keyId } });
    expect(records.find((r) => r.requestId === cancelledId)).toMatchObject({ status: 499, estimated: true });
    const tokens = records.reduce((sum, r) => sum + r.inputTokens + r.outputTokens, 0);
    await expect.poll(async () => (await status("key", keyId))[0].used).toBe(tokens);
  });

  it("re-seeds a counter from the usage ledger when a quota starts governing it again", async () => {
    const { key, keyId } = await caller();
    const call = () => chat(proxy.url, key, { model, messages: [{ role: "user", content: "ledger" }] });
    const quota = await putQuota({ scope: "key", scopeId: keyId, period: "daily", maxCalls: 100 });
    for (let i = 0; i < 2; i++) expect((await call()).status).toBe(200);
    await callRoute(quotaItem.DELETE, adminRequest(`/api/admin/quotas/${quota.id}`, { method: "DELETE" }), { id: quota.id });
    // Not counted by any counter while no quota governs the key…
    for (let i = 0; i < 3; i++) expect((await call()).status).toBe(200);
    await usageBuffer().flush();
    // …but the ledger has them, and the new quota starts from the ledger, not from a stale counter.
    await putQuota({ scope: "key", scopeId: keyId, period: "daily", maxCalls: 100 });
    expect((await status("key", keyId))[0].used).toBe(5);
    expect((await call()).status).toBe(200);
    await expect.poll(async () => (await status("key", keyId))[0].used).toBe(6);
  });

  it("governs embeddings by input tokens", async () => {
    const { key, keyId } = await caller();
    await putQuota({ scope: "key", scopeId: keyId, period: "monthly", maxTokens: 30 });
    const first = await post(`${proxy.url}/v1/embeddings`, key, { model, input: "one two three four five six seven eight nine ten" });
    expect(first.status).toBe(200);
    const used = first.body.usage.prompt_tokens;
    await expect.poll(async () => (await status("key", keyId))[0].used).toBe(used);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await post(`${proxy.url}/v1/embeddings`, key, { model, input: "one two three four five six seven eight nine ten" }));
    expect(answers.some((a) => a.status === 429 && a.body.error.limit.kind === "tokens")).toBe(true);
  });
});

describe("rate limits on the proxy (in-process windows)", () => {
  it("admits rpm calls per sliding minute, with OpenAI's headers, then refuses with retry-after", async () => {
    const { key, keyId } = await caller();
    await putRateLimit({ scope: "key", scopeId: keyId, rpm: 3, tpm: 1_000_000 });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await chat(proxy.url, key, { model, messages: [{ role: "user", content: `call ${i}` }], max_tokens: 10 }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0].headers.get("x-ratelimit-limit-requests")).toBe("3");
    expect(answers[0].headers.get("x-ratelimit-remaining-requests")).toBe("2");
    expect(answers[2].headers.get("x-ratelimit-remaining-requests")).toBe("0");
    // Room comes back when the oldest call of the minute leaves it: a full minute for the first one.
    expect(answers[0].headers.get("x-ratelimit-reset-requests")).toBe("1m0s");
    expect(answers[2].headers.get("x-ratelimit-reset-requests")).toMatch(/^(59\.\d+s|1m0s)$/);
    expect(answers[0].headers.get("x-ratelimit-limit-tokens")).toBe("1000000");
    expect(Number(answers[0].headers.get("x-ratelimit-remaining-tokens"))).toBeLessThan(1_000_000);
    const refused = answers[3];
    expect(refused.body.error).toMatchObject({ type: "rate_limit_exceeded", code: "rate_limit_exceeded", param: null });
    const keyName = (await db().apiKey.findUniqueOrThrow({ where: { id: keyId }, select: { name: true } })).name;
    expect(refused.body.error.message).toMatch(new RegExp(`^Rate limit reached for .* on key “${keyName}” on requests per min \\(RPM\\): Limit 3, Used 3, Requested 1\\. Please try again in .*s\\.$`));
    expect(refused.body.error.limit).toMatchObject({ scope: "key", scopeId: keyId, name: keyName, kind: "rpm", limit: 3, used: 3, requested: 1, retryAfterMs: expect.any(Number) });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("GET /api/admin/usage/verify", () => {
  it("finds counters, rollups and records in agreement, then reports a record altered with SQL", async () => {
    const { key, keyId } = await caller();
    await putQuota({ scope: "key", scopeId: keyId, period: "daily", maxCost: 100 });
    for (let i = 0; i < 3; i++) expect((await chat(proxy.url, key, { model: flatModel, ...FLAT })).status).toBe(200);
    await expect.poll(async () => (await status("key", keyId))[0].used).toBe(0.003);

    const clean = await callRoute(verifyRoute.GET, adminRequest("/api/admin/usage/verify?period=daily"));
    expect(clean.status).toBe(200);
    expect(clean.body.differences.filter((d: { scopeId: string }) => d.scopeId === keyId)).toEqual([]);
    expect(clean.body.checked).toMatchObject({ periodKey: expect.stringMatching(/^daily:/), rollupsCompared: true });
    expect(clean.body.checked.counters).toBeGreaterThan(0);

    const [record] = await db().usageRecord.findMany({ where: { keyId }, take: 1 });
    await db().$executeRawUnsafe(`UPDATE "UsageRecord" SET "costMicros" = 5000 WHERE "requestId" = '${record.requestId}'`);
    const altered = await callRoute(verifyRoute.GET, adminRequest("/api/admin/usage/verify?period=daily"));
    expect(altered.body.ok).toBe(false);
    const mine = altered.body.differences.filter((d: { scope: string; scopeId: string }) => d.scope === "key" && d.scopeId === keyId);
    expect(mine).toEqual([
      { what: "rollup.cost", scope: "key", scopeId: keyId, expected: 0.007, actual: 0.003 },
      { what: "counter.cost", scope: "key", scopeId: keyId, expected: 0.007, actual: 0.003 },
    ]);
  });
});
