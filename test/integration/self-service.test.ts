// GET /v1/me and POST /v1/tokens/count with a virtual key, over real HTTP through the fast path:
// the values are checked against quotas, rate limits and calls made in the test (known prices and
// the fake upstream's known usage), and against the gateway's own quota counting.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { countPromptTokens } from "@/lib/tokens/chat-tokens";
import { quotaCalendar } from "@/lib/quotas/governance-plan";
import { publishGovernanceChanged } from "@/lib/quotas/governance-rules";
import { sharedStore } from "@/lib/store";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { enableTestAdminApiKey, putQuota, putRateLimit, setTier } from "../support/governance-fixtures";
import { serveGateway } from "../support/gateway-server";

let upstream: FakeUpstream;
let proxy: { url: string; close(): Promise<void> };
/** $2/M input, $8/M output */
let model: string;
let otherModel: string;

async function me(key: string) {
  const response = await fetch(`${proxy.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: await response.json() };
}

async function count(key: string, body: Record<string, unknown>) {
  const response = await fetch(`${proxy.url}/v1/tokens/count`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

/** The cost of a call in dollars at $2/M input and $8/M output, rounded to the micro-dollar like the ledger. */
const costOf = (prompt: number, completion: number) => Number((BigInt(prompt) * 2_000_000n + BigInt(completion) * 8_000_000n + 500_000n) / 1_000_000n) / 1e6;

beforeAll(async () => {
  enableTestAdminApiKey();
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  proxy = await serveGateway();
  model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" })).modelName;
  otherModel = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" })).modelName;
  await db().model.updateMany({ where: { name: model }, data: { contextWindow: 1000, maxOutputTokens: 300 } });
  await sharedStore().publish("catalog-changed", "");
});

afterAll(async () => {
  await usageBuffer().flush();
  await proxy?.close();
  await upstream?.close();
});

describe("GET /v1/me", () => {
  it("shows the key, its models, every quota and rate limit with what is used and left, and the month's spend", async () => {
    const caller = await createUserWithKey({ models: [model] });
    await setTier(caller.userId, "enterprise");
    await putQuota({ scope: "key", scopeId: caller.keyId, period: "monthly", maxCost: 1 });
    await putQuota({ scope: "user", scopeId: caller.userId, period: "daily", maxCalls: 10, maxTokens: 100_000 });
    await putQuota({ scope: "team", scopeId: caller.teamId, period: "total", maxCalls: 50 });
    await putRateLimit({ scope: "key", scopeId: caller.keyId, rpm: 5, tpm: 10_000 });
    const client = new OpenAI({ apiKey: caller.key, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    let tokens = 0;
    let spend = 0;
    for (const text of ["first call", "second call here"]) {
      const { usage } = await client.chat.completions.create({ model, messages: [{ role: "user", content: text }] });
      tokens += usage!.total_tokens;
      spend += costOf(usage!.prompt_tokens, usage!.completion_tokens);
    }
    await usageBuffer().flush();

    const { status, body } = await me(caller.key);
    expect(status).toBe(200);
    const key = await db().apiKey.findUniqueOrThrow({ where: { id: caller.keyId } });
    expect(body.key).toEqual({ id: caller.keyId, name: key.name, prefix: key.prefix });
    expect(body.models).toEqual([model]);
    const now = Date.now();
    const month = quotaCalendar().windowAt("monthly", now).end!.toISOString();
    const day = quotaCalendar().windowAt("daily", now).end!.toISOString();
    expect(body.quotas).toEqual(
      expect.arrayContaining([
        { scope: "key", period: "monthly", resetsAt: month, cost: { used: spend, limit: 1, remaining: Number((1 - spend).toFixed(6)) } },
        { scope: "user", period: "daily", resetsAt: day, calls: { used: 2, limit: 10, remaining: 8 }, tokens: { used: tokens, limit: 100_000, remaining: 100_000 - tokens } },
        { scope: "team", period: "total", resetsAt: null, calls: { used: 2, limit: 50, remaining: 48 } },
      ]),
    );
    expect(body.quotas).toHaveLength(3);
    expect(body.rateLimits).toEqual([{ scope: "key", rpm: 5, tpm: 10_000, remainingRequests: 3, remainingTokens: 10_000 - tokens }]);
    expect(body.spendThisMonth).toBeCloseTo(spend, 6);
  });

  it("reads the month's spend from the ledger when the key has no monthly quota, and lists every model when the key is not narrowed", async () => {
    const caller = await createUserWithKey();
    await setTier(caller.userId, "enterprise");
    const client = new OpenAI({ apiKey: caller.key, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    const { usage } = await client.chat.completions.create({ model: otherModel, messages: [{ role: "user", content: "spend a little" }] });
    await usageBuffer().flush();
    const { body } = await me(caller.key);
    expect(body.quotas).toEqual([]);
    expect(body.rateLimits).toEqual([]);
    expect(body.models).toEqual(expect.arrayContaining([model, otherModel]));
    expect(body.spendThisMonth).toBeCloseTo(costOf(usage!.prompt_tokens, usage!.completion_tokens), 6);
  });

  it("applies the tier's quotas to a user, period by period where the user has none of their own", async () => {
    // An organization of its own: tier quotas apply to every user of the tier in the organization.
    const org = await db().organization.create({ data: { name: `me-tier-org-${Date.now()}` } });
    await db().quota.createMany({
      data: [
        { orgId: org.id, scope: "tier", scopeId: "free", period: "daily", maxCalls: 7 },
        { orgId: org.id, scope: "tier", scopeId: "free", period: "monthly", maxCalls: 70 },
      ],
    });
    const caller = await createUserWithKey({ orgId: org.id, tier: "free" });
    await db().quota.create({ data: { orgId: org.id, scope: "user", scopeId: caller.userId, period: "monthly", maxCalls: 20 } });
    await publishGovernanceChanged();
    const { body } = await me(caller.key);
    expect(body.quotas).toHaveLength(2);
    expect(body.quotas).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ scope: "user", period: "monthly", calls: { used: 0, limit: 20, remaining: 20 } }),
        expect.objectContaining({ scope: "user", period: "daily", calls: { used: 0, limit: 7, remaining: 7 } }),
      ]),
    );
  });

  it("refuses a missing or wrong key in OpenAI's error shape", async () => {
    const missing = await fetch(`${proxy.url}/v1/me`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { type: "authentication_error", code: "missing_api_key" } });
    expect((await me("tg-wrong")).status).toBe(401);
  });
});

describe("POST /v1/tokens/count", () => {
  it("counts as quotas count, says whether it fits the context window, and gives the worst-case cost", async () => {
    const caller = await createUserWithKey();
    const tools = [{ type: "function", function: { name: "lookup", description: "Looks things up", parameters: { type: "object", properties: { q: { type: "string" } } } } }];
    const messages = [{ role: "system", content: "Be brief." }, { role: "user", content: "How many tokens are in this prompt, please?" }];
    const expected = await countPromptTokens({ model, messages, tools } as never);
    const { status, body } = await count(caller.key, { model, messages, tools, max_tokens: 100 });
    expect(status).toBe(200);
    expect(body).toEqual({ input_tokens: expected, context_window: 1000, fits: true, max_cost: costOf(expected, 100) });

    // Without max_tokens, the worst case is the model's maxOutputTokens; more than the window does not fit.
    const noMax = await count(caller.key, { model, messages });
    expect(noMax.body.max_cost).toBe(costOf(noMax.body.input_tokens, 300));
    const tooMuch = await count(caller.key, { model, messages, max_tokens: 990 });
    expect(tooMuch.body.fits).toBe(false);
    // A model whose window the catalog does not know
    expect((await count(caller.key, { model: otherModel, messages })).body).toMatchObject({ context_window: null, fits: null });
  });

  it("prices the worst case at the cache-write price when it is above the input price", async () => {
    const caller = await createUserWithKey();
    const cachedModel = (await createProviderWithModel({ kind: "anthropic", baseUrl: upstream.url, apiKey: "sk-upstream" })).modelName;
    await db().model.updateMany({ where: { name: cachedModel }, data: { cacheWritePricePerMTok: 2_500_000n } });
    await sharedStore().publish("catalog-changed", "");
    const { body } = await count(caller.key, { model: cachedModel, messages: [{ role: "user", content: "cache me" }], max_tokens: 10 });
    expect(body.max_cost).toBe(Number((BigInt(body.input_tokens) * 2_500_000n + 10n * 8_000_000n + 500_000n) / 1_000_000n) / 1e6);
  });

  it("counts for an auto router at the worst case over its candidates, which /v1/me lists like a model", async () => {
    const caller = await createUserWithKey();
    const orgId = (await db().model.findFirstOrThrow({ where: { name: model } })).orgId;
    const router = `auto-${Date.now().toString(36)}`;
    await db().model.create({ data: { orgId, name: router, upstreamModel: router, router: JSON.stringify({ candidates: [model, otherModel] }) } });
    await sharedStore().publish("catalog-changed", "");
    const messages = [{ role: "user", content: "route and count" }];
    const { status, body } = await count(caller.key, { model: router, messages });
    expect(status).toBe(200);
    // otherModel's window and output limit are unknown: so are the router's; the worst case reserves 4,096 output tokens.
    expect(body).toEqual({ input_tokens: await countPromptTokens({ model: router, messages } as never), context_window: null, fits: null, max_cost: costOf(body.input_tokens, 4096) });
    expect((await me(caller.key)).body.models).toContain(router);
  });

  it("refuses a model the key may not use, an unknown model and a bad body, naming the field", async () => {
    const narrow = await createUserWithKey({ models: [otherModel] });
    const forbidden = await count(narrow.key, { model, messages: [{ role: "user", content: "x" }] });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("model_not_allowed");
    expect((await count(narrow.key, { model: "no-such-model", messages: [{ role: "user", content: "x" }] })).status).toBe(404);
    const bad = await count(narrow.key, { model: otherModel, messages: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("messages");
  });
});
