// The pipeline of one Messages call after authentication, the chat completion's steps
// (run-chat-completion.ts) with Anthropic's format at both ends: plan (auto router, context window)
// on the canonical request, the response cache (the canonical key space, shared with chat
// completions: docs/anthropic-api.md), the key's slot, quotas and rate limits, dispatch through the
// router (dispatch.ts: retries, fallbacks, breakers, each attempt passed through to an Anthropic
// upstream or translated for another), respond in Anthropic's format, settle off the request path.
import { lookupChat, storeChatAnswer, type ChatCacheResult, type StoreTicket } from "../../cache/chat-cache";
import { NO_DIRECTIVES } from "../../cache/cache-directives";
import { BadRequestError } from "../../http/errors";
import { admitCall } from "../../quotas/admission";
import { estimateChatCall, reservedOutputTokens } from "../../quotas/estimate";
import { CallControl } from "../call-control";
import { catalogEmbedder } from "../catalog-embedder";
import { planChat } from "../chat-plan";
import { dispatch, type RoutedAttempt } from "../dispatch";
import { NO_ROUTING_DIRECTIVES } from "../routing-directives";
import { failed, reservePrice, routingHeaders, servedBy } from "../run-chat-completion";
import { settleCall, type CallOutcome, type SettledUsage } from "../settle";
import { jsonTextResponse, type GatewayResponse } from "../../http/gateway-response";
import type { MessagesAnswer, StreamAnswer } from "./answer";
import { toAnthropicError } from "./anthropic-errors";
import { attemptMessages, type DispatchedAnswer, type MessagesDispatch } from "./dispatch";
import type { MessagesCall } from "./messages-call";
import { serveMessagesCacheHit } from "./messages-cache-hit";
import { messagesStreamBody } from "./stream-body";
import { messageIdFor, toAnthropicUsage, type AnthropicUsageOut } from "./to-anthropic-message";


const NOT_CACHEABLE: ChatCacheResult = Object.freeze({ status: "bypass", ticket: null });

/** Stores a complete answer once its usage is settled (off the request path). */
function storeWhenSettled(ticket: StoreTicket | null, settled: Promise<SettledUsage>, answer: MessagesAnswer): void {
  if (!ticket) return;
  void settled.then((usage) => {
    const completion = answer.canonical();
    if (!completion) return;
    completion.usage ??= { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens };
    storeChatAnswer(ticket, completion, JSON.stringify(completion), { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens });
  });
}

function settledAsAnthropic(settled: SettledUsage): AnthropicUsageOut {
  return toAnthropicUsage({
    prompt_tokens: settled.inputTokens,
    completion_tokens: settled.outputTokens,
    total_tokens: settled.inputTokens + settled.outputTokens,
    prompt_tokens_details: { cached_tokens: settled.cachedTokens, cache_write_tokens: settled.cacheWriteTokens },
  });
}

