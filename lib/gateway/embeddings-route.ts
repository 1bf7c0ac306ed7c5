// POST /api/v1/embeddings – proxied to providers that have an embeddings API.
import { env } from "../env";
import { BadRequestError, HttpError } from "../http/errors";
import { admitCall } from "../quotas/admission";
import { governanceNow } from "../quotas/clock";
import { estimateEmbeddings } from "../quotas/estimate";
import { costOfCall } from "../usage/money";
import { recordUsage } from "../usage/usage-recorder";
import { authenticate } from "./authenticate";
import { adapterFor } from "./providers";
import { errorResponse, jsonResponse, newRequestId } from "./respond";
import { resolveModel } from "./run-chat-completion";
import type { GatewayRequest } from "./transport/gateway-request";
import { countResponse } from "./transport/count-response";
import { toWebResponse, type GatewayResponse } from "./transport/gateway-response";
import { fromWebRequest } from "./transport/web-request";
import { parseEmbeddingsRequest } from "./validate";

export function POST(request: Request): Promise<Response> {
  return handleEmbeddings(fromWebRequest(request)).then((response) => toWebResponse(countResponse("embeddings", response)));
}

export async function handleEmbeddings(request: GatewayRequest): Promise<GatewayResponse> {
  const startedAt = performance.now();
  const requestId = newRequestId();
  try {
    const principal = await authenticate(request.headers);
    const body = parseEmbeddingsRequest(await request.readJson(env().GATEWAY_MAX_BODY_BYTES));
    const model = await resolveModel(principal, body.model);
    const adapter = adapterFor(model.target.kind);
    if (!adapter.embeddings) {
      throw new BadRequestError(`The model \`${body.model}\` is served by a provider without an embeddings API.`, "model", "unsupported_model");
    }
    // Governed like chat: calls, tokens (= input tokens) and cost, released when the upstream fails.
    const admitted = await admitCall({ requestId, principal, model: model.name, estimate: () => estimateEmbeddings(body, model) });
    if (admitted.refusal) return admitted.refusal;
    const { admission } = admitted;
    let status = 200;
    let errorType: string | null = null;
    let inputTokens = 0;
    try {
      const result = await adapter.embeddings(body, model.target, request.signal);
      inputTokens = result.usage?.prompt_tokens ?? 0;
      return jsonResponse(result, requestId, { "x-tollgate-model": model.name, ...admission.headers });
    } catch (error) {
      status = error instanceof HttpError ? error.status : 500;
      errorType = error instanceof HttpError ? (error.code ?? error.type) : "internal_error";
      throw error;
    } finally {
      const costMicros = costOfCall({ inputTokens, outputTokens: 0, cachedTokens: 0 }, model.price);
      admission.settle({ status, inputTokens, outputTokens: 0, costMicros });
      recordUsage({
        requestId, orgId: principal.orgId, keyId: principal.keyId, userId: principal.userId, teamId: principal.teamId,
        model: model.name, providerId: model.target.providerId, providerKind: model.target.kind, upstreamModel: model.target.upstreamModel,
        inputTokens, outputTokens: 0, cachedTokens: 0,
        costMicros,
        latencyMs: Math.round(performance.now() - startedAt), ttftMs: null, streamed: false,
        status, errorType, estimated: false, endpoint: "embeddings", createdAt: new Date(governanceNow()),
      });
    }
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
