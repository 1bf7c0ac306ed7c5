// Serving an answer from the response cache (lib/cache): no upstream call. A hit is still a call:
// it is admitted as one (call quotas and rpm; token and cost quotas do not apply, it settles with
// zero tokens) and recorded in the ledger with status 200, cost 0, the stored answer's tokens and
// what it saved at the model's current prices. A streamed request gets the stored completion
// replayed in a live stream's chunk shape.
import type { ChatCacheResult } from "../cache/chat-cache";
import { cacheMetrics } from "../cache/cache-metrics";
import { replayFrames } from "../cache/replay";
import { admitCall } from "../quotas/admission";
import { governanceNow } from "../quotas/clock";
import { costOfCall, microsToDollars } from "../usage/money";
import { recordUsage } from "../usage/usage-recorder";
import type { UsageEvent } from "../usage/usage-event";
import type { CatalogModel } from "./catalog-types";
import type { Principal } from "../principal/principal";
import type { ChatCall } from "./chat-call";
import { jsonTextResponse, type GatewayResponse, type PullBody } from "../http/gateway-response";
import type { ChatCompletion } from "../openai-format/types";

export type Hit = Extract<ChatCacheResult, { status: "hit" | "semantic-hit" }>;

const NO_ESTIMATE = async () => ({ tokens: 0, cost: 0 });
const DONE = "data: [DONE]\n\n";

export function cacheHeaders(hit: Hit): Record<string, string> {
  const headers: Record<string, string> = { "x-tollgate-cache": hit.status, "x-tollgate-cache-age": String(hit.ageSeconds) };
  if (hit.similarity !== null) headers["x-tollgate-cache-similarity"] = hit.similarity.toFixed(4);
  return headers;
}

/** A hit as the ledger and the governance step see it, whichever API format it is answered in. */
export interface CacheHitCall {
  requestId: string;
  principal: Principal;
  startedAt: number;
  streamed: boolean;
  endpoint: UsageEvent["endpoint"];
}

export type AdmittedHit = { refusal: GatewayResponse } | { refusal?: undefined; headers: Record<string, string>; latencyMs: number; costSavedMicros: bigint };

/** Admits a hit as one call, settles it at zero and records it in the ledger (cost 0, cost saved). */
export async function admitCacheHit(call: CacheHitCall, model: CatalogModel, hit: Hit): Promise<AdmittedHit> {
  const { requestId, principal, startedAt } = call;
  const ledger = { endpoint: call.endpoint, streamed: call.streamed, startedAt };
  const admitted = await admitCall({ requestId, principal, model: model.name, estimate: NO_ESTIMATE, callOnly: true, ledger });
  if (admitted.refusal) return { refusal: admitted.refusal };
  admitted.admission.settle({ status: 200, inputTokens: 0, outputTokens: 0, costMicros: 0n });

  const { answer } = hit;
  const costSavedMicros = costOfCall({ inputTokens: answer.inputTokens, outputTokens: answer.outputTokens, cachedTokens: 0 }, model.price);
  const latencyMs = Math.max(0, Math.round(performance.now() - startedAt));
  recordUsage({
    requestId, orgId: principal.orgId, keyId: principal.keyId, userId: principal.userId, teamId: principal.teamId, batchId: principal.batch?.id ?? null,
    model: model.name, providerId: null, providerKind: null, upstreamModel: null,
    inputTokens: answer.inputTokens, outputTokens: answer.outputTokens, cachedTokens: 0, costMicros: 0n,
    latencyMs, ttftMs: latencyMs, streamed: call.streamed, status: 200, errorType: null, estimated: false,
    endpoint: call.endpoint, createdAt: new Date(governanceNow()), cache: hit.status, costSavedMicros,
  });
  cacheMetrics().saved(model.name, answer.inputTokens + answer.outputTokens, microsToDollars(costSavedMicros));
  const headers = { "x-request-id": requestId, "x-tollgate-model": model.name, ...cacheHeaders(hit), ...admitted.admission.headers };
  return { headers, latencyMs, costSavedMicros };
}

export async function serveCacheHit(call: ChatCall, model: CatalogModel, hit: Hit): Promise<GatewayResponse> {
  const { requestId, request } = call;
  const admitted = await admitCacheHit({ ...call, streamed: request.stream === true, endpoint: "chat.completions" }, model, hit);
  if (admitted.refusal) return admitted.refusal;
  const { headers, latencyMs, costSavedMicros } = admitted;
  const { answer } = hit;

  if (!request.stream) return jsonTextResponse(200, answer.answer, headers);

  const completion = JSON.parse(answer.answer) as ChatCompletion;
  let text = replayFrames(completion, request.stream_options?.include_usage === true).join("");
  if (call.withSummary) {
    const summary = {
      object: "tollgate.summary", requestId, model: model.name,
      usage: { prompt_tokens: answer.inputTokens, completion_tokens: answer.outputTokens, total_tokens: answer.inputTokens + answer.outputTokens },
      cost: 0, costSaved: microsToDollars(costSavedMicros), latencyMs, ttftMs: latencyMs, cache: hit.status,
      cacheAgeSeconds: hit.ageSeconds, cacheSimilarity: hit.similarity, estimated: false,
    };
    text += `data: ${JSON.stringify(summary)}\n\n`;
  }
  text += DONE;
  let sent = false;
  const body: PullBody = {
    async next() {
      if (sent) return null;
      sent = true;
      return text;
    },
    async cancel() {
      sent = true;
    },
  };
  return {
    status: 200,
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no", ...headers },
    body,
  };
}
