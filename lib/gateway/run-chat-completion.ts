// The pipeline for one chat completion after authentication: resolve the model, check access,
// dispatch to the provider adapter, respond (JSON or SSE), settle usage off the request path.
import { AbortFlag, type AbortSignalLike } from "./abort-flag";
import { lookupChat, storeChatAnswer, type StoreTicket } from "../cache/chat-cache";
import { NO_DIRECTIVES, type CacheDirectives } from "../cache/cache-directives";
import { CompletionAssembler } from "../cache/completion-assembler";
import type { CacheEntrySource } from "../cache/cache-entry";
import { env } from "../env";
import { ForbiddenError, HttpError, NotFoundError } from "../http/errors";
import { admitCall } from "../quotas/admission";
import { estimateChatCall } from "../quotas/estimate";
import { microsToDollars } from "../usage/money";
import { recordRefusal, type RefusedCall } from "../usage/refusal-record";
import { catalog, type CatalogModel } from "./catalog";
import { mayUseModel, type Principal } from "./principal";
import { serveCacheHit } from "./cache-hit";
import { adapterFor } from "./providers";
import { rawJsonOf } from "./raw-json";
import { errorResponse, jsonResponse } from "./respond";
import { settleCall, type CallOutcome, type SettledUsage } from "./settle";
import { streamToClient } from "./stream-to-client";
import type { GatewayResponse } from "./transport/gateway-response";
import type { ChatCompletion, ChatCompletionRequest } from "./types";

export interface ChatCall {
  requestId: string;
  principal: Principal;
  request: ChatCompletionRequest;
  /** aborted when the client disconnects */
  clientSignal: AbortSignalLike;
  startedAt: number;
  /** console playground: append a `tollgate.summary` event (tokens, cost, latency) before [DONE] */
  withSummary?: boolean;
  /** cache-control / x-tollgate-cache-ttl of the request (lib/cache/cache-directives.ts) */
  cache?: CacheDirectives;
  /** what a stored answer is marked as (warm-up jobs mark theirs) */
  cacheSource?: CacheEntrySource;
}

/** `refused`: the call as the ledger records it when it is refused here (unknown or forbidden model). */
export async function resolveModel(principal: Principal, name: string, refused?: Omit<RefusedCall, "principal" | "model">): Promise<CatalogModel> {
  const model = await catalog().find(principal.orgId, name);
  if (!model) {
    if (refused) recordRefusal({ ...refused, principal, model: name }, { reason: "model_not_found", status: 404, errorType: "model_not_found" });
    throw new NotFoundError(`The model \`${name}\` does not exist or is not served by any provider.`, "model_not_found", "model");
  }
  if (!mayUseModel(principal, name)) {
    if (refused) recordRefusal({ ...refused, principal, model: name }, { reason: "model_not_allowed", status: 403, errorType: "model_not_allowed" });
    throw new ForbiddenError(`This API key is not allowed to use the model \`${name}\`.`, "model_not_allowed");
  }
  return model;
}

function gatewayHeaders(requestId: string, model: CatalogModel, rateLimits: Record<string, string>, cache: string): Record<string, string> {
  return { "x-request-id": requestId, "x-tollgate-model": model.name, "x-tollgate-provider": model.target.kind, "x-tollgate-cache": cache, ...rateLimits };
}

function withCacheStatus(response: GatewayResponse, cache: string): GatewayResponse {
  response.headers["x-tollgate-cache"] = cache;
  return response;
}

/** Stores a complete answer once its usage is settled (off the request path). */
function storeWhenSettled(ticket: StoreTicket | null, settled: Promise<SettledUsage>, completion: () => ChatCompletion | null, json: () => string): void {
  if (!ticket) return;
  void settled.then((usage) => {
    const answer = completion();
    if (!answer) return;
    answer.usage ??= { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens };
    storeChatAnswer(ticket, answer, json(), { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens });
  });
}

