// Gemini (Google AI Studio) adapter: generateContent / streamGenerateContent?alt=sse with x-goog-api-key.
import type { AbortSignalLike } from "../../abort/abort-flag";
import type { ChatCompletion, ChatCompletionRequest, EmbeddingsRequest, EmbeddingsResponse } from "@/lib/openai-format/types";
import type { ChatStream, ProviderAdapter, UpstreamTarget } from "@/lib/gateway/types";
import { callUpstreamJson, jsonHeaders, openUpstreamEventStream } from "@/lib/gateway/upstream/upstream-call";
import { jsonRequestBody } from "@/lib/gateway/upstream/json-request-body";
import { createChatStream } from "./chat-stream";
import { toGeminiRequest } from "./gemini-request";
import { fromGeminiResponse, type GeminiResponse } from "./gemini-response";
import { GeminiStreamTranslator } from "./gemini-stream";
import { embeddingInputs, fromGeminiEmbedResponse, toGeminiEmbedRequest } from "./gemini-embeddings";

const GEMINI_DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

/** Admins paste model names both as "gemini-2.5-flash" and as "models/gemini-2.5-flash". */
function modelName(target: UpstreamTarget): string {
  return target.upstreamModel.replace(/^models\//, "");
}

function modelUrl(target: UpstreamTarget, method: string): string {
  const base = (target.baseUrl ?? GEMINI_DEFAULT_BASE_URL).replace(/\/+$/, "");
  return `${base}/v1beta/models/${encodeURIComponent(modelName(target))}:${method}`;
}

function headersFor(target: UpstreamTarget, accept?: string): Record<string, string> {
  const headers = jsonHeaders({ "x-goog-api-key": target.apiKey });
  if (accept) headers.accept = accept;
  return headers;
}

export const geminiAdapter: ProviderAdapter = {
  kind: "gemini",

  async chat(request: ChatCompletionRequest, target: UpstreamTarget, signal: AbortSignalLike): Promise<ChatCompletion> {
    const payload = await callUpstreamJson(
      {
        url: modelUrl(target, "generateContent"),
        headers: headersFor(target),
        body: jsonRequestBody(toGeminiRequest(request)),
        timeoutMs: target.timeoutMs,
        signal,
      },
      { providerId: target.providerId },
    );
    return fromGeminiResponse(payload as GeminiResponse, modelName(target));
  },

  async chatStream(request: ChatCompletionRequest, target: UpstreamTarget, signal: AbortSignalLike): Promise<ChatStream> {
    const context = { providerId: target.providerId };
    const events = await openUpstreamEventStream(
      {
        url: `${modelUrl(target, "streamGenerateContent")}?alt=sse`,
        headers: headersFor(target, "text/event-stream"),
        body: jsonRequestBody(toGeminiRequest(request)),
        timeoutMs: target.timeoutMs,
        signal,
      },
      context,
    );
    const clientWantsUsage = request.stream_options?.include_usage === true;
    return createChatStream(events, new GeminiStreamTranslator(modelName(target), clientWantsUsage, context), signal);
  },

  async embeddings(request: EmbeddingsRequest, target: UpstreamTarget, signal: AbortSignalLike): Promise<EmbeddingsResponse> {
    const inputs = embeddingInputs(request);
    const payload = await callUpstreamJson(
      {
        url: modelUrl(target, "batchEmbedContents"),
        headers: headersFor(target),
        body: jsonRequestBody(toGeminiEmbedRequest(inputs, modelName(target), request.dimensions)),
        timeoutMs: target.timeoutMs,
        signal,
      },
      { providerId: target.providerId },
    );
    return fromGeminiEmbedResponse(payload, inputs, modelName(target), request.encoding_format);
  },
};
