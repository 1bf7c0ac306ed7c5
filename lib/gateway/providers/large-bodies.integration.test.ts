// Large request bodies through every adapter over real HTTP: past LARGE_JSON_BODY_CHARS the upstream
// body is serialized a slice at a time (lib/json/), and the upstream must still get the very request
// it would have got from one JSON.stringify: with a content-length (never chunked), the whole prompt
// with its escapes, pairs and unicode, and the model name and stream flags the adapter sets.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProviderKind } from "@/lib/gateway/types";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { LARGE_JSON_BODY_CHARS } from "@/lib/gateway/upstream/json-request-body";
import { callUpstreamJson } from "@/lib/gateway/upstream/upstream-call";
import { anthropicCall } from "../anthropic-inbound/anthropic-upstream";
import type { AnthropicMessagesRequest } from "../anthropic-inbound/messages-request";
import { AbortFlag } from "../../abort/abort-flag";
import { adapterFor } from "./index";
import { FAKE_API_KEY, collectChunks, targetFor, userRequest } from "./adapter-test-helpers";

let upstream: FakeUpstream;
const signal = new AbortController().signal;

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: FAKE_API_KEY });
});
afterAll(() => upstream.close());
beforeEach(() => upstream.clear());

/** Several slices' worth of text with everything escaping must get right. */
const PROMPT = `[[fake:echo-chars=16]] ${'prose, "quoted" \\ back\\slash\nnew line\ttab é 中文 \u2028 😀🎉 '.repeat(Math.ceil((3 * LARGE_JSON_BODY_CHARS) / 50))}`;

/** The prompt as each upstream's request carries it. */
function promptSentTo(kind: ProviderKind, body: Record<string, unknown>): unknown {
  if (kind === "anthropic") return (body.messages as { content: { text: string }[] }[])[0].content[0].text;
  if (kind === "gemini") return (body.contents as { parts: { text: string }[] }[])[0].parts[0].text;
  return (body.messages as { content: string }[])[0].content;
}

function lastRequest() {
  const request = upstream.requests.at(-1)!;
  return { headers: request.headers, body: request.body as Record<string, unknown> };
}

describe.each<ProviderKind>(["openai", "openai-compatible", "anthropic", "gemini"])("%s adapter with a large prompt", (kind) => {
  const adapter = adapterFor(kind);

  it("sends the whole prompt with a content-length and answers", async () => {
    const completion = await adapter.chat(userRequest(PROMPT), targetFor(kind, upstream), signal);
    expect(completion.choices[0].message.content).toBeTruthy();
    const { headers, body } = lastRequest();
    expect(headers["transfer-encoding"]).toBeUndefined();
    expect(Number(headers["content-length"])).toBeGreaterThan(PROMPT.length);
    expect(promptSentTo(kind, body)).toBe(PROMPT);
    if (kind === "openai" || kind === "openai-compatible") expect(body).toMatchObject({ model: targetFor(kind, upstream).upstreamModel, stream: false });
  });

  it("streams with the large prompt and the adapter's stream settings", async () => {
    const stream = await adapter.chatStream(userRequest(PROMPT, { stream: true }), targetFor(kind, upstream), signal);
    expect((await collectChunks(stream)).length).toBeGreaterThan(1);
    const { headers, body } = lastRequest();
    expect(headers["transfer-encoding"]).toBeUndefined();
    expect(promptSentTo(kind, body)).toBe(PROMPT);
    if (kind === "openai" || kind === "openai-compatible") expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("sends nothing when the caller leaves while the body is being serialized", async () => {
    const leaving = new AbortFlag();
    const reason = new Error("client gone");
    const call = adapter.chat(userRequest(PROMPT.repeat(8)), targetFor(kind, upstream), leaving);
    // The serialization yields to the event loop between turns; the caller leaves in the first one.
    setImmediate(() => leaving.abort(reason));
    await expect(call).rejects.toBe(reason);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe("embeddings with a large batch", () => {
  const input = Array.from({ length: 2_000 }, (_, index) => `document ${index}: "text" with é, 中 and 😀 `.repeat(3));

  it.each<ProviderKind>(["openai", "gemini"])("%s: every input arrives, with a content-length", async (kind) => {
    const target = targetFor(kind, upstream, { upstreamModel: "text-embedding-3-small" });
    const response = await adapterFor(kind).embeddings!({ model: "embed", input, dimensions: 4 }, target, signal);
    expect(response.data).toHaveLength(input.length);
    const { headers, body } = lastRequest();
    expect(headers["transfer-encoding"]).toBeUndefined();
    const sent = kind === "gemini" ? (body.requests as { content: { parts: { text: string }[] } }[]).map((r) => r.content.parts[0].text) : body.input;
    expect(sent).toEqual(input);
  });
});

describe("an Anthropic-format client's large body passed through to Anthropic", () => {
  it("arrives whole, with the upstream model and a content-length", async () => {
    const target = targetFor("anthropic", upstream);
    const request: AnthropicMessagesRequest = { model: "public-model", max_tokens: 16, messages: [{ role: "user", content: PROMPT }] };
    const call = anthropicCall({ target, path: "/v1/messages", request, client: { version: null, beta: null }, signal });
    await callUpstreamJson(call, { providerId: target.providerId });
    const { headers, body } = lastRequest();
    expect(headers["transfer-encoding"]).toBeUndefined();
    expect(body).toEqual({ ...request, model: target.upstreamModel });
  });
});