export async function runChatCompletion(call: ChatCall): Promise<GatewayResponse> {
  const { requestId, principal, request, startedAt } = call;
  // How a refusal (unknown model, model access, quota, rate limit) is recorded in the ledger.
  const ledger = { endpoint: "chat.completions", streamed: request.stream === true, startedAt } as const;
  const model = await resolveModel(principal, request.model, { requestId, ...ledger });
  const cached = await lookupChat({ requestId, principal, model: model.name, request, directives: call.cache ?? NO_DIRECTIVES, source: call.cacheSource });
  if (cached.status === "hit" || cached.status === "semantic-hit") return serveCacheHit(call, model, cached);
  const { ticket } = cached;
  const cacheStatus = cached.status;
  const adapter = adapterFor(model.target.kind);
  // Quotas and rate limits: a refused call never reaches the upstream; an admitted one holds its
  // worst case until settleCall books the real usage.
  const admitted = await admitCall({ requestId, principal, model: model.name, estimate: () => estimateChatCall(request, model, call.clientSignal), ledger });
  if (admitted.refusal) return admitted.refusal;
  const { admission } = admitted;
  const outcome: CallOutcome = {
    requestId, principal, model, request, startedAt, admission,
    ttftMs: null, streamed: request.stream === true, status: 200, errorType: null,
    usage: null, completionText: "", billable: false, cache: cacheStatus === "bypass" ? null : cacheStatus,
  };

  if (!request.stream) {
    try {
      // The client's own signal: its disconnect aborts the upstream call, nothing else needs to.
      const completion = await adapter.chat(request, model.target, call.clientSignal);
      outcome.usage = completion.usage ?? null;
      outcome.billable = true;
      outcome.completionText = completion.usage ? "" : completion.choices.map((c) => c.message.content ?? "").join("");
      storeWhenSettled(ticket, settleCall(outcome), () => completion, () => (completion.usage ? (rawJsonOf(completion) ?? JSON.stringify(completion)) : JSON.stringify(completion)));
      return jsonResponse(completion, requestId, gatewayHeaders(requestId, model, admission.headers, cacheStatus));
    } catch (error) {
      const clientGone = call.clientSignal.aborted;
      outcome.status = clientGone ? 499 : error instanceof HttpError ? error.status : 500;
      outcome.errorType = clientGone ? "client_closed" : error instanceof HttpError ? (error.code ?? error.type) : "internal_error";
      outcome.billable = clientGone;
      void settleCall(outcome);
      return withCacheStatus(errorResponse(error, requestId), cacheStatus);
    }
  }

  // A stream is also cancelled by its reader (stream-to-client), so it gets an abort of its own.
  const upstreamAbort = new AbortFlag();
  const onClientAbort = () => upstreamAbort.abort();
  call.clientSignal.addEventListener("abort", onClientAbort, { once: true });
  const clientAskedUsage = request.stream_options?.include_usage === true;
  let stream;
  try {
    stream = await adapter.chatStream(request, model.target, upstreamAbort);
  } catch (error) {
    call.clientSignal.removeEventListener("abort", onClientAbort);
    outcome.status = error instanceof HttpError ? error.status : 500;
    outcome.errorType = error instanceof HttpError ? (error.code ?? error.type) : "internal_error";
    outcome.billable = call.clientSignal.aborted;
    void settleCall(outcome);
    return withCacheStatus(errorResponse(error, requestId), cacheStatus);
  }

  // The stream is assembled into a completion only when the cache will store it.
  const assembler = ticket ? new CompletionAssembler() : null;
  const body = streamToClient({
    stream,
    startedAt,
    forwardUsageChunk: clientAskedUsage,
    upstreamAbort,
    observe: assembler ? (chunk) => assembler.add(chunk) : undefined,
    onEnd: async (end) => {
      call.clientSignal.removeEventListener("abort", onClientAbort);
      Object.assign(outcome, {
        status: end.status, errorType: end.errorType, usage: end.usage,
        completionText: end.completionText, ttftMs: end.ttftMs, billable: true,
      });
      const settling = settleCall(outcome);
      if (end.status === 200 && !end.clientAborted && assembler) {
        let completion: ChatCompletion | null = null;
        storeWhenSettled(ticket, settling, () => (completion = assembler.completion(end.usage)), () => JSON.stringify(completion));
      }
      const settled = await settling;
      if (!call.withSummary || end.clientAborted) return null;
      return JSON.stringify({
        object: "tollgate.summary",
        requestId,
        model: model.name,
        usage: { prompt_tokens: settled.inputTokens, completion_tokens: settled.outputTokens, total_tokens: settled.inputTokens + settled.outputTokens },
        cost: microsToDollars(settled.costMicros),
        latencyMs: settled.latencyMs,
        ttftMs: end.ttftMs,
        cache: cacheStatus,
        estimated: settled.estimated,
      });
    },
  });
  return {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      ...gatewayHeaders(requestId, model, admission.headers, cacheStatus),
    },
    body,
  };
}

export function requestLimits() {
  const config = env();
  return { maxMessages: config.GATEWAY_MAX_MESSAGES, maxTokens: config.GATEWAY_MAX_TOKENS };
}
