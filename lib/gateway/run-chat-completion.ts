// The pipeline for one chat completion after authentication: plan (auto router, context window),
// look the answer up in the response cache, hold the key's slot, admit (quotas), dispatch through the
// router (retries, fallbacks, breakers: lib/routing), respond (JSON or SSE), settle usage off the
// request path at the prices of the deployment that answered.
import { lookupChat, storeChatAnswer, type StoreTicket } from "../cache/chat-cache";
import { NO_DIRECTIVES } from "../cache/cache-directives";
import { CompletionAssembler } from "../cache/completion-assembler";
import { catalogEmbedder } from "./catalog-embedder";
import { env } from "../env";
import { HttpError } from "../http/errors";
import { admitCall } from "../quotas/admission";
import { estimateChatCall } from "../quotas/estimate";
import { RoutingFailure } from "../routing/routing-error";
import type { RoutePrice } from "../routing/types";
import { microsToDollars } from "../usage/money";
import { CallControl } from "./call-control";
import type { CatalogDeployment, CatalogModel } from "./catalog-types";
import { catalog } from "./catalog";
import { planChat, type ChatPlan } from "./chat-plan";
import { serveCacheHit } from "./cache-hit";
import type { ChatCall } from "./chat-call";
import { dispatch, type RoutedAttempt } from "./dispatch";
import { adapterFor } from "./providers";
import { rawJsonOf } from "./raw-json";
import { errorResponse, jsonResponse } from "./respond";
import { NO_ROUTING_DIRECTIVES } from "./routing-directives";
import { settleCall, type CallOutcome, type SettledUsage } from "./settle";
import { streamToClient } from "./stream-to-client";
import type { GatewayResponse } from "../http/gateway-response";
import type { ChatCompletion } from "../openai-format/types";
import type { ChatStream } from "./types";
import type { StreamChunk } from "../openai-format/unparsed-chunk";

export { resolveModel } from "./resolve-model";


interface OpenedStream {
  stream: ChatStream;
  started: { iterator: AsyncIterator<StreamChunk[]>; first: IteratorResult<StreamChunk[]> };
}

/** What every answer of a routed call says about how it was served. */
export function routingHeaders(requestId: string, plan: ChatPlan, served: { deployment: CatalogDeployment; model: CatalogModel } | null, attempts: number, cache: string): Record<string, string> {
  const headers: Record<string, string> = { "x-request-id": requestId, "x-tollgate-model": plan.askedModel.name, "x-tollgate-cache": cache, "x-tollgate-attempts": String(attempts) };
  if (served) {
    headers["x-tollgate-provider"] = served.deployment.providerName;
    headers["x-tollgate-deployment"] = served.deployment.id;
  }
  const fallback = served ? fallbackOf(plan, served.model) : plan.contextFallback;
  if (fallback) headers["x-tollgate-fallback"] = fallback;
  if (plan.router) headers["x-tollgate-router"] = plan.router;
  if (plan.truncated > 0) headers["x-tollgate-truncated"] = String(plan.truncated);
  return headers;
}

