// The official `openai` client against the proxy over real HTTP, with OpenAI-compatible and
// Anthropic upstreams played by the fake upstream server. Run by the two proxy-*.test.ts files.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sharedStore } from "@/lib/store";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { countTextTokens } from "@/lib/tokens/chat-tokens";
import { metrics } from "@/lib/metrics/metrics";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";

export type ServeProxy = () => Promise<{ url: string; close(): Promise<void> }>;

/** The whole suite, against a proxy served by `serve` (the fast path or the Next.js route handlers). */
export function defineProxySuite(serve: ServeProxy): void {

let upstream: FakeUpstream;
let proxy: { url: string; close(): Promise<void> };
let openaiModel: string;
let anthropicModel: string;
let caller: Awaited<ReturnType<typeof createUserWithKey>>;
let client: OpenAI;

async function usageFor(requestId: string) {
  await usageBuffer().flush();
  return db().usageRecord.findUnique({ where: { requestId } });
}

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  proxy = await serve();
  openaiModel = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" })).modelName;
  anthropicModel = (await createProviderWithModel({ kind: "anthropic", baseUrl: upstream.url, apiKey: "sk-upstream", upstreamModel: "claude-test" })).modelName;
  caller = await createUserWithKey();
  client = new OpenAI({ apiKey: caller.key, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await usageBuffer().flush();
  await proxy?.close();
  await upstream?.close();
});

describe("proxy with the official openai client", () => {
  it("answers a non-streaming call and records its tokens and cost", async () => {
    const { data, response } = await client.chat.completions
      .create({ model: openaiModel, messages: [{ role: "user", content: "hello there" }] })
      .withResponse();
    expect(data.choices[0].message.content).toContain("hello there");
    const requestId = response.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^req_/);
    const record = await usageFor(requestId);
    expect(record).toMatchObject({ keyId: caller.keyId, userId: caller.userId, teamId: caller.teamId, model: openaiModel, status: 200, streamed: false, estimated: false });
    expect(record!.inputTokens).toBe(data.usage!.prompt_tokens);
    expect(record!.outputTokens).toBe(data.usage!.completion_tokens);
    const expectedCost = (BigInt(data.usage!.prompt_tokens) * 2_000_000n + BigInt(data.usage!.completion_tokens) * 8_000_000n + 500_000n) / 1_000_000n;
    expect(record!.costMicros).toBe(expectedCost);
  });

  it("streams chunk by chunk and records upstream usage without forwarding it unasked", async () => {
    const stream = await client.chat.completions.create({ model: openaiModel, messages: [{ role: "user", content: "stream me please" }], stream: true });
    let text = "";
    let usageChunks = 0;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      if (chunk.usage) usageChunks++;
      text += chunk.choices[0]?.delta?.content ?? "";
    }
    expect(chunks).toBeGreaterThan(2);
    expect(text).toContain("stream me please");
    expect(usageChunks).toBe(0);
  });

  it("forwards the usage chunk when the client asks for it, through an Anthropic upstream", async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: anthropicModel, messages: [{ role: "system", content: "be brief" }, { role: "user", content: "hi claude" }], stream: true, stream_options: { include_usage: true } })
      .withResponse();
    let text = "";
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toContain("hi claude");
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    const record = await usageFor(response.headers.get("x-request-id")!);
    expect(record).toMatchObject({ providerKind: "anthropic", upstreamModel: "claude-test", streamed: true, status: 200, estimated: false, inputTokens: usage!.prompt_tokens, outputTokens: usage!.completion_tokens });
    expect(record!.ttftMs).not.toBeNull();
    const sent = upstream.requests.filter((r) => r.path === "/v1/messages").at(-1)!.body as { system: unknown; model: string };
    expect(sent.model).toBe("claude-test");
    expect(JSON.stringify(sent.system)).toContain("be brief");
  });

  it("passes tools, response_format, seed and unknown fields through to the upstream", async () => {
    await client.chat.completions.create({
      model: openaiModel,
      messages: [{ role: "user", content: "[[fake:tool]] weather?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: {} } } }],
      response_format: { type: "json_object" },
      seed: 42,
      stop: ["END"],
      // @ts-expect-error a field the gateway does not know
      vendor_extension: { keep: true },
    });
    const sent = upstream.requests.filter((r) => r.path === "/v1/chat/completions").at(-1)!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ seed: 42, stop: ["END"], response_format: { type: "json_object" }, vendor_extension: { keep: true }, model: "upstream-model" });
    expect((sent.tools as unknown[]).length).toBe(1);
  });

  it("counts every answer in the metrics, by endpoint and status", async () => {
    const count = async (endpoint: string, status: string) =>
      (await metrics().gatewayRequests.get()).values.find((v) => v.labels.endpoint === endpoint && v.labels.status === status)?.value ?? 0;
    const [ok, unauthorized] = [await count("chat.completions", "200"), await count("models", "401")];
    await client.chat.completions.create({ model: openaiModel, messages: [{ role: "user", content: "count me" }] });
    await fetch(`${proxy.url}/v1/models`);
    expect(await count("chat.completions", "200")).toBe(ok + 1);
    expect(await count("models", "401")).toBe(unauthorized + 1);
  });

  it("lists only the models the key may use", async () => {
    const limited = await createUserWithKey({ models: [anthropicModel] });
    const list = await new OpenAI({ apiKey: limited.key, baseURL: `${proxy.url}/v1` }).models.list();
    expect(list.data.map((m) => m.id)).toEqual([anthropicModel]);
    await expect(
      new OpenAI({ apiKey: limited.key, baseURL: `${proxy.url}/v1`, maxRetries: 0 }).chat.completions.create({ model: openaiModel, messages: [{ role: "user", content: "x" }] }),
    ).rejects.toMatchObject({ status: 403, code: "model_not_allowed" });
  });

  it("answers embeddings", async () => {
    const result = await client.embeddings.create({ model: openaiModel, input: ["one", "two"] });
    expect(result.data).toHaveLength(2);
    expect(result.data[0].embedding.length).toBeGreaterThan(0);
  });
});

