// The response cache on the proxy, in one process over real HTTP against the fake upstream: exact
// hits (JSON and streamed, read by the real openai SDK), namespaces, no-cache / no-store / TTL
// headers, answers that must never be stored, embeddings partial hits, and the ledger of a hit.
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as chatCompletions } from "@/lib/gateway/chat-completions-route";
import { POST as embeddings } from "@/lib/gateway/embeddings-route";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { entryWriter, flushCacheWrites } from "@/lib/cache/entry-writer";
import { enforceBounds, sweepCache } from "@/lib/cache/cache-sweeper";
import { readCacheSettings } from "@/lib/cache/settings-mutations";
import { hitTouches } from "@/lib/cache/hit-touches";
import { cacheRuntime, resetCacheRuntime } from "@/lib/cache/cache-runtime";
import { ensureCacheLoaded } from "@/lib/cache/cache-sync";
import { upsertQuota } from "@/lib/quotas/quota-mutations";
import { updateKey } from "@/lib/keys/key-mutations";
import { publishGovernanceChanged } from "@/lib/quotas/governance-rules";
import { flushUsage, usageBuffer } from "@/lib/usage/usage-recorder";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { addKey, createCacheWorld, setCache, type CacheWorld } from "../support/cache-fixtures";
import { serveHandlers } from "../support/handler-server";

let upstream: FakeUpstream;
let proxy: { url: string; close(): Promise<void> };
let world: CacheWorld;
let sequence = 0;

const upstreamCalls = (path = "/v1/chat/completions") => upstream.requests.filter((r) => r.path === path);
/** A prompt no other test sends. */
const fresh = (text: string) => `${text} #${++sequence}`;
const ask = (text: string) => ({ messages: [{ role: "user", content: text }] });

