// Anthropic Messages API adapter: POST {base}/v1/messages with x-api-key and a pinned API version.
import type { AbortSignalLike } from "../../abort/abort-flag";
import type { ChatCompletion, ChatCompletionRequest } from "@/lib/openai-format/types";
import type { ChatStream, ProviderAdapter, UpstreamTarget } from "@/lib/gateway/types";
import { callUpstreamJson, jsonHeaders, openUpstreamEventStream } from "@/lib/gateway/upstream/upstream-call";
import { jsonRequestBody } from "@/lib/gateway/upstream/json-request-body";
import { createChatStream } from "./chat-stream";
import { toAnthropicRequest } from "./anthropic-request";
import { fromAnthropicResponse, type AnthropicMessageResponse } from "./anthropic-response";
import { AnthropicStreamTranslator } from "./anthropic-stream";

const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
// The version whose wire format the translators implement; newer features are opt-in per header.
const ANTHROPIC_VERSION = "2023-06-01";

function messagesUrl(target: UpstreamTarget): string {
  const base = (target.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, "");
  return `${base}/v1/messages`;
}

function headersFor(target: UpstreamTarget, accept?: string): Record<string, string> {
  const headers = jsonHeaders({ "x-api-key": target.apiKey, "anthropic-version": ANTHROPIC_VERSION });
  if (accept) headers.accept = accept;
  return headers;
}

export const anthropicAdapter: ProviderAdapter = {
  kind: "anthropic",

  async chat(request: ChatCompletionRequest, target: UpstreamTarget, signal: AbortSignalLike): Promise<ChatCompletion> {
    const body = toAnthropicRequest(request, target.upstreamModel, false);
    const payload = await callUpstreamJson(
      { url: messagesUrl(target), headers: headersFor(target), body: jsonRequestBody(body), timeoutMs: target.timeoutMs, signal },
      { providerId: target.providerId },
    );
    return fromAnthropicResponse(payload as AnthropicMessageResponse);
  },

  async chatStream(request: ChatCompletionRequest, target: UpstreamTarget, signal: AbortSignalLike): Promise<ChatStream> {
    const body = toAnthropicRequest(request, target.upstreamModel, true);
    const context = { providerId: target.providerId };
    const events = await openUpstreamEventStream(
      {
        url: messagesUrl(target),
        headers: headersFor(target, "text/event-stream"),
        body: jsonRequestBody(body),
        timeoutMs: target.timeoutMs,
        signal,
      },
      context,
    );
    const clientWantsUsage = request.stream_options?.include_usage === true;
    return createChatStream(events, new AnthropicStreamTranslator(clientWantsUsage, context), signal);
  },
};