describe("proxy errors in OpenAI's shape", () => {
  it("401 for a missing, malformed, unknown or revoked key; expiry is enforced", async () => {
    const bad = new OpenAI({ apiKey: "tg-notavalidkey", baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    await expect(bad.models.list()).rejects.toMatchObject({ status: 401, code: "invalid_api_key" });

    const victim = await createUserWithKey();
    const victimClient = new OpenAI({ apiKey: victim.key, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    await victimClient.chat.completions.create({ model: openaiModel, messages: [{ role: "user", content: "warm the cache" }] });
    await db().apiKey.update({ where: { id: victim.keyId }, data: { revokedAt: new Date() } });
    await sharedStore().publish("key-invalidated", victim.keyId);
    await expect(victimClient.chat.completions.create({ model: openaiModel, messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({ status: 401 });

    const expiring = await createUserWithKey({ expiresAt: new Date(Date.now() + 300) });
    const expiringClient = new OpenAI({ apiKey: expiring.key, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    await expiringClient.models.list();
    // The same key is refused once its expiry has passed (checked on every request, cached or not).
    const outcome = () => expiringClient.models.list().then(() => "accepted", (error: { code?: string }) => error.code);
    await expect.poll(outcome, { timeout: 5_000, interval: 50 }).toBe("expired_api_key");
  });

  it("400 with `param` for an invalid body, 404 for an unknown model", async () => {
    await expect(client.chat.completions.create({ model: openaiModel, messages: [] })).rejects.toMatchObject({ status: 400, param: "messages" });
    await expect(client.chat.completions.create({ model: "no-such-model", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({ status: 404, code: "model_not_found" });
  });

  it("413 for a body over the limit, 400 for broken JSON", async () => {
    const huge = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${caller.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: openaiModel, messages: [{ role: "user", content: "x".repeat(5 * 1024 * 1024) }] }),
    });
    expect(huge.status).toBe(413);
    const broken = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${caller.key}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe("invalid_json");
  });

  it("passes upstream 4xx and 429 (with retry-after) through, and maps 5xx to 502", async () => {
    const call = (content: string) => client.chat.completions.create({ model: openaiModel, messages: [{ role: "user", content }] });
    await expect(call("[[fake:status=400]] bad")).rejects.toMatchObject({ status: 400 });
    const limited = await call("[[fake:status=429,retry-after=7]] slow down").catch((e) => e);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    await expect(call("[[fake:status=500]] boom")).rejects.toMatchObject({ status: 502 });
  });
});

describe("streams that go wrong", () => {
  async function rawStream(content: string, signal?: AbortSignal) {
    return fetch(`${proxy.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${caller.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: openaiModel, stream: true, messages: [{ role: "user", content }] }),
      signal,
    });
  }

  it("a truncated upstream stream ends with an error event and [DONE], never a normal finish", async () => {
    const response = await rawStream("[[fake:truncate=2]] a long answer that will be cut");
    const body = await response.text();
    const events = body.split("\n\n").filter(Boolean);
    expect(events.at(-1)).toBe("data: [DONE]");
    expect(JSON.parse(events.at(-2)!.slice(6)).error.code).toBe("upstream_stream_truncated");
    expect(body).not.toContain('"finish_reason":"stop"');
    const record = await usageFor(response.headers.get("x-request-id")!);
    expect(record).toMatchObject({ status: 502, errorType: "upstream_stream_truncated", estimated: true });
    expect(record!.inputTokens).toBeGreaterThan(0);
  });

  it("a stream whose upstream reports no usage is recorded with tokens estimated from the text it passed on", async () => {
    const response = await rawStream("[[fake:no-usage]] count the words of this answer please");
    const body = await response.text();
    expect(body.trimEnd().endsWith("data: [DONE]")).toBe(true);
    const text = body
      .split("\n\n")
      .filter((event) => event.startsWith("data: {"))
      .map((event) => (JSON.parse(event.slice(6)) as OpenAI.ChatCompletionChunk).choices[0]?.delta?.content ?? "")
      .join("");
    expect(text).toContain("count the words of this answer please");
    const record = await usageFor(response.headers.get("x-request-id")!);
    expect(record).toMatchObject({ status: 200, streamed: true, estimated: true });
    expect(record!.inputTokens).toBeGreaterThan(0);
    expect(record!.outputTokens).toBe(await countTextTokens(text));
  });

  it("an error object inside a 200 stream is recognized", async () => {
    const body = await (await rawStream("[[fake:stream-error]] hi")).text();
    expect(body).toMatch(/"error":\{/);
    expect(body.trimEnd().endsWith("data: [DONE]")).toBe(true);
  });

  it("a client that disconnects aborts the upstream call and the call is still recorded, estimated", async () => {
    const abort = new AbortController();
    const response = await rawStream("[[fake:chunk-delay=100]] please write a long essay about gateways and tolls", abort.signal);
    const requestId = response.headers.get("x-request-id")!;
    const reader = response.body!.getReader();
    await reader.read();
    abort.abort();
    await expect.poll(async () => (await usageFor(requestId))?.status, { timeout: 5000 }).toBe(499);
    const record = await usageFor(requestId);
    expect(record).toMatchObject({ errorType: "client_closed", estimated: true });
    expect(record!.inputTokens).toBeGreaterThan(0);
    await expect.poll(() => upstream.requests.find((r) => JSON.stringify(r.body).includes("long essay"))?.aborted, { timeout: 5000 }).toBe(true);
  });

  it("a client that gives up on a non-streaming call aborts the upstream call, recorded as client_closed", async () => {
    const closedCalls = async () => {
      await usageBuffer().flush();
      return db().usageRecord.count({ where: { errorType: "client_closed", status: 499, streamed: false } });
    };
    const before = await closedCalls();
    const abort = new AbortController();
    const call = fetch(`${proxy.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${caller.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: openaiModel, messages: [{ role: "user", content: "[[fake:hang]] a question nobody waits for" }] }),
      signal: abort.signal,
    });
    const upstreamCall = () => upstream.requests.find((r) => JSON.stringify(r.body).includes("nobody waits for"));
    await expect.poll(() => upstreamCall() !== undefined, { timeout: 5000 }).toBe(true);
    abort.abort();
    await expect(call).rejects.toThrow();
    await expect.poll(() => upstreamCall()?.aborted, { timeout: 5000 }).toBe(true);
    await expect.poll(closedCalls, { timeout: 5000 }).toBe(before + 1);
  });
});
}