function chat(key: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(`${proxy.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: JSON.stringify({ model: world.model, ...body }),
  });
}

function client(key: string): OpenAI {
  return new OpenAI({ apiKey: key, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
}

/** Sends `body` twice (the first stored before the second), returns both cache verdicts. */
async function twice(key: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const first = await chat(key, body, headers);
  await first.text();
  await flushCacheWrites();
  const second = await chat(key, body);
  await second.text();
  return [first.headers.get("x-tollgate-cache"), second.headers.get("x-tollgate-cache")];
}

beforeAll(async () => {
  // Some tests inject upstream faults several times in a row on purpose (prompt directives); they must
  // not eject the world's only deployment (lib/routing's circuit breaker, tested in routing-health).
  process.env.ROUTING_EJECT_CONSECUTIVE_FAILURES = "1000";
  resetEnvCache();
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  proxy = await serveHandlers({ "/api/v1/chat/completions": { POST: chatCompletions }, "/api/v1/embeddings": { POST: embeddings } });
  world = await createCacheWorld(upstream.url);
  await setCache(world.orgId, { enabled: true });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await setCache(world.orgId, { enabled: true, mode: "exact", shadow: false, namespace: "team", embeddingModel: null });
});

afterAll(async () => {
  await usageBuffer().flush();
  await proxy?.close();
  await upstream?.close();
});

describe("exact cache on /v1/chat/completions", () => {
  it("answers a repeated request from the cache with the same body and the hit headers, without calling the upstream", async () => {
    const [alpha] = world.teams;
    const body = ask(fresh("What is the capital of France?"));
    const before = upstreamCalls().length;
    const first = await chat(alpha.key, body);
    expect(first.headers.get("x-tollgate-cache")).toBe("miss");
    const firstBody = await first.json();
    await flushCacheWrites();
    const second = await chat(alpha.key, { ...body, user: "someone-else", stream_options: null });
    expect(second.status).toBe(200);
    expect(second.headers.get("x-tollgate-cache")).toBe("hit");
    expect(Number(second.headers.get("x-tollgate-cache-age"))).toBeGreaterThanOrEqual(0);
    expect(await second.json()).toEqual(firstBody);
    expect(upstreamCalls().length - before).toBe(1);
  });

  it("keeps a stored answer out of the in-process tier until its first hit, which finds it before its row is written", async () => {
    const [alpha] = world.teams;
    const body = ask(fresh("Name a prime number above ten."));
    const memory = () => cacheRuntime().memory.stats(world.orgId).entries;
    const indexed = cacheRuntime().index.size;
    const held = memory();
    const first = await chat(alpha.key, body);
    expect(first.headers.get("x-tollgate-cache")).toBe("miss");
    const firstBody = await first.json();
    // Stored (indexed, queued for the database) once its usage settles, but not held in memory.
    await expect.poll(() => cacheRuntime().index.size, { interval: 5 }).toBe(indexed + 1);
    expect(memory()).toBe(held);
    // The writer commits its queue every 500 ms: this hit comes before that, from the queue.
    const queued = vi.spyOn(entryWriter(), "queued");
    const second = await chat(alpha.key, body);
    expect(second.headers.get("x-tollgate-cache")).toBe("hit");
    expect(await second.json()).toEqual(firstBody);
    expect(queued.mock.results.some((result) => result.value !== undefined)).toBe(true);
    expect(memory()).toBe(held + 1);
    await flushCacheWrites();
    const third = await chat(alpha.key, body);
    expect(third.headers.get("x-tollgate-cache")).toBe("hit");
    expect(await third.json()).toEqual(firstBody);
    expect(memory()).toBe(held + 1);
  });

  it("keys on every parameter that changes the answer, in any key order", async () => {
    const [alpha] = world.teams;
    const text = fresh("parameters");
    await twice(alpha.key, { messages: [{ role: "user", content: text }], temperature: 0.2, max_tokens: 30 });
    const reordered = await chat(alpha.key, { max_tokens: 30, temperature: 0.2, messages: [{ content: text, role: "user" }] });
    expect(reordered.headers.get("x-tollgate-cache")).toBe("hit");
    const changed = await chat(alpha.key, { messages: [{ role: "user", content: text }], temperature: 0.3, max_tokens: 30 });
    expect(changed.headers.get("x-tollgate-cache")).toBe("miss");
  });

  it("replays a hit as a stream the openai SDK reads like a live one (usage only when asked)", async () => {
    const [alpha] = world.teams;
    const text = fresh("Tell me a story");
    const live = await client(alpha.key).chat.completions.create({ model: world.model, ...ask(text), stream: true, stream_options: { include_usage: true } } as never);
    const liveChunks = [];
    for await (const chunk of live as unknown as AsyncIterable<OpenAI.ChatCompletionChunk>) liveChunks.push(chunk);
    await flushCacheWrites();

    const replay = client(alpha.key).chat.completions.stream({ model: world.model, ...ask(text), stream: true, stream_options: { include_usage: true } } as never);
    const replayed: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of replay) replayed.push(chunk);
    const final = await replay.finalChatCompletion();
    expect(final.choices[0].message.content).toBe(liveChunks.map((c) => c.choices[0]?.delta?.content ?? "").join(""));
    expect(final.choices[0].finish_reason).toBe("stop");
    expect(replayed[0].choices[0].delta.role).toBe("assistant");
    expect(replayed.at(-1)!.choices).toEqual([]);
    expect(replayed.at(-1)!.usage).toEqual(liveChunks.at(-1)!.usage);

    const withoutUsage = await chat(alpha.key, { ...ask(text), stream: true });
    expect(withoutUsage.headers.get("x-tollgate-cache")).toBe("hit");
    const sse = await withoutUsage.text();
    expect(sse).not.toContain("\"usage\"");
    expect(sse.trimEnd().endsWith("data: [DONE]")).toBe(true);

    // The entry a stream stored answers a JSON request too.
    const json = await chat(alpha.key, ask(text));
    expect(json.headers.get("x-tollgate-cache")).toBe("hit");
    expect((await json.json()).choices[0].message.content).toBe(final.choices[0].message.content);
  });

  it("replays tool calls", async () => {
    const [alpha] = world.teams;
    const body = {
      ...ask(fresh("[[fake:tool]] weather in Paris")),
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { text: { type: "string" } } } } }],
      stream: true,
    };
    const live = await client(alpha.key).chat.completions.stream({ model: world.model, ...body } as never).finalChatCompletion();
    await flushCacheWrites();
    const replay = client(alpha.key).chat.completions.stream({ model: world.model, ...body } as never);
    const final = await replay.finalChatCompletion();
    expect(final.choices[0].message.tool_calls).toEqual(live.choices[0].message.tool_calls);
    expect(final.choices[0].finish_reason).toBe("tool_calls");
  });

  it("never serves an entry outside the namespace that stored it", async () => {
    const [alpha, beta] = world.teams;
    const body = ask(fresh("team secret"));
    expect(await twice(alpha.key, body)).toEqual(["miss", "hit"]);
    expect((await chat(beta.key, body)).headers.get("x-tollgate-cache")).toBe("miss");
    // Namespace "key": a second key of the same team does not see the first key's entries.
    await setCache(world.orgId, { namespace: "key" });
    const sameTeam = await addKey(world.orgId, alpha.teamId);
    const keyed = ask(fresh("per key"));
    expect(await twice(alpha.key, keyed)).toEqual(["miss", "hit"]);
    expect((await chat(sameTeam.key, keyed)).headers.get("x-tollgate-cache")).toBe("miss");
    // Namespace "org": every team shares.
    await setCache(world.orgId, { namespace: "org" });
    const shared = ask(fresh("shared"));
    expect(await twice(alpha.key, shared)).toEqual(["miss", "hit"]);
    expect((await chat(beta.key, shared)).headers.get("x-tollgate-cache")).toBe("hit");
  });

  it("honours cache-control no-cache (refresh) and no-store (neither), and a key's opt-out", async () => {
    const [alpha] = world.teams;
    const body = ask(fresh("directives"));
    const before = upstreamCalls().length;
    expect(await twice(alpha.key, body, { "cache-control": "no-store" })).toEqual(["bypass", "miss"]);
    await flushCacheWrites();
    const refreshed = await chat(alpha.key, body, { "cache-control": "no-cache" });
    expect(refreshed.headers.get("x-tollgate-cache")).toBe("bypass");
    await refreshed.text();
    expect(upstreamCalls().length - before).toBe(3);
    expect((await chat(alpha.key, body)).headers.get("x-tollgate-cache")).toBe("hit");

    const optedOut = await addKey(world.orgId, alpha.teamId, { cacheOptOut: true });
    expect(await twice(optedOut.key, ask(fresh("opted out")))).toEqual(["bypass", "bypass"]);
    // Through the keys API: the change reaches the proxy's key cache at once.
    const toggled = await addKey(world.orgId, alpha.teamId);
    const text = ask(fresh("toggled"));
    expect(await twice(toggled.key, text)).toEqual(["miss", "hit"]);
    const updated = await updateKey({ orgId: world.orgId, id: toggled.keyId, input: { cacheOptOut: true }, actor: "admin" });
    expect(updated.cacheOptOut).toBe(true);
    expect((await chat(toggled.key, text)).headers.get("x-tollgate-cache")).toBe("bypass");
  });

  it("expires an entry after x-tollgate-cache-ttl seconds, and refuses a malformed ttl with a 400", async () => {
    const [alpha] = world.teams;
    const body = ask(fresh("short lived"));
    expect(await twice(alpha.key, body, { "x-tollgate-cache-ttl": "5" })).toEqual(["miss", "hit"]);
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 6_000);
    expect((await chat(alpha.key, body)).headers.get("x-tollgate-cache")).toBe("miss");
    const bad = await chat(alpha.key, body, { "x-tollgate-cache-ttl": "soon" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.param).toBe("x-tollgate-cache-ttl");
  });

  it("never stores errors, truncated or failing streams, or answers the client abandoned", async () => {
    const [alpha] = world.teams;
    for (const directive of ["[[fake:status=500]]", "[[fake:truncate=2]]", "[[fake:stream-error]]"]) {
      const body = { ...ask(fresh(`${directive} broken`)), stream: !directive.includes("status") };
      const verdicts = await twice(alpha.key, body);
      expect(verdicts).toEqual(["miss", "miss"]);
    }
    const body = { ...ask(fresh("[[fake:chunk-delay=200]] a long answer that the client will not wait for")), stream: true };
    const response = await chat(alpha.key, body);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await flushCacheWrites();
    expect((await chat(alpha.key, body)).headers.get("x-tollgate-cache")).toBe("miss");
  });
});

describe("admission (which answers are stored)", () => {
  /** Sends `body` `times` times, each answer's entry written before the next call; the verdicts. */
  async function verdicts(key: string, body: Record<string, unknown>, times: number, headers: Record<string, string> = {}) {
    const seen: (string | null)[] = [];
    for (let i = 0; i < times; i++) {
      const response = await chat(key, body, i === 0 ? headers : {});
      await response.text();
      await flushCacheWrites();
      seen.push(response.headers.get("x-tollgate-cache"));
    }
    return seen;
  }
  const storedEntries = () => db().cacheEntry.count({ where: { orgId: world.orgId } });

  it("is 'repeated' for an organization that never set it", async () => {
    const org = await db().organization.create({ data: { name: `admission-default-${fresh("org")}` } });
    expect((await readCacheSettings(org.id)).admission).toBe("repeated");
  });

  it("with 'repeated', stores an exact answer on its request's second miss: a one-off prompt writes nothing", async () => {
    const [alpha] = world.teams;
    await setCache(world.orgId, { admission: "repeated" });
    const before = await storedEntries();
    const oneOff = ask(fresh("Name a prime number."));
    expect(await verdicts(alpha.key, oneOff, 1)).toEqual(["miss"]);
    expect(await storedEntries()).toBe(before);
    // Streamed or not, a request is the same request (stream is not part of the key).
    expect(await verdicts(alpha.key, { ...oneOff, stream: true }, 2)).toEqual(["miss", "hit"]);
    expect(await storedEntries()).toBe(before + 1);
    expect(await verdicts(alpha.key, ask(fresh("Name a river.")), 3)).toEqual(["miss", "miss", "hit"]);
  });

  it("with 'repeated', still stores at once what asks to be stored: no-cache, semantic mode, 'always'", async () => {
    const [alpha] = world.teams;
    await setCache(world.orgId, { admission: "repeated" });
    expect(await verdicts(alpha.key, ask(fresh("Refresh me.")), 2, { "cache-control": "no-cache" })).toEqual(["bypass", "hit"]);

    await setCache(world.orgId, { admission: "repeated", mode: "semantic", embeddingModel: "builtin", similarityThreshold: 0.7 });
    const system = { role: "system", content: `You answer questions about invoices ${fresh("tag")}.` };
    expect(await verdicts(alpha.key, { messages: [system, { role: "user", content: "Where do I download my invoice?" }] }, 1)).toEqual(["miss"]);
    expect(await verdicts(alpha.key, { messages: [system, { role: "user", content: "where can I download my invoice" }] }, 1)).toEqual(["semantic-hit"]);

    await setCache(world.orgId, { admission: "always", mode: "exact", embeddingModel: null });
    expect(await verdicts(alpha.key, ask(fresh("Store me at once.")), 2)).toEqual(["miss", "hit"]);
  });
});

describe("exact cache on /v1/embeddings", () => {
  it("caches every input item on its own and sends only the missing items upstream", async () => {
    const [alpha] = world.teams;
    const [a, b, c] = [fresh("alpha text"), fresh("bravo text"), fresh("charlie text")];
    const embed = (input: string[]) =>
      fetch(`${proxy.url}/v1/embeddings`, {
        method: "POST",
        headers: { authorization: `Bearer ${alpha.key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: world.embeddingModel, input, encoding_format: "float" }),
      });
    const direct = await (await embed([a, b])).json();
    await flushCacheWrites();
    upstream.clear();
    const raw = await embed([b, c, a]);
    expect(raw.headers.get("x-tollgate-cache")).toBe("miss");
    expect(raw.headers.get("x-tollgate-cache-items")).toBe("2/3");
    const mixed = await raw.json();
    const sent = upstreamCalls("/v1/embeddings");
    expect(sent).toHaveLength(1);
    expect((sent[0].body as { input: string[] }).input).toEqual([c]);
    expect(mixed.data.map((d: { index: number }) => d.index)).toEqual([0, 1, 2]);
    expect(mixed.data[0].embedding).toEqual(direct.data[1].embedding);
    expect(mixed.data[2].embedding).toEqual(direct.data[0].embedding);
    await flushCacheWrites();
    const all = await embed([c, a]);
    expect(all.headers.get("x-tollgate-cache")).toBe("hit");
    expect((await all.json()).data[1].embedding).toEqual(direct.data[0].embedding);
    // Another encoding is another entry.
    const base64 = await client(alpha.key).embeddings.create({ model: world.embeddingModel, input: [a] });
    expect(base64.data[0].embedding).toHaveLength(direct.data[0].embedding.length);
    expect(upstreamCalls("/v1/embeddings")).toHaveLength(2);
  });
});