export async function runMessages(call: MessagesCall): Promise<GatewayResponse> {
  const { requestId, principal, request, canonical, startedAt } = call;
  const directives = call.routing ?? NO_ROUTING_DIRECTIVES;
  // Dropping the oldest turns works on the canonical messages, which do not map one to one onto
  // Anthropic's (tool results, the system prompt): refused rather than half done.
  if (directives.truncate !== null) throw new BadRequestError("x-tollgate-truncate is not supported on /v1/messages.", "x-tollgate-truncate");
  const streamed = request.stream === true;
  const ledger = { endpoint: "messages", streamed, startedAt } as const;
  const plan = await planChat({ principal, request: canonical.request, directives, signal: call.clientSignal, ledger: { requestId, ...ledger } });
  const { model } = plan;
  const cached = canonical.cacheable
    ? await lookupChat({ requestId, principal, model: canonical.request.model, request: canonical.request, directives: call.cache ?? NO_DIRECTIVES, modelEmbedder: catalogEmbedder })
    : NOT_CACHEABLE;
  if (cached.status === "hit" || cached.status === "semantic-hit") return serveMessagesCacheHit(call, plan.askedModel, cached);
  const { ticket } = cached;
  const cacheStatus = cached.status;
  const headers = (attempts: number, served: RoutedAttempt<unknown> | null = null) => ({ ...routingHeaders(requestId, plan, served, attempts, cacheStatus), "request-id": requestId });

  const control = new CallControl(requestId, principal, call.clientSignal, directives.clientRequestId);
  try {
    await control.holdKeySlot(principal, model.queueTimeoutMs);
  } catch (error) {
    control.end();
    throw error;
  }
  // The prompt's count, when governance made one, is what a translated stream's message_start reports.
  let promptTokens = 0;
  const admitted = await admitCall({
    requestId, principal, model: plan.askedModel.name, ledger,
    estimate: async () => {
      const estimate = await estimateChatCall(canonical.request, { maxOutputTokens: model.maxOutputTokens, price: reservePrice(principal.orgId, plan) }, call.clientSignal);
      promptTokens = Math.max(0, estimate.tokens - reservedOutputTokens(canonical.request, model));
      return estimate;
    },
  }).catch((error: unknown) => {
    control.end();
    throw error;
  });
  if (admitted.refusal) {
    control.end();
    return toAnthropicError(admitted.refusal, requestId);
  }
  const { admission } = admitted;
  const outcome: CallOutcome = {
    requestId, principal, model: plan.askedModel, request: canonical.request, startedAt, admission, endpoint: "messages",
    ttftMs: null, streamed, status: 200, errorType: null,
    usage: null, completionText: "", billable: false, cache: cacheStatus === "bypass" ? null : cacheStatus, router: plan.router,
  };
  const dispatchCall: MessagesDispatch = {
    request, canonical, client: call.client, messageId: messageIdFor(requestId), assemble: ticket !== null,
    startUsage: () => ({ input_tokens: promptTokens, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }),
  };

  let routed: RoutedAttempt<DispatchedAnswer>;
  try {
    routed = await dispatch<DispatchedAnswer>({
      requestId, orgId: principal.orgId, model, extraFallbacks: plan.extraFallbacks, canServe: plan.canServe, signal: control, timeoutMs: directives.timeoutMs,
      attempt: (target, _deployment, _model, signal) => attemptMessages(dispatchCall, target, signal),
    });
  } catch (failure) {
    return toAnthropicError(failed(outcome, control, plan, failure, headers), requestId);
  }
  const firstTokenMs = performance.now() - routed.startedAt;
  servedBy(outcome, plan, routed);
  const { answer, first } = routed.value;
  const responseHeaders = { ...headers(routed.attemptCount, routed), ...admission.headers };

  if (!answer.stream) {
    routed.finish({ ok: true, firstTokenMs });
    control.end();
    Object.assign(outcome, { usage: answer.usage, completionText: answer.completionText, billable: true });
    storeWhenSettled(ticket, settleCall(outcome), answer);
    return jsonTextResponse(200, answer.json, responseHeaders);
  }
  return {
    status: 200,
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no", ...responseHeaders },
    body: streamBody(answer, first, { call, control, outcome, ticket, routed, firstTokenMs }),
  };
}

function streamBody(
  answer: StreamAnswer,
  first: DispatchedAnswer["first"],
  context: { call: MessagesCall; control: CallControl; outcome: CallOutcome; ticket: StoreTicket | null; routed: RoutedAttempt<DispatchedAnswer>; firstTokenMs: number },
) {
  const { call, control, outcome, routed } = context;
  return messagesStreamBody({
    answer, first, requestId: call.requestId, startedAt: call.startedAt, upstreamAbort: control,
    onEnd: async (end) => {
      // A client that left, or a cancel, says nothing about the deployment: it served until then.
      routed.finish(end.status === 200 || end.clientAborted || control.aborted ? { ok: true, firstTokenMs: context.firstTokenMs } : { ok: false, error: end.error });
      const cancelled = control.aborted && !control.clientGone && !end.clientAborted;
      control.end();
      const usage = answer.usage();
      Object.assign(outcome, {
        status: cancelled ? 499 : end.status, errorType: cancelled ? "request_cancelled" : end.errorType, ttftMs: end.ttftMs, billable: true,
        usage, completionText: usage ? "" : answer.completionText(),
      });
      const settling = settleCall(outcome);
      if (end.status === 200 && !end.clientAborted) storeWhenSettled(context.ticket, settling, answer);
      return settledAsAnthropic(await settling);
    },
  });
}
