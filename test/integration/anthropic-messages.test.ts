// Anthropic's Messages API on Tollgate (POST /v1/messages, /v1/messages/count_tokens) with the
// official @anthropic-ai/sdk over real HTTP, through the fast path, against the fake upstream playing
// an Anthropic upstream (the body and the event stream passed through) and an OpenAI-compatible one
// (translated both ways): JSON and streams, tools, prompt-cache usage and its cost, errors in
// Anthropic's shape, usage records.
import Anthropic, { APIError } from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { countPromptTokens } from "@/lib/tokens/chat-tokens";
import { toCanonicalRequest } from "@/lib/gateway/anthropic-inbound/to-openai-request";
import { POST as messagesRoute } from "@/lib/gateway/anthropic-inbound/messages-route";
import { patchDeployment } from "@/lib/models/routing-mutations";
import { sharedStore } from "@/lib/store";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { serveGateway } from "../support/gateway-server";
import { serveHandlers } from "../support/handler-server";

let upstream: FakeUpstream;
let proxy: { url: string; close(): Promise<void> };
let claude: string;
let openaiModel: string;
let caller: Awaited<ReturnType<typeof createUserWithKey>>;
let client: Anthropic;

async function usageFor(requestId: string) {
  await usageBuffer().flush();
  return db().usageRecord.findUnique({ where: { requestId } });
}

function lastRequest(path: string) {
  const found = upstream.requests.filter((r) => r.path === path).at(-1);
  if (!found) throw new Error(`no upstream request to ${path}`);
  return found;
}

/** Prices with a cached (read) and a cache-write price, on the model and its deployment. */
async function priceCacheTokens(model: string, cachedPerMTok: bigint, cacheWritePerMTok: bigint): Promise<void> {
  await db().model.updateMany({ where: { name: model }, data: { cachedPricePerMTok: cachedPerMTok, cacheWritePricePerMTok: cacheWritePerMTok } });
  await sharedStore().publish("catalog-changed", "");
}

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  proxy = await serveGateway();
  // $3/M input, $15/M output
  claude = (await createProviderWithModel({ kind: "anthropic", baseUrl: upstream.url, apiKey: "sk-upstream", upstreamModel: "claude-upstream", inputPerMTok: 3_000_000n, outputPerMTok: 15_000_000n })).modelName;
  openaiModel = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream", upstreamModel: "gpt-upstream" })).modelName;
  caller = await createUserWithKey();
  client = new Anthropic({ apiKey: caller.key, baseURL: proxy.url, maxRetries: 0 });
});

afterAll(async () => {
  await usageBuffer().flush();
  await proxy?.close();
  await upstream?.close();
});

