// The pipeline for one embeddings call after authentication: resolve, look every input item up in
// the response cache, send only the missing items upstream (in one call), answer in the original
// order, record the usage. All items cached: no upstream call, admitted as a call only (no tokens,
// no cost), recorded as a hit with what it saved.
import { lookupEmbeddings, storeEmbeddings, type EmbeddingItem } from "../cache/embeddings-cache";
import { cacheMetrics } from "../cache/cache-metrics";
import type { CacheDirectives } from "../cache/cache-directives";
import { BadRequestError, HttpError } from "../http/errors";
import { admitCall } from "../quotas/admission";
import { governanceNow } from "../quotas/clock";
import { estimateEmbeddings } from "../quotas/estimate";
import { costOfCall, microsToDollars } from "../usage/money";
import { recordUsage } from "../usage/usage-recorder";
import type { AbortSignalLike } from "./abort-flag";
import type { Principal } from "./principal";
import { adapterFor } from "./providers";
import { jsonResponse } from "./respond";
import { resolveModel } from "./run-chat-completion";
import type { GatewayResponse } from "./transport/gateway-response";
import type { EmbeddingsRequest, EmbeddingsResponse } from "./types";

export interface EmbeddingsCall {
  requestId: string;
  principal: Principal;
  body: EmbeddingsRequest;
  directives: CacheDirectives;
  signal: AbortSignalLike;
  startedAt: number;
}

const NO_ESTIMATE = async () => ({ tokens: 0, cost: 0 });

export async function runEmbeddings(call: EmbeddingsCall): Promise<GatewayResponse> {
  const { requestId, principal, body, startedAt } = call;
  // How a refusal (unknown model, model access, quota, rate limit) is recorded in the ledger.
  const ledger = { endpoint: "embeddings", streamed: false, startedAt } as const;
  const model = await resolveModel(principal, body.model, { requestId, ...ledger });
  const adapter = adapterFor(model.target.kind);
  if (!adapter.embeddings) {
    throw new BadRequestError(`The model \`${body.model}\` is served by a provider without an embeddings API.`, "model", "unsupported_model");
  }
  const lookup = await lookupEmbeddings({ principal, model: model.name, request: body, directives: call.directives });
  const hits = lookup.hits;
  const missing: number[] = [];
  if (hits) hits.forEach((hit, i) => hit === null && missing.push(i));
  const items: EmbeddingItem[] | null = lookup.ticket?.items ?? null;
  const allHit = hits !== null && missing.length === 0;
  // Only the missing items go upstream; a single-item request keeps its original shape.
  const upstreamBody: EmbeddingsRequest = hits === null || missing.length === hits.length ? body : { ...body, input: missing.map((i) => items![i]) as string[] | number[][] };

  const savedTokens = hits ? hits.reduce((sum, hit) => sum + (hit?.inputTokens ?? 0), 0) : 0;
  const costSavedMicros = costOfCall({ inputTokens: savedTokens, outputTokens: 0, cachedTokens: 0 }, model.price);
  // Governed like chat: calls, tokens (= input tokens) and cost, released when the upstream fails.
  const admitted = allHit
    ? await admitCall({ requestId, principal, model: model.name, estimate: NO_ESTIMATE, callOnly: true, ledger })
    : await admitCall({ requestId, principal, model: model.name, estimate: () => estimateEmbeddings(upstreamBody, model, call.signal), ledger });
  if (admitted.refusal) return admitted.refusal;
  const { admission } = admitted;
  const cacheStatus = hits === null ? "bypass" : allHit ? "hit" : "miss";
  const headers: Record<string, string> = { "x-tollgate-model": model.name, "x-tollgate-cache": cacheStatus, ...admission.headers };
  if (hits) headers["x-tollgate-cache-items"] = `${hits.length - missing.length}/${hits.length}`;
  let status = 200;
  let errorType: string | null = null;
  let inputTokens = 0;
  try {
    let result: EmbeddingsResponse | null = null;
    if (!allHit) {
      result = await adapter.embeddings(upstreamBody, model.target, call.signal);
      inputTokens = result.usage?.prompt_tokens ?? 0;
      if (lookup.ticket) {
        // Stored: the items that went upstream (all of them after a no-cache lookup).
        const sent = hits ? missing : lookup.ticket.items.map((_, i) => i);
        storeEmbeddings(lookup.ticket, sent, [...result.data].sort((a, b) => a.index - b.index).map((d) => d.embedding), inputTokens);
      }
      if (hits === null || missing.length === hits.length) return jsonResponse(result, requestId, headers);
    }
    if (allHit) cacheMetrics().saved(model.name, savedTokens, microsToDollars(costSavedMicros));
    return jsonResponse(mergedAnswer(hits!, missing, result, model.name, savedTokens), requestId, headers);
  } catch (error) {
    status = error instanceof HttpError ? error.status : 500;
    errorType = error instanceof HttpError ? (error.code ?? error.type) : "internal_error";
    throw error;
  } finally {
    const costMicros = costOfCall({ inputTokens, outputTokens: 0, cachedTokens: 0 }, model.price);
    admission.settle({ status, inputTokens: allHit ? 0 : inputTokens, outputTokens: 0, costMicros: allHit ? 0n : costMicros });
    recordUsage({
      requestId, orgId: principal.orgId, keyId: principal.keyId, userId: principal.userId, teamId: principal.teamId,
      model: model.name, providerId: allHit ? null : model.target.providerId, providerKind: allHit ? null : model.target.kind,
      upstreamModel: allHit ? null : model.target.upstreamModel,
      inputTokens: allHit ? savedTokens : inputTokens, outputTokens: 0, cachedTokens: 0, costMicros: allHit ? 0n : costMicros,
      latencyMs: Math.round(performance.now() - startedAt), ttftMs: null, streamed: false,
      status, errorType, estimated: false, endpoint: "embeddings", createdAt: new Date(governanceNow()),
      cache: cacheStatus === "bypass" ? null : cacheStatus, costSavedMicros: status < 400 ? costSavedMicros : 0n,
      tokensSaved: status < 400 ? savedTokens : 0,
    });
  }
}

/** The answer in the original order: cached items and the upstream's, indexes renumbered. */
function mergedAnswer(hits: readonly ({ answer: string } | null)[], missing: readonly number[], result: EmbeddingsResponse | null, model: string, savedTokens: number): EmbeddingsResponse {
  const fresh = new Map<number, number[] | string>();
  if (result) for (const d of result.data) fresh.set(missing[d.index], d.embedding);
  const data = hits.map((hit, index) => ({ object: "embedding" as const, index, embedding: hit ? (JSON.parse(hit.answer) as number[] | string) : fresh.get(index)! }));
  const upstreamTokens = result?.usage?.prompt_tokens ?? 0;
  return { object: "list", data, model: result?.model ?? model, usage: { prompt_tokens: upstreamTokens + savedTokens, total_tokens: upstreamTokens + savedTokens } };
}
