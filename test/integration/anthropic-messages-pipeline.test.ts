// The Messages API in the rest of the pipeline, with the official @anthropic-ai/sdk over real HTTP
// through the fast path: quota and rate-limit refusals in Anthropic's error shape (and in the
// ledger), the response cache's shared key space (an OpenAI-format call and an Anthropic-format call
// that mean the same thing share an entry, JSON and replayed streams; answers with no canonical form
// are not stored), and a client that leaves mid-stream.
import Anthropic, { APIError } from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { tollgateSecret } from "@/lib/crypto/tollgate-secret";
import { db } from "@/lib/db";
import { ensureDefaultOrg } from "@/lib/org/default-org";
import { sharedStore } from "@/lib/store";
import { flushCacheWrites } from "@/lib/cache/entry-writer";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { createCacheWorld, setCache, type CacheWorld } from "../support/cache-fixtures";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { enableTestAdminApiKey, putQuota, putRateLimit, setTier } from "../support/governance-fixtures";
import { serveGateway } from "../support/gateway-server";

let upstream: FakeUpstream;
let proxy: { url: string; close(): Promise<void> };
let claude: string;
let sequence = 0;
/** A prompt no other test sends. */
const fresh = (text: string) => `${text} #${++sequence}`;

async function usageFor(requestId: string) {
  await usageBuffer().flush();
  return db().usageRecord.findUnique({ where: { requestId } });
}

async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("condition never held");
}

beforeAll(async () => {
  enableTestAdminApiKey();
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  proxy = await serveGateway();
  claude = (await createProviderWithModel({ kind: "anthropic", baseUrl: upstream.url, apiKey: "sk-upstream", upstreamModel: "claude-upstream" })).modelName;
});

afterAll(async () => {
  await usageBuffer().flush();
  await proxy?.close();
  await upstream?.close();
});

