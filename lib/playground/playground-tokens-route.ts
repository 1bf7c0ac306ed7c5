// POST /api/playground/tokens – the playground's live count as one types: the prompt the next call
// would send (`{ model, messages, max_tokens? }`), counted as the gateway counts for quotas, with the
// call's worst-case cost (lib/self-service/token-count.ts, the same as POST /v1/tokens/count).
import { env } from "../env";
import { readJsonBody } from "../gateway/read-body";
import { errorResponse, jsonResponse, newRequestId } from "../gateway/respond";
import { requestLimits } from "../gateway/run-chat-completion";
import { toWebResponse } from "../http/gateway-response";
import { parseChatRequest } from "../gateway/validate";
import { countTarget } from "../self-service/count-target";
import { countTokensFor } from "../self-service/token-count";
import { playgroundPrincipal } from "./playground-principal";

export async function POST(request: Request): Promise<Response> {
  const requestId = newRequestId();
  try {
    const principal = await playgroundPrincipal(request);
    const chat = parseChatRequest(await readJsonBody(request, env().GATEWAY_MAX_BODY_BYTES), requestLimits());
    const model = await countTarget(principal, chat.model);
    return toWebResponse(jsonResponse(await countTokensFor(chat, model, request.signal), requestId));
  } catch (error) {
    return toWebResponse(errorResponse(error, requestId));
  }
}
