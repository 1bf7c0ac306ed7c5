// POST /api/v1/chat/completions – the OpenAI-compatible proxy entry point.
import { parseCacheDirectives } from "../cache/cache-directives";
import { captureFor } from "../capture/capture-call";
import { env } from "../env";
import { authenticate } from "./authenticate";
import { errorResponse, newRequestId } from "./respond";
import { parseRoutingDirectives } from "./routing-directives";
import { requestLimits, runChatCompletion } from "./run-chat-completion";
import type { GatewayRequest } from "./transport/gateway-request";
import { countResponse } from "./transport/count-response";
import { toWebResponse, type GatewayResponse } from "../http/gateway-response";
import { fromWebRequest } from "./transport/web-request";
import { parseChatRequest } from "./validate";
import { rawJsonSourceOf, withRawJsonSource } from "../json/raw-json-source";
import { callTraces } from "../tracing/call-traces";

export function POST(request: Request): Promise<Response> {
  return handleChatCompletions(fromWebRequest(request)).then((response) => toWebResponse(countResponse("chat.completions", response)));
}

export async function handleChatCompletions(request: GatewayRequest): Promise<GatewayResponse> {
  const startedAt = performance.now();
  const requestId = newRequestId();
  callTraces()?.start(requestId, "chat.completions", request.headers, startedAt);
  try {
    const principal = await authenticate(request.headers);
    const body = await request.readJson(env().GATEWAY_MAX_BODY_BYTES);
    // A large body's JSON text goes along, for its prompt to be copied upstream (raw-json-source.ts).
    const chat = withRawJsonSource(parseChatRequest(body, requestLimits()), rawJsonSourceOf(body));
    const cache = parseCacheDirectives(request.headers);
    // Body capture (off unless an admin turned it on for this key or team): lib/capture.
    const capture = await captureFor({ requestId, orgId: principal.orgId, keyId: principal.keyId, teamId: principal.teamId }, body);
    const routing = parseRoutingDirectives(request.headers);
    const response = await runChatCompletion({ requestId, principal, request: chat, clientSignal: request.signal, startedAt, cache, routing });
    return capture ? capture.capture(response) : response;
  } catch (error) {
    const response = errorResponse(error, requestId);
    callTraces()?.failed(requestId, response.status, error);
    return response;
  }
}