describe("quotas and rate limits", () => {
  it("refuses past a quota with a 429 in Anthropic's shape, retry-after, and a refusal record", async () => {
    const caller = await createUserWithKey();
    await setTier(caller.userId, "enterprise");
    await putQuota({ scope: "key", scopeId: caller.keyId, period: "daily", maxCalls: 1 });
    const client = new Anthropic({ apiKey: caller.key, baseURL: proxy.url, maxRetries: 0 });
    await client.messages.create({ model: claude, max_tokens: 8, messages: [{ role: "user", content: "first" }] });
    const refused = await client.messages.create({ model: claude, max_tokens: 8, messages: [{ role: "user", content: "second" }] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Anthropic.RateLimitError);
    const error = refused as APIError;
    expect(error.error).toMatchObject({ type: "error", error: { type: "rate_limit_error", message: expect.stringContaining("Quota exceeded: the daily calls limit of key") } });
    expect(Number(error.headers?.get("retry-after"))).toBeGreaterThan(0);
    const record = await usageFor(error.headers!.get("x-request-id")!);
    expect(record).toMatchObject({ endpoint: "messages", refusal: "quota", status: 429, costMicros: 0n });
  });

  it("counts messages in a requests-per-minute limit and refuses past it", async () => {
    const caller = await createUserWithKey();
    await setTier(caller.userId, "enterprise");
    await putRateLimit({ scope: "key", scopeId: caller.keyId, rpm: 1 });
    const client = new Anthropic({ apiKey: caller.key, baseURL: proxy.url, maxRetries: 0 });
    const { response } = await client.messages.create({ model: claude, max_tokens: 8, messages: [{ role: "user", content: "one" }] }).withResponse();
    expect(response.headers.get("x-ratelimit-limit-requests")).toBe("1");
    const refused = await client.messages.create({ model: claude, max_tokens: 8, messages: [{ role: "user", content: "two" }] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Anthropic.RateLimitError);
    expect((refused as APIError).error).toMatchObject({ error: { type: "rate_limit_error" } });
  });
});

describe("response cache: one key space with chat completions", () => {
  let world: CacheWorld;
  let anthropicModel: string;
  let key: string;

  beforeAll(async () => {
    world = await createCacheWorld(upstream.url);
    anthropicModel = (await createProviderWithModel({ kind: "anthropic", baseUrl: upstream.url, apiKey: "sk-upstream", orgId: world.orgId })).modelName;
    await setCache(world.orgId, { enabled: true });
    key = world.teams[0].key;
  });

  it("serves an OpenAI-format answer to the same request in Anthropic's format, JSON and streamed", async () => {
    const prompt = fresh("shared entry");
    const openai = new OpenAI({ apiKey: key, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    const first = await openai.chat.completions.create({ model: world.model, max_tokens: 40, messages: [{ role: "user", content: prompt }] }).withResponse();
    expect(first.response.headers.get("x-tollgate-cache")).toBe("miss");
    await flushCacheWrites();
    const upstreamCalls = upstream.requests.length;

    const client = new Anthropic({ apiKey: key, baseURL: proxy.url, maxRetries: 0 });
    const { data, response } = await client.messages.create({ model: world.model, max_tokens: 40, messages: [{ role: "user", content: prompt }] }).withResponse();
    expect(response.headers.get("x-tollgate-cache")).toBe("hit");
    expect(data.content).toEqual([{ type: "text", text: first.data.choices[0].message.content }]);
    expect(data.stop_reason).toBe("end_turn");
    expect(data.usage).toMatchObject({ input_tokens: first.data.usage!.prompt_tokens, output_tokens: first.data.usage!.completion_tokens });

    const streamed = client.messages.stream({ model: world.model, max_tokens: 40, messages: [{ role: "user", content: prompt }] });
    const message = await streamed.finalMessage();
    expect((await streamed.withResponse()).response.headers.get("x-tollgate-cache")).toBe("hit");
    expect(message.content[0]).toMatchObject({ type: "text", text: first.data.choices[0].message.content });
    expect(upstream.requests.length).toBe(upstreamCalls);
    const record = await usageFor(response.headers.get("x-request-id")!);
    expect(record).toMatchObject({ endpoint: "messages", cache: "hit", costMicros: 0n });
  });

  it("stores a passed-through Anthropic stream for the next caller of either format", async () => {
    const prompt = fresh("stored from a stream");
    const client = new Anthropic({ apiKey: key, baseURL: proxy.url, maxRetries: 0 });
    const stream = client.messages.stream({ model: anthropicModel, max_tokens: 40, messages: [{ role: "user", content: prompt }] });
    const first = await stream.finalMessage();
    expect((await stream.withResponse()).response.headers.get("x-tollgate-cache")).toBe("miss");
    await pollUntil(async () => { await flushCacheWrites(); return db().cacheEntry.count({ where: { orgId: world.orgId, prompt } }); }, (n) => n === 1);
    const again = await client.messages.create({ model: anthropicModel, max_tokens: 40, messages: [{ role: "user", content: prompt }] }).withResponse();
    expect(again.response.headers.get("x-tollgate-cache")).toBe("hit");
    expect(again.data.content).toEqual([{ type: "text", text: (first.content[0] as Anthropic.TextBlock).text }]);
    const openai = new OpenAI({ apiKey: key, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    const chat = await openai.chat.completions.create({ model: anthropicModel, max_tokens: 40, messages: [{ role: "user", content: prompt }] }).withResponse();
    expect(chat.response.headers.get("x-tollgate-cache")).toBe("hit");
    expect(chat.data.choices[0].message.content).toBe((first.content[0] as Anthropic.TextBlock).text);
  });

  it("never stores an answer with blocks the canonical form cannot hold, nor a request with Anthropic-only fields", async () => {
    const client = new Anthropic({ apiKey: key, baseURL: proxy.url, maxRetries: 0 });
    const thinking = fresh("thinking answer [[fake:thinking]]");
    const first = await client.messages.create({ model: anthropicModel, max_tokens: 40, messages: [{ role: "user", content: thinking }] }).withResponse();
    expect(first.response.headers.get("x-tollgate-cache")).toBe("miss");
    await flushCacheWrites();
    const second = await client.messages.create({ model: anthropicModel, max_tokens: 40, messages: [{ role: "user", content: thinking }] }).withResponse();
    expect(second.response.headers.get("x-tollgate-cache")).toBe("miss");
    expect(second.data.content[0].type).toBe("thinking");

    const topK = fresh("sampled");
    const withTopK = await client.messages.create({ model: anthropicModel, max_tokens: 40, ...{ top_k: 3 }, messages: [{ role: "user", content: topK }] }).withResponse();
    expect(withTopK.response.headers.get("x-tollgate-cache")).toBe("bypass");
  });
});

describe("routing", () => {
  it("retries on the model's next deployment, another provider kind: the stream is translated there", async () => {
    const orgId = await ensureDefaultOrg();
    const suffix = `${Date.now().toString(36)}${++sequence}`;
    const provider = (name: string, kind: string, baseUrl: string) =>
      db().provider.create({ data: { orgId, name: `${name}-${suffix}`, kind, baseUrl, encryptedApiKey: encryptSecret("sk-upstream", tollgateSecret()) } });
    // Nothing listens on port 1: the first deployment's attempt is refused, a retryable failure.
    const dead = await provider("dead-anthropic", "anthropic", "http://127.0.0.1:1");
    const live = await provider("live-openai", "openai-compatible", `${upstream.url}/v1`);
    const name = `routed-${suffix}`;
    await db().model.create({
      data: {
        orgId, name, providerId: dead.id, upstreamModel: "claude-x", inputPricePerMTok: 1_000_000n, outputPricePerMTok: 2_000_000n,
        deployments: { create: [{ orgId, providerId: dead.id, upstreamModel: "claude-x", priority: 0 }, { orgId, providerId: live.id, upstreamModel: "gpt-x", priority: 1 }] },
      },
    });
    await sharedStore().publish("catalog-changed", "");
    const caller = await createUserWithKey();
    const client = new Anthropic({ apiKey: caller.key, baseURL: proxy.url, maxRetries: 0 });
    const stream = client.messages.stream({ model: name, max_tokens: 20, messages: [{ role: "user", content: "route me" }] });
    const message = await stream.finalMessage();
    expect(message.content[0]).toMatchObject({ type: "text", text: "Echo: route me" });
    const { response } = await stream.withResponse();
    expect(response.headers.get("x-tollgate-attempts")).toBe("2");
    expect(response.headers.get("x-tollgate-provider")).toBe(live.name);
    const record = await usageFor(response.headers.get("x-request-id")!);
    expect(record).toMatchObject({ endpoint: "messages", status: 200, attempts: 2, providerId: live.id, upstreamModel: "gpt-x" });
  });
});

describe("a client that leaves mid-stream", () => {
  it("cancels the upstream call and records a 499 with an estimate", async () => {
    const caller = await createUserWithKey();
    const client = new Anthropic({ apiKey: caller.key, baseURL: proxy.url, maxRetries: 0 });
    const prompt = fresh("a long answer word word word word word word word word [[fake:chunk-delay=200]]");
    const stream = client.messages.stream({ model: claude, max_tokens: 64, messages: [{ role: "user", content: prompt }] });
    const requestId = (await stream.withResponse()).response.headers.get("x-request-id")!;
    await new Promise<void>((resolve) => stream.on("text", () => resolve()));
    stream.abort();
    const record = await pollUntil(() => usageFor(requestId), (r) => r !== null);
    expect(record).toMatchObject({ endpoint: "messages", status: 499, errorType: "client_closed", estimated: true });
    expect(record!.outputTokens).toBeGreaterThan(0);
    const sent = upstream.requests.filter((r) => (r.body as { messages?: { content?: string }[] }).messages?.[0]?.content === prompt);
    await pollUntil(async () => sent[0]?.aborted, (aborted) => aborted === true);
  });
});
