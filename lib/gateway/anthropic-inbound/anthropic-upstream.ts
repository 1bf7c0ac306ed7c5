// Calls to an Anthropic upstream on behalf of an Anthropic-format client: the client's body goes as
// it came except `model` (the deployment's upstream name), with the client's anthropic-version and
// anthropic-beta headers, so features the gateway does not act on (prompt caching, extended
// thinking, server tools, betas) work as they would against Anthropic directly.
import type { AbortSignalLike } from "../../abort/abort-flag";
import type { UpstreamTarget } from "../types";
import type { UpstreamCall } from "../upstream/http-client";
import { jsonRequestBody, type UpstreamBody } from "../upstream/json-request-body";
import { jsonHeaders } from "../upstream/upstream-call";
import type { AnthropicMessagesRequest } from "./messages-request";

const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
/** Sent when the client named no version (the version providers/anthropic.ts speaks). */
export const DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

/** The client's Anthropic headers that an Anthropic upstream needs to see. */
export interface AnthropicClientHeaders {
  version: string | null;
  beta: string | null;
}

export function anthropicUrl(target: UpstreamTarget, path: "/v1/messages" | "/v1/messages/count_tokens"): string {
  const base = (target.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, "");
  return `${base}${path}`;
}

export function anthropicHeaders(target: UpstreamTarget, client: AnthropicClientHeaders, accept?: string): Record<string, string> {
  const headers = jsonHeaders({ "x-api-key": target.apiKey, "anthropic-version": client.version ?? DEFAULT_ANTHROPIC_VERSION });
  if (client.beta) headers["anthropic-beta"] = client.beta;
  if (accept) headers.accept = accept;
  return headers;
}

/** The client's body with the upstream model name; every other field untouched (a large one serialized in slices: json-request-body.ts). */
export function passthroughBody(request: AnthropicMessagesRequest, target: UpstreamTarget): UpstreamBody {
  return jsonRequestBody({ ...request, model: target.upstreamModel });
}

export function anthropicCall(options: {
  target: UpstreamTarget;
  path: "/v1/messages" | "/v1/messages/count_tokens";
  request: AnthropicMessagesRequest;
  client: AnthropicClientHeaders;
  signal: AbortSignalLike;
  stream?: boolean;
}): UpstreamCall {
  const { target } = options;
  return {
    url: anthropicUrl(target, options.path),
    headers: anthropicHeaders(target, options.client, options.stream ? "text/event-stream" : undefined),
    body: passthroughBody(options.request, target),
    timeoutMs: target.timeoutMs,
    signal: options.signal,
  };
}
