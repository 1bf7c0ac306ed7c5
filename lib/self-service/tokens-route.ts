// POST /v1/tokens/count (and /api/v1/tokens/count) with a virtual key:
// `{ model, messages, tools?, max_tokens? }` → `{ input_tokens, context_window, fits, max_cost }`,
// counted as the gateway counts for quotas (token-count.ts). Not a model call: no quota, no usage
// record; the key must be allowed the model. Errors in OpenAI's shape.
import { env } from "../env";
import { authenticate } from "../gateway/authenticate";
import { errorResponse, jsonResponse, newRequestId } from "../gateway/respond";
import { requestLimits } from "../gateway/run-chat-completion";
import { countResponse } from "../gateway/transport/count-response";
import type { GatewayRequest } from "../gateway/transport/gateway-request";
import { toWebResponse, type GatewayResponse } from "../http/gateway-response";
import { fromWebRequest } from "../gateway/transport/web-request";
import { parseChatRequest } from "../gateway/validate";
import { countTarget } from "./count-target";
import { countTokensFor } from "./token-count";

export function POST(request: Request): Promise<Response> {
  return handleTokenCount(fromWebRequest(request)).then((response) => toWebResponse(countResponse("tokens.count", response)));
}

export async function handleTokenCount(request: GatewayRequest): Promise<GatewayResponse> {
  const requestId = newRequestId();
  try {
    const principal = await authenticate(request.headers);
    const chat = parseChatRequest(await request.readJson(env().GATEWAY_MAX_BODY_BYTES), requestLimits());
    const model = await countTarget(principal, chat.model);
    return jsonResponse(await countTokensFor(chat, model, request.signal), requestId, { "x-tollgate-model": model.name });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