/** The highest prices any model that may serve the call charges: what the quota reservation holds. */
export function reservePrice(orgId: string, plan: ChatPlan): RoutePrice {
  const price = { ...plan.model.worstPrice };
  for (const name of [...plan.model.fallbackModels, ...plan.extraFallbacks]) {
    const fallback = catalog().loaded(orgId, name);
    if (!fallback) continue;
    if (fallback.worstPrice.inputPerMTok > price.inputPerMTok) price.inputPerMTok = fallback.worstPrice.inputPerMTok;
    if (fallback.worstPrice.outputPerMTok > price.outputPerMTok) price.outputPerMTok = fallback.worstPrice.outputPerMTok;
    const cacheWrite = fallback.worstPrice.cacheWritePerMTok;
    if (cacheWrite != null && cacheWrite > (price.cacheWritePerMTok ?? 0n)) price.cacheWritePerMTok = cacheWrite;
  }
  return price;
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

/** The fallback model that served, for the ledger (the one the preflight chose counts too). */
function fallbackOf(plan: ChatPlan, served: CatalogModel): string | null {
  return served.name !== plan.askedModel.name ? served.name : null;
}

/** Records in the outcome which deployment and model served, after how many attempts. */
export function servedBy<T>(outcome: CallOutcome, plan: ChatPlan, routed: RoutedAttempt<T>): void {
  outcome.deployment = routed.deployment;
  outcome.upstreamStartedAt = routed.startedAt;
  outcome.attempts = routed.attemptCount;
  outcome.attemptLog = routed.attempts;
  outcome.fallbackModel = fallbackOf(plan, routed.model);
}

/**
 * A call no attempt could serve (or that was cancelled): the error the client gets (in OpenAI's
 * shape; the Messages API rewrites it in Anthropic's), the ledger's record.
 */
export function failed(outcome: CallOutcome, control: CallControl, plan: ChatPlan, failure: unknown, headers: (attempts: number) => Record<string, string>): GatewayResponse {
  const routing = failure instanceof RoutingFailure ? (failure as RoutingFailure<CatalogDeployment>) : null;
  const error = routing ? routing.error : failure;
  const attempts = routing?.attempts.length ?? 0;
  control.end();
  const stopped = control.aborted;
  outcome.status = stopped ? 499 : error instanceof HttpError ? error.status : 500;
  outcome.errorType = stopped ? (control.clientGone ? "client_closed" : "request_cancelled") : error instanceof HttpError ? (error.code ?? error.type) : "internal_error";
  // A call stopped while an upstream worked on it is billed at its estimate; a failure bills nothing.
  outcome.billable = stopped && attempts > 0;
  outcome.deployment = routing?.lastDeployment ?? null;
  outcome.attempts = attempts;
  outcome.attemptLog = attempts > 1 ? [...routing!.attempts] : null;
  outcome.upstreamMs = routing?.attempts.at(-1)?.latencyMs ?? null;
  const lastModel = routing?.lastModel ?? plan.model.name;
  outcome.fallbackModel = lastModel !== plan.askedModel.name ? lastModel : null;
  void settleCall(outcome);
  // Nobody reads the answer to a client that left; it must not be logged as an unknown error either.
  const answer = stopped && control.clientGone ? new HttpError(499, "The client closed the connection.", "invalid_request_error", "client_closed") : error;
  const response = errorResponse(answer, outcome.requestId);
  Object.assign(response.headers, headers(attempts));
  return response;
}

export async function runChatCompletion(call: ChatCall): Promise<GatewayResponse> {
  const { requestId, principal, startedAt } = call;
  const directives = call.routing ?? NO_ROUTING_DIRECTIVES;
  // How a refusal (unknown model, model access, quota, rate limit) is recorded in the ledger.
  const ledger = { endpoint: "chat.completions", streamed: call.request.stream === true, startedAt } as const;
  const plan = await planChat({ principal, request: call.request, directives, signal: call.clientSignal, ledger: { requestId, ...ledger } });
  const { model, request } = plan;
  const cached = await lookupChat({ requestId, principal, model: request.model, request, directives: call.cache ?? NO_DIRECTIVES, source: call.cacheSource, modelEmbedder: catalogEmbedder });
  if (cached.status === "hit" || cached.status === "semantic-hit") return serveCacheHit(call, plan.askedModel, cached);
  const { ticket } = cached;
  const cacheStatus = cached.status;
  const headers = (attempts: number, served: RoutedAttempt<unknown> | null = null) => routingHeaders(requestId, plan, served, attempts, cacheStatus);

  const control = new CallControl(requestId, principal, call.clientSignal, directives.clientRequestId);
  const holding = control.holdKeySlot(principal, model.queueTimeoutMs);
  if (holding) {
    try {
      await holding;
    } catch (error) {
      control.end();
      throw error;
    }
  }
  // Quotas and rate limits: a refused call never reaches the upstream; an admitted one holds its
  // worst case (at the priciest deployment that may serve it) until settleCall books the real usage,
  // once, whatever the retries.
  const admitted = await admitCall({
    requestId, principal, model: plan.askedModel.name, ledger,
    estimate: () => estimateChatCall(request, { maxOutputTokens: model.maxOutputTokens, price: reservePrice(principal.orgId, plan) }, call.clientSignal),
  }).catch((error: unknown) => {
    control.end();
    throw error;
  });
  if (admitted.refusal) {
    control.end();
    return admitted.refusal;
  }
  const { admission } = admitted;
  const outcome: CallOutcome = {
    requestId, principal, model: plan.askedModel, request, startedAt, admission,
    ttftMs: null, streamed: request.stream === true, status: 200, errorType: null,
    usage: null, completionText: "", billable: false, cache: cacheStatus === "bypass" ? null : cacheStatus,
    router: plan.router,
  };
  const target = { requestId, orgId: principal.orgId, model, extraFallbacks: plan.extraFallbacks, canServe: plan.canServe, signal: control, timeoutMs: directives.timeoutMs };

  if (!request.stream) {
    let routed: RoutedAttempt<ChatCompletion>;
    try {
      routed = await dispatch({ ...target, attempt: (upstream, deployment, _model, signal) => adapterFor(deployment.kind).chat(request, upstream, signal) });
    } catch (failure) {
      return failed(outcome, control, plan, failure, headers);
    }
    routed.finish({ ok: true, firstTokenMs: performance.now() - routed.startedAt });
    control.end();
    const completion = routed.value;
    servedBy(outcome, plan, routed);
    outcome.usage = completion.usage ?? null;
    outcome.billable = true;
    outcome.completionText = completion.usage ? "" : completion.choices.map((c) => c.message.content ?? "").join("");
    storeWhenSettled(ticket, settleCall(outcome), () => completion, () => (completion.usage ? (rawJsonOf(completion) ?? JSON.stringify(completion)) : JSON.stringify(completion)));
    return jsonResponse(completion, requestId, { ...headers(routed.attemptCount, routed), ...admission.headers });
  }

  // A stream is answered once its first chunks arrived: a stream that fails before them is retried
  // elsewhere, and a call that fails altogether gets its own status instead of a 200 with an error.
  let routed: RoutedAttempt<OpenedStream>;
  try {
    routed = await dispatch<OpenedStream>({
      ...target,
      attempt: async (upstream, deployment, _model, signal) => {
        const stream = await adapterFor(deployment.kind).chatStream(request, upstream, signal);
        const iterator = stream.batches[Symbol.asyncIterator]();
        return { stream, started: { iterator, first: await iterator.next() } };
      },
    });
  } catch (failure) {
    return failed(outcome, control, plan, failure, headers);
  }
  const firstTokenMs = performance.now() - routed.startedAt;
  servedBy(outcome, plan, routed);
  const clientAskedUsage = request.stream_options?.include_usage === true;
  // The stream is assembled into a completion only when the cache will store it.
  const assembler = ticket ? new CompletionAssembler() : null;
  const body = streamToClient({
    stream: routed.value.stream,
    started: routed.value.started,
    startedAt,
    forwardUsageChunk: clientAskedUsage,
    upstreamAbort: control,
    observe: assembler ? (chunk) => assembler.add(chunk) : undefined,
    onEnd: async (end) => {
      // A client that left, or a cancel, says nothing about the deployment: it served until then.
      routed.finish(end.status === 200 || end.clientAborted || control.aborted ? { ok: true, firstTokenMs } : { ok: false, error: end.error });
      const cancelled = control.aborted && !control.clientGone && !end.clientAborted;
      control.end();
      Object.assign(outcome, {
        status: cancelled ? 499 : end.status, errorType: cancelled ? "request_cancelled" : end.errorType, usage: end.usage,
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
        model: plan.askedModel.name,
        usage: { prompt_tokens: settled.inputTokens, completion_tokens: settled.outputTokens, total_tokens: settled.inputTokens + settled.outputTokens },
        cost: microsToDollars(settled.costMicros),
        latencyMs: settled.latencyMs,
        ttftMs: end.ttftMs,
        cache: cacheStatus,
        estimated: settled.estimated,
        deploymentId: routed.deployment.id,
        provider: routed.deployment.providerName,
        attempts: routed.attemptCount,
        fallbackModel: outcome.fallbackModel ?? null,
      });
    },
  });
  return {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      ...headers(routed.attemptCount, routed),
      ...admission.headers,
    },
    body,
  };
}

export function requestLimits() {
  const config = env();
  return { maxMessages: config.GATEWAY_MAX_MESSAGES, maxTokens: config.GATEWAY_MAX_TOKENS };
}