describe("the ledger of a hit", () => {
  it("records status 200, cost 0, the stored answer's tokens and what it saved; uses a call of the call quota and none of the token quota", async () => {
    const team = world.teams[0];
    const caller = await addKey(world.orgId, team.teamId);
    await upsertQuota({ orgId: world.orgId, input: { scope: "key", scopeId: caller.keyId, period: "daily", maxCalls: 3, maxTokens: 40 } });
    await publishGovernanceChanged();
    const body = { ...ask(fresh("ledger question")), max_tokens: 20 };
    const miss = await chat(caller.key, body);
    expect(miss.status).toBe(200);
    const missId = miss.headers.get("x-request-id")!;
    await miss.text();
    await flushCacheWrites();
    // What is left of the 40-token quota cannot cover another upstream call's worst case...
    expect((await chat(caller.key, { ...ask(fresh("another question")), max_tokens: 20 })).status).toBe(429);
    // ...but a hit uses no tokens: served, and it counts as a call.
    const hit = await chat(caller.key, body);
    expect(hit.status).toBe(200);
    expect(hit.headers.get("x-tollgate-cache")).toBe("hit");
    const hitId = hit.headers.get("x-request-id")!;
    await flushUsage();
    const [missRecord, hitRecord] = await Promise.all([
      db().usageRecord.findUniqueOrThrow({ where: { requestId: missId } }),
      db().usageRecord.findUniqueOrThrow({ where: { requestId: hitId } }),
    ]);
    expect(missRecord.cache).toBe("miss");
    expect(hitRecord).toMatchObject({ status: 200, cache: "hit", costMicros: 0n, inputTokens: missRecord.inputTokens, outputTokens: missRecord.outputTokens });
    expect(hitRecord.costSavedMicros).toBe(missRecord.costMicros);
    expect(hitRecord.costSavedMicros).toBeGreaterThan(0n);
    // Call quota: miss + hit = 2 of 3; the third call (a hit) is the last one admitted.
    expect((await chat(caller.key, body)).status).toBe(200);
    expect((await chat(caller.key, body)).status).toBe(429);
    const rollup = await db().usageRollup.aggregate({ where: { keyId: caller.keyId }, _sum: { cacheHits: true, cacheMisses: true, tokensSaved: true, inputTokens: true, costSavedMicros: true } });
    expect(rollup._sum.cacheHits).toBe(1);
    expect(rollup._sum.cacheMisses).toBe(1);
    expect(Number(rollup._sum.tokensSaved)).toBe(missRecord.inputTokens + missRecord.outputTokens);
    expect(Number(rollup._sum.inputTokens)).toBe(missRecord.inputTokens);
  });
});