describe("to an Anthropic upstream (passed through)", () => {
  it("answers a message with the upstream's own body, only the model replaced, and records usage", async () => {
    const { data, response } = await client.messages
      .create(
        {
          model: claude,
          max_tokens: 64,
          system: [{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } }],
          messages: [{ role: "user", content: [{ type: "text", text: "hello claude", cache_control: { type: "ephemeral" } }] }],
          metadata: { user_id: "u-1" },
          // Sampling fields this SDK version no longer types; the API (and the upstream) still take them.
          ...{ top_k: 5 },
        },
        { headers: { "anthropic-beta": "prompt-caching-2024-07-31", "anthropic-version": "2023-01-01" } },
      )
      .withResponse();
    expect(data.content).toEqual([{ type: "text", text: "Echo: hello claude" }]);
    expect(data.id).toMatch(/^msg_fake_/);
    expect(data.model).toBe("claude-upstream");
    expect(data.stop_reason).toBe("end_turn");
    const requestId = response.headers.get("x-request-id")!;
    expect(response.headers.get("x-tollgate-model")).toBe(claude);
    expect(response.headers.get("x-tollgate-provider")).toMatch(/^anthropic-/);
    expect(response.headers.get("x-tollgate-attempts")).toBe("1");
    expect(response.headers.get("x-tollgate-deployment")).toBeTruthy();
    expect(response.headers.get("request-id")).toBe(requestId);

    const sent = lastRequest("/v1/messages");
    expect(sent.body).toEqual({
      model: "claude-upstream",
      max_tokens: 64,
      system: [{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } }],
      messages: [{ role: "user", content: [{ type: "text", text: "hello claude", cache_control: { type: "ephemeral" } }] }],
      top_k: 5,
      metadata: { user_id: "u-1" },
    });
    expect(sent.headers["anthropic-version"]).toBe("2023-01-01");
    expect(sent.headers["anthropic-beta"]).toBe("prompt-caching-2024-07-31");
    expect(sent.headers["x-api-key"]).toBe("sk-upstream");

    const record = await usageFor(requestId);
    expect(record).toMatchObject({ endpoint: "messages", model: claude, keyId: caller.keyId, status: 200, streamed: false, estimated: false, providerKind: "anthropic" });
    expect(record!.inputTokens).toBe(data.usage.input_tokens);
    expect(record!.outputTokens).toBe(data.usage.output_tokens);
    expect(record!.costMicros).toBe((BigInt(data.usage.input_tokens) * 3_000_000n + BigInt(data.usage.output_tokens) * 15_000_000n + 500_000n) / 1_000_000n);
  });

  it("passes the event stream through, thinking blocks included, and reads usage from message_start and message_delta", async () => {
    const stream = client.messages.stream({
      model: claude,
      max_tokens: 128,
      thinking: { type: "enabled", budget_tokens: 1024 },
      messages: [{ role: "user", content: "think about streams [[fake:thinking,cache-read=40,cache-write=10]]" }],
    });
    const types: string[] = [];
    stream.on("streamEvent", (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(types).toEqual([
      "message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
      "content_block_start", ...Array(message.content[1].type === "text" ? message.content[1].text.split(" ").length : 0).fill("content_block_delta"),
      "content_block_stop", "message_delta", "message_stop",
    ]);
    expect(message.content[0]).toEqual({ type: "thinking", thinking: "Thinking about: think about streams", signature: expect.stringMatching(/^sig_fake_/) });
    expect(message.content[1]).toEqual({ type: "text", text: "Echo: think about streams", citations: undefined });
    expect(message.usage).toMatchObject({ cache_read_input_tokens: 40, cache_creation_input_tokens: 10 });
    const record = await usageFor((await stream.withResponse()).response.headers.get("x-request-id")!);
    expect(record).toMatchObject({ endpoint: "messages", streamed: true, status: 200, cachedTokens: 40, cacheWriteTokens: 10, estimated: false });
    expect(record!.inputTokens).toBe(message.usage.input_tokens + 50);
    expect(record!.outputTokens).toBe(message.usage.output_tokens);
    expect(record!.ttftMs).not.toBeNull();
  });

  it("prices prompt-cache reads and writes at their own prices", async () => {
    const model = (await createProviderWithModel({ kind: "anthropic", baseUrl: upstream.url, apiKey: "sk-upstream", inputPerMTok: 3_000_000n, outputPerMTok: 15_000_000n })).modelName;
    await priceCacheTokens(model, 300_000n, 3_750_000n);
    const { data, response } = await client.messages
      .create({ model, max_tokens: 32, messages: [{ role: "user", content: "cached prompt [[fake:cache-read=1000,cache-write=2000]]" }] })
      .withResponse();
    expect(data.usage).toMatchObject({ cache_read_input_tokens: 1000, cache_creation_input_tokens: 2000 });
    const record = await usageFor(response.headers.get("x-request-id")!);
    const plain = BigInt(data.usage.input_tokens);
    const expected = (plain * 3_000_000n + 1000n * 300_000n + 2000n * 3_750_000n + BigInt(data.usage.output_tokens) * 15_000_000n + 500_000n) / 1_000_000n;
    expect(record).toMatchObject({ inputTokens: data.usage.input_tokens + 3000, cachedTokens: 1000, cacheWriteTokens: 2000, costMicros: expected });

    // A deployment's own cache-write price wins over the model's (the routing API's PATCH).
    const deployment = await db().deployment.findFirstOrThrow({ where: { model: { name: model } } });
    await patchDeployment({ orgId: deployment.orgId, id: deployment.id, input: { cacheWritePricePerMTok: 6 } });
    const again = await client.messages
      .create({ model, max_tokens: 32, messages: [{ role: "user", content: "cached prompt again [[fake:cache-read=1000,cache-write=2000]]" }] })
      .withResponse();
    const repriced = await usageFor(again.response.headers.get("x-request-id")!);
    const plainAgain = BigInt(again.data.usage.input_tokens);
    expect(repriced!.costMicros).toBe((plainAgain * 3_000_000n + 1000n * 300_000n + 2000n * 6_000_000n + BigInt(again.data.usage.output_tokens) * 15_000_000n + 500_000n) / 1_000_000n);
  });

  it("runs a tool call and its result", async () => {
    const tools: Anthropic.Tool[] = [{ name: "echo_tool", description: "Echoes", input_schema: { type: "object", properties: { text: { type: "string" } } } }];
    const first = await client.messages.create({ model: claude, max_tokens: 64, tools, messages: [{ role: "user", content: "use it [[fake:tool]]" }] });
    expect(first.stop_reason).toBe("tool_use");
    const call = first.content[0] as Anthropic.ToolUseBlock;
    expect(call).toMatchObject({ type: "tool_use", name: "echo_tool", input: { text: "use it" } });
    const second = await client.messages.create({
      model: claude,
      max_tokens: 64,
      tools,
      messages: [
        { role: "user", content: "use it [[fake:tool]]" },
        { role: "assistant", content: first.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: call.id, content: "tool says hi" }] },
      ],
    });
    expect(second.content[0]).toMatchObject({ type: "text", text: "Echo: tool says hi" });
  });

  it("counts tokens with the upstream's own count_tokens", async () => {
    const { data, response } = await client.messages.countTokens({ model: claude, messages: [{ role: "user", content: "count these words please" }] }).withResponse();
    expect(response.headers.get("x-tollgate-token-count")).toBe("upstream");
    expect(data.input_tokens).toBeGreaterThan(0);
    expect(lastRequest("/v1/messages/count_tokens").body).toMatchObject({ model: "claude-upstream" });
  });

  it("forwards the upstream's error event in a stream, and records the failure", async () => {
    const stream = client.messages.stream({ model: claude, max_tokens: 32, messages: [{ role: "user", content: "break [[fake:stream-error]]" }] });
    const failure = await stream.finalMessage().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as { error?: { error?: { type?: string } } }).error?.error?.type).toBe("overloaded_error");
  });
});

