// POST /api/v1/embeddings – proxied to providers that have an embeddings API (run-embeddings.ts).
import { parseCacheDirectives } from "../cache/cache-directives";
import { captureFor } from "../capture/capture-call";
import { env } from "../env";
import { authenticate } from "./authenticate";
import { errorResponse, newRequestId } from "./respond";
import { parseRoutingDirectives } from "./routing-directives";
import { runEmbeddings } from "./run-embeddings";
import type { GatewayRequest } from "./transport/gateway-request";
import { countResponse } from "./transport/count-response";
import { toWebResponse, type GatewayResponse } from "../http/gateway-response";
import { fromWebRequest } from "./transport/web-request";
import { parseEmbeddingsRequest } from "./validate";
import { callTraces } from "../tracing/call-traces";

export function POST(request: Request): Promise<Response> {
  return handleEmbeddings(fromWebRequest(request)).then((response) => toWebResponse(countResponse("embeddings", response)));
}

export async function handleEmbeddings(request: GatewayRequest): Promise<GatewayResponse> {
  const startedAt = performance.now();
  const requestId = newRequestId();
  callTraces()?.start(requestId, "embeddings", request.headers, startedAt);
  try {
    const principal = await authenticate(request.headers);
    const body = parseEmbeddingsRequest(await request.readJson(env().GATEWAY_MAX_BODY_BYTES));
    const directives = parseCacheDirectives(request.headers);
    const capture = await captureFor({ requestId, orgId: principal.orgId, keyId: principal.keyId, teamId: principal.teamId }, body);
    const response = await runEmbeddings({ requestId, principal, body, directives, signal: request.signal, startedAt, routing: parseRoutingDirectives(request.headers) });
    return capture ? capture.capture(response) : response;
  } catch (error) {
    const response = errorResponse(error, requestId);
    callTraces()?.failed(requestId, response.status, error);
    return response;
  }
}