describe("semantic cache", () => {
  it("serves a close paraphrase with the builtin (lexical) embedder, with its similarity, and records shadow matches without serving them", async () => {
    const [alpha, beta] = world.teams;
    await setCache(world.orgId, { mode: "semantic", embeddingModel: "builtin", similarityThreshold: 0.7 });
    const tag = fresh("zeta");
    const system = { role: "system", content: `You answer questions about accounts ${tag}.` };
    const original = { messages: [system, { role: "user", content: "How do I reset my password?" }] };
    expect(await twice(alpha.key, original)).toEqual(["miss", "hit"]);
    const before = upstreamCalls().length;
    const paraphrase = await chat(alpha.key, { messages: [system, { role: "user", content: "how can I reset my password" }] });
    expect(paraphrase.headers.get("x-tollgate-cache")).toBe("semantic-hit");
    expect(Number(paraphrase.headers.get("x-tollgate-cache-similarity"))).toBeGreaterThanOrEqual(0.7);
    expect((await paraphrase.json()).choices[0].message.content).toContain("How do I reset my password?");
    expect(upstreamCalls().length).toBe(before);
    // Another team, another system prompt, or an unrelated question: no semantic match.
    expect((await chat(beta.key, { messages: [system, { role: "user", content: "how can I reset my password" }] })).headers.get("x-tollgate-cache")).toBe("miss");
    expect((await chat(alpha.key, { messages: [{ ...system, content: "Other" }, { role: "user", content: "how can I reset my password" }] })).headers.get("x-tollgate-cache")).toBe("miss");
    expect((await chat(alpha.key, { messages: [system, { role: "user", content: "What is the weather in Lisbon?" }] })).headers.get("x-tollgate-cache")).toBe("miss");

    // After a restart (a fresh index), the vectors come back from the database.
    resetCacheRuntime();
    await ensureCacheLoaded();
    await cacheRuntime().vectorsLoaded;
    expect((await chat(alpha.key, { messages: [system, { role: "user", content: "how can I reset my password" }] })).headers.get("x-tollgate-cache")).toBe("semantic-hit");

    await setCache(world.orgId, { shadow: true });
    const shadowed = await chat(alpha.key, { messages: [system, { role: "user", content: "How can I reset my password please?" }] });
    expect(shadowed.headers.get("x-tollgate-cache")).toBe("shadow");
    const requestId = shadowed.headers.get("x-request-id")!;
    await expect.poll(() => db().cacheShadowHit.findFirst({ where: { requestId } }), { timeout: 5000 }).toMatchObject({
      orgId: world.orgId, prompt: "How can I reset my password please?", cachedPrompt: "How do I reset my password?",
    });
  });

  it("embeds through a catalog model (a usage record charged to the caller) and matches on its vectors", async () => {
    const [alpha] = world.teams;
    await setCache(world.orgId, { mode: "semantic", embeddingModel: world.embeddingModel, similarityThreshold: 0.8 });
    const tag = fresh("catalog");
    const system = { role: "system", content: tag };
    upstream.clear();
    const first = await chat(alpha.key, { messages: [system, { role: "user", content: "reset password account help" }] });
    expect(first.headers.get("x-tollgate-cache")).toBe("miss");
    await first.text();
    await flushCacheWrites();
    expect(upstreamCalls("/v1/embeddings")).toHaveLength(1);
    const second = await chat(alpha.key, { messages: [system, { role: "user", content: "help reset account password" }] });
    expect(second.headers.get("x-tollgate-cache")).toBe("semantic-hit");
    const secondId = second.headers.get("x-request-id")!;
    await flushUsage();
    const embedRecord = await db().usageRecord.findUniqueOrThrow({ where: { requestId: `${secondId}_embed` } });
    expect(embedRecord).toMatchObject({ endpoint: "embeddings", keyId: alpha.keyId, model: world.embeddingModel, status: 200 });
    expect(embedRecord.costMicros).toBeGreaterThan(0n);
    const hitRecord = await db().usageRecord.findUniqueOrThrow({ where: { requestId: secondId } });
    expect(hitRecord.cache).toBe("semantic-hit");
  });
});

