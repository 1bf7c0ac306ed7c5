// OpenAI and every OpenAI-compatible upstream (OpenRouter, Groq, Together, vLLM, Ollama…): the request
// passes through untouched except for the model name, and the answer comes back as the upstream said.
import type { AbortSignalLike } from "../../abort/abort-flag";
import type { ChatCompletion, ChatCompletionRequest, EmbeddingsRequest, EmbeddingsResponse } from "@/lib/openai-format/types";
import type { ChatStream, ProviderAdapter, ProviderKind, UpstreamTarget } from "@/lib/gateway/types";
import { badResponseError, UpstreamError } from "@/lib/http/errors";
import { callUpstreamJson, jsonHeaders, openUpstreamEventStream } from "@/lib/gateway/upstream/upstream-call";
import { jsonRequestBody } from "@/lib/gateway/upstream/json-request-body";
import { createChatStream } from "./chat-stream";
import { OpenAiStreamTranslator } from "./openai-stream";

const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

function baseUrlOf(target: UpstreamTarget): string {
  const base = target.baseUrl ?? (target.kind === "openai" ? OPENAI_DEFAULT_BASE_URL : null);
  if (!base) {
    throw new UpstreamError(
      502,
      `Provider ${target.providerId} is OpenAI-compatible but has no base URL configured.`,
      "upstream_misconfigured",
    );
  }
  return base.endsWith("/") ? base.slice(0, -1) : base;
}

function headersFor(target: UpstreamTarget, accept?: string): Record<string, string> {
  // Local servers (Ollama, vLLM) often run without a key; an empty bearer would be rejected by some.
  const auth: Record<string, string> = target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {};
  const headers = jsonHeaders(auth);
  if (accept) headers.accept = accept;
  return headers;
}

function isChatCompletion(payload: unknown): payload is ChatCompletion {
  return Array.isArray((payload as { choices?: unknown } | null)?.choices);
}

export function createOpenAiAdapter(kind: Extract<ProviderKind, "openai" | "openai-compatible">): ProviderAdapter {
  return {
    kind,

    async chat(request: ChatCompletionRequest, target: UpstreamTarget, signal: AbortSignalLike): Promise<ChatCompletion> {
      // stream_options is only valid on stream requests; upstreams reject it otherwise.
      const { stream_options: _ignored, ...rest } = request;
      const body = { ...rest, model: target.upstreamModel, stream: false };
      const payload = await callUpstreamJson(
        { url: `${baseUrlOf(target)}/chat/completions`, headers: headersFor(target), body: jsonRequestBody(body), timeoutMs: target.timeoutMs, signal },
        { providerId: target.providerId },
      );
      if (!isChatCompletion(payload)) throw badResponseError("the chat completion has no choices.");
      return payload;
    },

    async chatStream(request: ChatCompletionRequest, target: UpstreamTarget, signal: AbortSignalLike): Promise<ChatStream> {
      const clientWantsUsage = request.stream_options?.include_usage === true;
      // Usage is always requested: quotas and billing need it even when the client does not.
      const body = {
        ...request,
        model: target.upstreamModel,
        stream: true,
        stream_options: { ...request.stream_options, include_usage: true },
      };
      const context = { providerId: target.providerId };
      const events = await openUpstreamEventStream(
        {
          url: `${baseUrlOf(target)}/chat/completions`,
          headers: headersFor(target, "text/event-stream"),
          body: jsonRequestBody(body),
          timeoutMs: target.timeoutMs,
          signal,
        },
        context,
      );
      return createChatStream(events, new OpenAiStreamTranslator(clientWantsUsage, context), signal);
    },

    async embeddings(request: EmbeddingsRequest, target: UpstreamTarget, signal: AbortSignalLike): Promise<EmbeddingsResponse> {
      const body = { ...request, model: target.upstreamModel };
      const payload = await callUpstreamJson(
        { url: `${baseUrlOf(target)}/embeddings`, headers: headersFor(target), body: jsonRequestBody(body), timeoutMs: target.timeoutMs, signal },
        { providerId: target.providerId },
      );
      if (!Array.isArray((payload as { data?: unknown } | null)?.data)) throw badResponseError("the embeddings answer has no data.");
      return payload as EmbeddingsResponse;
    },
  };
}
