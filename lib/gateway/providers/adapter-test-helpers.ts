// Shared by the adapter integration tests: targets pointing at the fake upstream and stream collectors.
import type { ChatCompletionChunk, ChatCompletionRequest } from "@/lib/openai-format/types";
import type { ChatStream, ProviderKind, UpstreamTarget } from "@/lib/gateway/types";
import { UpstreamError } from "@/lib/http/errors";
import type { FakeUpstream } from "@/e2e/fake-upstream/server";

export const FAKE_API_KEY = "sk-fake-upstream-key";

const UPSTREAM_MODEL: Record<ProviderKind, string> = {
  openai: "gpt-4o-mini",
  "openai-compatible": "llama-3.1-8b",
  anthropic: "claude-sonnet-4",
  gemini: "gemini-2.5-flash",
};

export function targetFor(kind: ProviderKind, upstream: FakeUpstream, overrides: Partial<UpstreamTarget> = {}): UpstreamTarget {
  const openAiLike = kind === "openai" || kind === "openai-compatible";
  return {
    providerId: `prov_${kind}`,
    kind,
    baseUrl: openAiLike ? `${upstream.url}/v1` : upstream.url,
    apiKey: FAKE_API_KEY,
    upstreamModel: UPSTREAM_MODEL[kind],
    timeoutMs: 5_000,
    ...overrides,
  };
}

export function userRequest(text: string, extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest {
  return { model: "public-model", messages: [{ role: "user", content: text }], ...extra };
}

export async function collectChunks(stream: ChatStream): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream.chunks) chunks.push(chunk);
  return chunks;
}

export function streamedText(chunks: ChatCompletionChunk[]): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
}

/** Consumes the stream, keeping what arrived before it failed. */
export async function collectUntilError(stream: ChatStream): Promise<{ chunks: ChatCompletionChunk[]; error: unknown }> {
  const chunks: ChatCompletionChunk[] = [];
  try {
    for await (const chunk of stream.chunks) chunks.push(chunk);
  } catch (error) {
    return { chunks, error };
  }
  return { chunks, error: null };
}

export async function upstreamErrorOf(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UpstreamError) return error;
    throw error;
  }
  throw new Error("expected the call to fail with an UpstreamError");
}