describe("the database tier", () => {
  it("deletes expired entries and evicts the least recently used past maxEntries, everywhere", async () => {
    const [, beta] = world.teams;
    const prompts = [fresh("one"), fresh("two"), fresh("three")];
    for (const prompt of prompts) await (await chat(beta.key, ask(prompt), { "x-tollgate-cache-ttl": "600" })).text();
    await flushCacheWrites();
    // "one" is used again (a hit moves its lastUsedAt); then "two" is the least recently used.
    expect((await chat(beta.key, ask(prompts[0]))).headers.get("x-tollgate-cache")).toBe("hit");
    await hitTouches().flush();
    const count = await db().cacheEntry.count({ where: { orgId: world.orgId } });
    const evicted = await enforceBounds(world.orgId, { maxEntries: count - 1, maxBytes: 1e12 });
    expect(evicted).toBe(1);
    // Without a fresh lastUsedAt the oldest entry goes first: the entries of this test are the newest.
    expect((await chat(beta.key, ask(prompts[0]))).headers.get("x-tollgate-cache")).toBe("hit");

    const later = new Date(Date.now() + 601_000);
    const swept = await sweepCache(later);
    expect(swept.expired).toBeGreaterThanOrEqual(2);
    expect(await db().cacheEntry.count({ where: { orgId: world.orgId, prompt: { in: prompts } } })).toBe(0);
    expect((await chat(beta.key, ask(prompts[2]))).headers.get("x-tollgate-cache")).toBe("miss");
  });

  it("evicts by bytes too: the most recently used entries stay while their bytes fit", async () => {
    const [, beta] = world.teams;
    for (const prompt of [fresh("b1"), fresh("b2"), fresh("b3")]) await (await chat(beta.key, ask(prompt), { "x-tollgate-cache-ttl": "600" })).text();
    await flushCacheWrites();
    const rows = await db().cacheEntry.findMany({ where: { orgId: world.orgId }, orderBy: [{ lastUsedAt: "desc" }, { id: "desc" }], select: { id: true, bytes: true } });
    expect(rows.length).toBeGreaterThanOrEqual(3);
    // One byte short of the newest three: only the newest two fit.
    const evicted = await enforceBounds(world.orgId, { maxEntries: 1_000_000, maxBytes: rows[0].bytes + rows[1].bytes + rows[2].bytes - 1 });
    expect(evicted).toBe(rows.length - 2);
    const left = await db().cacheEntry.findMany({ where: { orgId: world.orgId }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([rows[0].id, rows[1].id].sort());
  });
});
