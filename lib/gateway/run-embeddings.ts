// The pipeline for one embeddings call after authentication: resolve, look every input item up in
// the response cache, send only the missing items upstream (in one call), answer in the original
// order, record the usage. All items cached: no upstream call, admitted as a call only (no tokens,
// no cost), recorded as a hit with what it saved. The upstream call goes through the router like a
// chat call (retries, fallbacks, breakers, slots) and is billed at the serving deployment's prices.
import { lookupEmbeddings, storeEmbeddings, type EmbeddingItem } from "../cache/embeddings-cache";
import { cacheMetrics } from "../cache/cache-metrics";
import type { CacheDirectives } from "../cache/cache-directives";
import { BadRequestError, HttpError } from "../http/errors";
import { admitCall } from "../quotas/admission";
import { governanceNow } from "../quotas/clock";
import { estimateEmbeddings } from "../quotas/estimate";
import { batchPrice } from "../usage/batch-price";
import { costOfCall, microsToDollars } from "../usage/money";
import { RoutingFailure } from "../routing/routing-error";
import { recordUsage } from "../usage/usage-recorder";
import type { AbortSignalLike } from "../abort/abort-flag";
import { CallControl } from "./call-control";
import type { CatalogDeployment } from "./catalog-types";
import { dispatch } from "./dispatch";
import type { Principal } from "../principal/principal";
import { adapterFor } from "./providers";
import { jsonResponse } from "./respond";
import { resolveModel } from "./resolve-model";
import { NO_ROUTING_DIRECTIVES, type RoutingDirectives } from "./routing-directives";
import type { GatewayResponse } from "../http/gateway-response";
import type { EmbeddingsRequest, EmbeddingsResponse } from "../openai-format/types";

export interface EmbeddingsCall {
  requestId: string;
  principal: Principal;
  body: EmbeddingsRequest;
  directives: CacheDirectives;
  signal: AbortSignalLike;
  startedAt: number;
  /** x-tollgate-timeout-ms and x-client-request-id (the others do not apply to embeddings) */
  routing?: RoutingDirectives;
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
  const directives = call.routing ?? NO_ROUTING_DIRECTIVES;
  const control = allHit ? null : new CallControl(requestId, principal, call.signal, directives.clientRequestId);
  let deployment: CatalogDeployment | null = null;
  let attempts = 0;
  let attemptLog: RoutingFailure["attempts"] | null = null;
  let fallbackModel: string | null = null;
  let upstreamMs: number | null = null;
  try {
    let result: EmbeddingsResponse | null = null;
    if (control) {
      await control.holdKeySlot(principal, model.queueTimeoutMs);
      try {
        const routed = await dispatch({
          requestId, orgId: principal.orgId, model, signal: control, timeoutMs: directives.timeoutMs,
          attempt: (target, served, _model, signal) => {
            const deploymentAdapter = adapterFor(served.kind);
            if (!deploymentAdapter.embeddings) throw new BadRequestError(`The deployment ${served.id} of \`${body.model}\` is served by a provider without an embeddings API.`, "model", "unsupported_model");
            return deploymentAdapter.embeddings(upstreamBody, target, signal);
          },
        });
        upstreamMs = performance.now() - routed.startedAt;
        routed.finish({ ok: true, firstTokenMs: upstreamMs });
        ({ deployment, attemptCount: attempts } = routed);
        attemptLog = routed.attempts;
        if (routed.model.name !== model.name) fallbackModel = routed.model.name;
        headers["x-tollgate-provider"] = routed.deployment.providerName;
        headers["x-tollgate-deployment"] = routed.deployment.id;
        headers["x-tollgate-attempts"] = String(routed.attemptCount);
        if (fallbackModel) headers["x-tollgate-fallback"] = fallbackModel;
        result = routed.value;
      } catch (failure) {
        const routing = failure instanceof RoutingFailure ? (failure as RoutingFailure<CatalogDeployment>) : null;
        deployment = routing?.lastDeployment ?? null;
        attempts = routing?.attempts.length ?? 0;
        attemptLog = attempts > 1 ? [...routing!.attempts] : null;
        upstreamMs = routing?.attempts.at(-1)?.latencyMs ?? null;
        throw routing ? routing.error : failure;
      }
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
    if (control?.aborted && !(error instanceof HttpError)) {
      status = 499;
      errorType = "client_closed";
      throw new HttpError(499, "The client closed the connection.", "invalid_request_error", "client_closed");
    }
    throw error;
  } finally {
    control?.end();
    // Billing follows the deployment that answered.
    const costMicros = batchPrice(costOfCall({ inputTokens, outputTokens: 0, cachedTokens: 0 }, deployment?.price ?? model.price), principal.batch);
    admission.settle({ status, inputTokens: allHit ? 0 : inputTokens, outputTokens: 0, costMicros: allHit ? 0n : costMicros });
    recordUsage({
      requestId, orgId: principal.orgId, keyId: principal.keyId, userId: principal.userId, teamId: principal.teamId, batchId: principal.batch?.id ?? null,
      model: model.name, providerId: deployment?.providerId ?? null, providerKind: deployment?.kind ?? null, providerName: deployment?.providerName ?? null, upstreamMs,
      upstreamModel: deployment?.upstreamModel ?? null, deploymentId: deployment?.id ?? null, attempts, attemptLog, fallbackModel,
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
