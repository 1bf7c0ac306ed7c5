// POST /v1/messages (and /api/v1/messages) – Anthropic's Messages API, for Anthropic SDK clients and
// Claude Code (ANTHROPIC_BASE_URL). Authenticated by `x-api-key` or `Authorization: Bearer` with a
// Tollgate key; errors in Anthropic's shape. docs/anthropic-api.md
import { parseCacheDirectives } from "../../cache/cache-directives";
import { captureFor } from "../../capture/capture-call";
import { env } from "../../env";
import { authenticate } from "../authenticate";
import { newRequestId } from "../respond";
import { parseRoutingDirectives } from "../routing-directives";
import { requestLimits } from "../run-chat-completion";
import { countResponse } from "../transport/count-response";
import type { GatewayRequest, HeaderReader } from "../transport/gateway-request";
import { toWebResponse, type GatewayResponse } from "../../http/gateway-response";
import { fromWebRequest } from "../transport/web-request";
import { anthropicErrorResponse } from "./anthropic-errors";
import type { AnthropicClientHeaders } from "./anthropic-upstream";
import { parseMessagesRequest } from "./messages-request";
import { runMessages } from "./run-messages";
import { toCanonicalRequest } from "./to-openai-request";
import { callTraces } from "../../tracing/call-traces";

export function POST(request: Request): Promise<Response> {
  return handleMessages(fromWebRequest(request)).then((response) => toWebResponse(countResponse("messages", response)));
}

export function anthropicClientHeaders(headers: HeaderReader): AnthropicClientHeaders {
  return { version: headers.get("anthropic-version"), beta: headers.get("anthropic-beta") };
}

export async function handleMessages(request: GatewayRequest): Promise<GatewayResponse> {
  const startedAt = performance.now();
  const requestId = newRequestId();
  callTraces()?.start(requestId, "messages", request.headers, startedAt);
  try {
    const principal = await authenticate(request.headers);
    const body = await request.readJson(env().GATEWAY_MAX_BODY_BYTES);
    const parsed = parseMessagesRequest(body, requestLimits());
    const cache = parseCacheDirectives(request.headers);
    const routing = parseRoutingDirectives(request.headers);
    // Body capture (off unless an admin turned it on for this key or team): lib/capture.
    const capture = await captureFor({ requestId, orgId: principal.orgId, keyId: principal.keyId, teamId: principal.teamId }, body);
    const response = await runMessages({
      requestId, principal, request: parsed, canonical: toCanonicalRequest(parsed), client: anthropicClientHeaders(request.headers),
      clientSignal: request.signal, startedAt, cache, routing,
    });
    return capture ? capture.capture(response) : response;
  } catch (error) {
    const response = anthropicErrorResponse(error, requestId);
    callTraces()?.failed(requestId, response.status, error);
    return response;
  }
}
