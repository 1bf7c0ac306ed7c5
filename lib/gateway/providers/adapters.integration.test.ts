// Every adapter against the fake upstream over real HTTP: answers, usage, the error mapping, timeouts,
// truncated and failing streams, and cancellation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProviderKind } from "@/lib/gateway/types";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { adapterFor } from "./index";
import {
  FAKE_API_KEY,
  collectChunks,
  collectUntilError,
  streamedText,
  targetFor,
  upstreamErrorOf,
  userRequest,
} from "./adapter-test-helpers";

let upstream: FakeUpstream;
const signal = new AbortController().signal;

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: FAKE_API_KEY });
});
afterAll(() => upstream.close());
beforeEach(() => upstream.clear());

const KINDS: ProviderKind[] = ["openai", "openai-compatible", "anthropic", "gemini"];

describe.each(KINDS)("%s adapter", (kind) => {
  const adapter = adapterFor(kind);
  const target = () => targetFor(kind, upstream);

  it("answers a non-stream request with content and usage", async () => {
    const completion = await adapter.chat(userRequest("hello there"), target(), signal);
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]).toMatchObject({ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Echo: hello there" } });
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
    expect(completion.usage?.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);
  });

  it("streams chunk by chunk, role first, and exposes the final usage", async () => {
    const stream = await adapter.chatStream(userRequest("one two three", { stream: true }), target(), signal);
    const chunks = await collectChunks(stream);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    expect(streamedText(chunks)).toBe("Echo: one two three");
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThanOrEqual(4);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    // the client did not ask for usage, so no usage-only chunk reaches it…
    expect(chunks.some((chunk) => chunk.choices.length === 0 || chunk.usage)).toBe(false);
    // …but the gateway still gets it
    expect(stream.usage?.()).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    expect(stream.usage?.()?.completion_tokens).toBeGreaterThan(0);
  });

  it("yields the usage chunk when the client asked for it", async () => {
    const stream = await adapter.chatStream(userRequest("hi", { stream: true, stream_options: { include_usage: true } }), target(), signal);
    const last = (await collectChunks(stream)).at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual(stream.usage?.());
  });

  it("calls a tool, whole and streamed", async () => {
    const tools = [{ type: "function" as const, function: { name: "lookup", parameters: { type: "object", properties: { text: { type: "string" } } } } }];
    const completion = await adapter.chat(userRequest("find cats [[fake:tool]]", { tools }), target(), signal);
    expect(completion.choices[0].finish_reason).toBe("tool_calls");
    expect(completion.choices[0].message.tool_calls?.[0].function).toEqual({ name: "lookup", arguments: '{"text":"find cats"}' });

    const chunks = await collectChunks(await adapter.chatStream(userRequest("find dogs [[fake:tool]]", { tools, stream: true }), target(), signal));
    const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({ index: 0, id: expect.any(String), function: { name: "lookup" } });
    expect(deltas.map((delta) => delta.function?.arguments ?? "").join("")).toBe('{"text":"find dogs"}');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("passes an upstream 400 through with its message", async () => {
    const error = await upstreamErrorOf(adapter.chat(userRequest("x [[fake:status=400]]"), target(), signal));
    expect(error).toMatchObject({ status: 400, message: "The fake upstream was told to fail with HTTP 400." });
    const streamError = await upstreamErrorOf(adapter.chatStream(userRequest("x [[fake:status=404]]", { stream: true }), target(), signal));
    expect(streamError).toMatchObject({ status: 404, beforeFirstByte: true });
  });

  it("turns a rejected provider key into a 502 that names the provider credential", async () => {
    const error = await upstreamErrorOf(adapter.chat(userRequest("hi"), targetFor(kind, upstream, { apiKey: "sk-wrong" }), signal));
    expect(error.status).toBe(502);
    expect(error.message).toContain(`rejected Tollgate's credential for provider prov_${kind}`);
  });

  it("keeps 429 with retry-after, and maps 500 to 502", async () => {
    const limited = await upstreamErrorOf(adapter.chat(userRequest("x [[fake:status=429,retry-after=7]]"), target(), signal));
    expect(limited).toMatchObject({ status: 429, headers: { "retry-after": "7" } });
    const failed = await upstreamErrorOf(adapter.chatStream(userRequest("x [[fake:status=500]]", { stream: true }), target(), signal));
    expect(failed.status).toBe(502);
    expect(failed.message).toContain("The fake upstream was told to fail with HTTP 500.");
  });

  it("recognizes an error object inside a 200 answer", async () => {
    const error = await upstreamErrorOf(adapter.chat(userRequest("x [[fake:error-in-200]]"), target(), signal));
    expect(error.status).toBe(502);
    expect(error.message).toContain("failed inside a 200 answer");
  });

  it("gives up with 504 once the timeout passes", async () => {
    const started = Date.now();
    const error = await upstreamErrorOf(adapter.chat(userRequest("x [[fake:latency=3000]]"), targetFor(kind, upstream, { timeoutMs: 150 }), signal));
    expect(error).toMatchObject({ status: 504, code: "upstream_timeout" });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("throws upstream_stream_truncated after yielding the chunks that did arrive", async () => {
    const stream = await adapter.chatStream(userRequest("a b c d e f [[fake:truncate=3]]", { stream: true }), target(), signal);
    const { chunks, error } = await collectUntilError(stream);
    expect(streamedText(chunks)).toBe("Echo: a b");
    expect(error).toMatchObject({ status: 502, code: "upstream_stream_truncated", beforeFirstByte: false });
  });

  it("throws an error sent inside the 200 stream", async () => {
    const stream = await adapter.chatStream(userRequest("a b c [[fake:stream-error]]", { stream: true }), target(), signal);
    const { chunks, error } = await collectUntilError(stream);
    expect(streamedText(chunks)).toBe("Echo:");
    expect(error).toMatchObject({ status: 502, beforeFirstByte: false });
  });

  it("closes the upstream connection when the caller aborts mid-stream", async () => {
    const controller = new AbortController();
    const stream = await adapter.chatStream(userRequest("a b c d e f g h [[fake:chunk-delay=100]]", { stream: true }), target(), controller.signal);
    const iterator = stream.chunks[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    controller.abort();
    await expect(iterator.next()).rejects.toMatchObject({ name: "AbortError" });
    await expect.poll(() => upstream.requests.at(-1)?.aborted, { timeout: 2000 }).toBe(true);
  });
});

describe("requests as the upstream sees them", () => {
  it("openai: model replaced, include_usage forced, bearer key", async () => {
    await collectChunks(await adapterFor("openai").chatStream(userRequest("hi", { stream: true, seed: 7 }), targetFor("openai", upstream), signal));
    const [seen] = upstream.requests;
    expect(seen.path).toBe("/v1/chat/completions");
    expect(seen.headers.authorization).toBe(`Bearer ${FAKE_API_KEY}`);
    expect(seen.body).toMatchObject({ model: "gpt-4o-mini", stream: true, stream_options: { include_usage: true }, seed: 7 });
  });

  it("anthropic: messages endpoint, x-api-key and version header", async () => {
    await adapterFor("anthropic").chat(userRequest("hi"), targetFor("anthropic", upstream), signal);
    const [seen] = upstream.requests;
    expect(seen.path).toBe("/v1/messages");
    expect(seen.headers).toMatchObject({ "x-api-key": FAKE_API_KEY, "anthropic-version": "2023-06-01" });
    expect(seen.body).toMatchObject({ model: "claude-sonnet-4", max_tokens: 4096 });
  });

  it("gemini: model in the path, alt=sse for streams, x-goog-api-key", async () => {
    await collectChunks(await adapterFor("gemini").chatStream(userRequest("hi", { stream: true }), targetFor("gemini", upstream), signal));
    const [seen] = upstream.requests;
    expect(seen.path).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    expect(seen.headers["x-goog-api-key"]).toBe(FAKE_API_KEY);
  });
});

describe("openai-compatible configuration", () => {
  it("needs a base URL", async () => {
    const target = { ...targetFor("openai-compatible", upstream), baseUrl: null };
    const error = await upstreamErrorOf(adapterFor("openai-compatible").chat(userRequest("hi"), target, signal));
    expect(error).toMatchObject({ status: 502, code: "upstream_misconfigured" });
  });

  it("sends no authorization header when the provider has no key (local servers)", async () => {
    const keyless = await startFakeUpstream();
    try {
      await adapterFor("openai-compatible").chat(userRequest("hi"), targetFor("openai-compatible", keyless, { apiKey: "" }), signal);
      expect(keyless.requests[0].headers.authorization).toBeUndefined();
    } finally {
      await keyless.close();
    }
  });
});