describe("streams cut off by the upstream", () => {
  for (const [kind, name] of [["an Anthropic", () => claude], ["an OpenAI-compatible", () => openaiModel]] as const) {
    it(`end with an error event, never a normal finish, from ${kind} upstream`, async () => {
      const stream = client.messages.stream({ model: name(), max_tokens: 32, messages: [{ role: "user", content: "cut me off early please [[fake:truncate=2]]" }] });
      const types: string[] = [];
      stream.on("streamEvent", (event) => types.push(event.type));
      const failure = await stream.finalMessage().then(() => null, (error: unknown) => error);
      expect(failure).toBeInstanceOf(APIError);
      expect((failure as { error?: { error?: { type?: string; message?: string } } }).error?.error).toMatchObject({ type: "api_error", message: expect.stringContaining("ended unexpectedly") });
      expect(types).not.toContain("message_stop");
      const record = await usageFor((await stream.withResponse()).response.headers.get("x-request-id")!);
      expect(record).toMatchObject({ endpoint: "messages", status: 502, errorType: "upstream_stream_truncated" });
    });
  }
});

describe("to an OpenAI-compatible upstream (translated)", () => {
  it("answers a message translated both ways and sends OpenAI's format upstream", async () => {
    const { data, response } = await client.messages
      .create({
        model: openaiModel,
        max_tokens: 50,
        system: "You are terse.",
        stop_sequences: ["STOP"],
        ...{ temperature: 0.5 },
        messages: [
          { role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } }, { type: "text", text: "what is this" }] },
        ],
      })
      .withResponse();
    expect(data).toMatchObject({
      type: "message",
      role: "assistant",
      model: "gpt-upstream",
      content: [{ type: "text", text: "Echo: what is this" }],
      stop_reason: "end_turn",
      stop_sequence: null,
    });
    const requestId = response.headers.get("x-request-id")!;
    expect(data.id).toBe(`msg_${requestId.slice(4)}`);
    expect(response.headers.get("x-tollgate-provider")).toMatch(/^openai-compatible-/);
    expect(lastRequest("/v1/chat/completions").body).toEqual({
      model: "gpt-upstream",
      stream: false,
      max_tokens: 50,
      temperature: 0.5,
      stop: ["STOP"],
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }, { type: "text", text: "what is this" }] },
      ],
    });
    const record = await usageFor(requestId);
    expect(record).toMatchObject({ endpoint: "messages", status: 200, inputTokens: data.usage.input_tokens, outputTokens: data.usage.output_tokens, providerKind: "openai-compatible" });
  });

  it("streams every event in Anthropic's order, with usage at the end", async () => {
    const stream = client.messages.stream({ model: openaiModel, max_tokens: 50, messages: [{ role: "user", content: "stream to me" }] });
    const types: string[] = [];
    stream.on("streamEvent", (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: "text", text: "Echo: stream to me", citations: undefined }]);
    expect(types[0]).toBe("message_start");
    expect(types.slice(1, 2)).toEqual(["content_block_start"]);
    expect(types.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    expect(types.filter((t) => t === "content_block_delta").length).toBe(4);
    const record = await usageFor((await stream.withResponse()).response.headers.get("x-request-id")!);
    expect(message.usage.input_tokens).toBe(record!.inputTokens);
    expect(message.usage.output_tokens).toBe(record!.outputTokens);
    expect(record).toMatchObject({ streamed: true, status: 200, estimated: false });
  });

  it("streams a tool call as tool_use with input_json_delta, and sends the result back as a tool message", async () => {
    const tools: Anthropic.Tool[] = [{ name: "lookup", input_schema: { type: "object", properties: { text: { type: "string" } } } }];
    const stream = client.messages.stream({ model: openaiModel, max_tokens: 50, tools, tool_choice: { type: "any" }, messages: [{ role: "user", content: "look it up [[fake:tool]]" }] });
    const deltas: string[] = [];
    stream.on("streamEvent", (event) => {
      if (event.type === "content_block_delta" && event.delta.type === "input_json_delta") deltas.push(event.delta.partial_json);
    });
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe("tool_use");
    expect(message.content).toEqual([{ type: "tool_use", id: expect.stringMatching(/^call_fake_/), name: "lookup", input: { text: "look it up" } }]);
    expect(deltas.length).toBe(2);
    expect(lastRequest("/v1/chat/completions").body).toMatchObject({ tools: [{ type: "function", function: { name: "lookup" } }], tool_choice: "required" });

    const toolUse = message.content[0] as Anthropic.ToolUseBlock;
    const answer = await client.messages.create({
      model: openaiModel,
      max_tokens: 50,
      tools,
      messages: [
        { role: "user", content: "look it up [[fake:tool]]" },
        { role: "assistant", content: message.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: toolUse.id, content: [{ type: "text", text: "found it" }] }, { type: "text", text: "thanks" }] },
      ],
    });
    expect(answer.content).toEqual([{ type: "text", text: "Echo: thanks" }]);
    expect((lastRequest("/v1/chat/completions").body as { messages: unknown[] }).messages.slice(1)).toEqual([
      { role: "assistant", content: null, tool_calls: [{ id: toolUse.id, type: "function", function: { name: "lookup", arguments: '{"text":"look it up"}' } }] },
      { role: "tool", tool_call_id: toolUse.id, content: "found it" },
      { role: "user", content: [{ type: "text", text: "thanks" }] },
    ]);
  });

  it("counts tokens the way the gateway counts for quotas", async () => {
    const params = { model: openaiModel, system: "sys", messages: [{ role: "user" as const, content: "how many tokens is this" }] };
    const { data, response } = await client.messages.countTokens(params).withResponse();
    expect(response.headers.get("x-tollgate-token-count")).toBe("gateway");
    expect(data.input_tokens).toBe(await countPromptTokens(toCanonicalRequest(params).request));
  });

  it("refuses what only Anthropic can take, naming the field", async () => {
    const failure = await client.messages
      .create({ model: openaiModel, max_tokens: 10, messages: [{ role: "user", content: [{ type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" } }] }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Anthropic.BadRequestError);
    expect((failure as APIError).message).toContain("messages.0.content.0.source");
  });
});

describe("errors in Anthropic's shape", () => {
  it("401 for a wrong key, either header", async () => {
    const bad = new Anthropic({ apiKey: "tg-not-a-key", baseURL: proxy.url, maxRetries: 0 });
    const failure = await bad.messages.create({ model: claude, max_tokens: 5, messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((failure as APIError).error).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    const bearer = new Anthropic({ authToken: caller.key, apiKey: null, baseURL: proxy.url, maxRetries: 0 });
    const ok = await bearer.messages.create({ model: claude, max_tokens: 5, messages: [{ role: "user", content: "bearer works" }] });
    expect(ok.content[0]).toMatchObject({ text: "Echo: bearer works" });
  });

  it("404 for an unknown model, 403 for a model the key may not use, 400 naming a missing field", async () => {
    const unknown = await client.messages.create({ model: "no-such-model", max_tokens: 5, messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
    expect((unknown as APIError).error).toMatchObject({ error: { type: "not_found_error" } });
    const restricted = await createUserWithKey({ models: [openaiModel] });
    const narrow = new Anthropic({ apiKey: restricted.key, baseURL: proxy.url, maxRetries: 0 });
    const forbidden = await narrow.messages.create({ model: claude, max_tokens: 5, messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect((forbidden as APIError).error).toMatchObject({ error: { type: "permission_error" } });
    const missing = await fetch(`${proxy.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": caller.key, "content-type": "application/json", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model: claude, messages: [{ role: "user", content: "x" }] }),
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: "max_tokens: Field required" } });
  });

  it("413 request_too_large for a body over GATEWAY_MAX_BODY_BYTES", async () => {
    const tooLarge = await fetch(`${proxy.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": caller.key, "content-type": "application/json" },
      body: JSON.stringify({ model: claude, max_tokens: 5, messages: [{ role: "user", content: "x".repeat(4 * 1024 * 1024 + 1) }] }),
    });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ type: "error", error: { type: "request_too_large" } });
  });

  it("an upstream 429 keeps its retry-after; a 500 is a 502 api_error", async () => {
    const limited = await client.messages.create({ model: claude, max_tokens: 5, messages: [{ role: "user", content: "[[fake:status=429,retry-after=7]]" }] }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect((limited as APIError).headers?.get("retry-after")).toBe("7");
    expect((limited as APIError).error).toMatchObject({ error: { type: "rate_limit_error" } });
    const broken = await client.messages.create({ model: openaiModel, max_tokens: 5, messages: [{ role: "user", content: "[[fake:status=500]]" }] }).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(Anthropic.InternalServerError);
    expect((broken as APIError).status).toBe(502);
    expect((broken as APIError).error).toMatchObject({ error: { type: "api_error" } });
  });
});

describe("through the Next.js route file", () => {
  it("serves the same handler (streamed)", async () => {
    const server = await serveHandlers({ "/api/v1/messages": { POST: messagesRoute } });
    try {
      const viaRoute = new Anthropic({ apiKey: caller.key, baseURL: `${server.url}/api`, maxRetries: 0 });
      const message = await viaRoute.messages.stream({ model: openaiModel, max_tokens: 20, messages: [{ role: "user", content: "via next" }] }).finalMessage();
      expect(message.content[0]).toMatchObject({ type: "text", text: "Echo: via next" });
    } finally {
      await server.close();
    }
  });
});
