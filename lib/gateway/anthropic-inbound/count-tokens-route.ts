// POST /v1/messages/count_tokens – Anthropic's token counting, `{ "input_tokens" }`. A model served
// by an Anthropic upstream gets the upstream's own count (its tokenizer, free of charge there); any
// other model, or an Anthropic-compatible upstream without this endpoint, gets the count the gateway
// makes for quotas (lib/gateway/tokens.ts). `x-tollgate-token-count` says which. Not a model call:
// no quota, no rate limit, no usage record; the key must still be allowed the model.
import { env } from "../../env";
import { ForbiddenError, UpstreamError } from "../../http/errors";
import { catalog } from "../catalog";
import { mayUseModel } from "../../principal/principal";
import { authenticate } from "../authenticate";
import { newRequestId } from "../respond";
import { requestLimits, resolveModel } from "../run-chat-completion";
import { countPromptTokens } from "../../tokens/chat-tokens";
import { countResponse } from "../transport/count-response";
import type { GatewayRequest } from "../transport/gateway-request";
import { jsonGatewayResponse, toWebResponse, type GatewayResponse } from "../../http/gateway-response";
import { fromWebRequest } from "../transport/web-request";
import type { UpstreamTarget } from "../types";
import { callUpstreamJson } from "../upstream/upstream-call";
import { anthropicErrorResponse } from "./anthropic-errors";
import { anthropicCall, type AnthropicClientHeaders } from "./anthropic-upstream";
import { anthropicClientHeaders } from "./messages-route";
import { parseMessagesRequest, type AnthropicMessagesRequest } from "./messages-request";
import { toCanonicalRequest } from "./to-openai-request";

export function POST(request: Request): Promise<Response> {
  return handleCountTokens(fromWebRequest(request)).then((response) => toWebResponse(countResponse("messages.count_tokens", response)));
}

/** Statuses of an upstream that has no count_tokens endpoint (an Anthropic-compatible server). */
const NOT_OFFERED = new Set([404, 405, 501]);

async function upstreamCount(request: AnthropicMessagesRequest, target: UpstreamTarget, client: AnthropicClientHeaders, signal: GatewayRequest["signal"]): Promise<number | null> {
  try {
    const call = anthropicCall({ target, path: "/v1/messages/count_tokens", request, client, signal });
    const payload = (await callUpstreamJson(call, { providerId: target.providerId })) as { input_tokens?: unknown };
    return typeof payload?.input_tokens === "number" ? payload.input_tokens : null;
  } catch (error) {
    if (error instanceof UpstreamError && error.upstreamStatus !== null && NOT_OFFERED.has(error.upstreamStatus)) return null;
    throw error;
  }
}

export async function handleCountTokens(request: GatewayRequest): Promise<GatewayResponse> {
  const requestId = newRequestId();
  try {
    const principal = await authenticate(request.headers);
    const parsed = parseMessagesRequest(await request.readJson(env().GATEWAY_MAX_BODY_BYTES), requestLimits(), { forCounting: true });
    // An auto router's call may go to any of its candidates: the gateway's own count.
    const router = await catalog().router(principal.orgId, parsed.model);
    if (router && !mayUseModel(principal, router.name)) throw new ForbiddenError(`This API key is not allowed to use the model \`${router.name}\`.`, "model_not_allowed");
    const model = router ? null : await resolveModel(principal, parsed.model);
    const headers = { "x-request-id": requestId, "request-id": requestId, "x-tollgate-model": parsed.model };
    if (model?.target?.kind === "anthropic") {
      const counted = await upstreamCount(parsed, model.target, anthropicClientHeaders(request.headers), request.signal);
      if (counted !== null) return jsonGatewayResponse(200, { input_tokens: counted }, { ...headers, "x-tollgate-token-count": "upstream" });
    }
    const tokens = await countPromptTokens(toCanonicalRequest(parsed).request, request.signal);
    return jsonGatewayResponse(200, { input_tokens: tokens }, { ...headers, "x-tollgate-token-count": "gateway" });
  } catch (error) {
    return anthropicErrorResponse(error, requestId);
  }
}
