// The pipeline of one Messages call after authentication, the same steps as a chat completion's
// (run-chat-completion.ts): resolve the model and check access, the response cache (in the canonical
// key space, shared with chat completions: docs/anthropic-api.md), quotas and rate limits on the
// canonical request's count, dispatch, respond in Anthropic's format, settle off the request path.
import { lookupChat, storeChatAnswer, type ChatCacheResult, type StoreTicket } from "../../cache/chat-cache";
import { NO_DIRECTIVES, type CacheDirectives } from "../../cache/cache-directives";
import { HttpError } from "../../http/errors";
import { admitCall } from "../../quotas/admission";
import { estimateChatCall, reservedOutputTokens } from "../../quotas/estimate";
import { AbortFlag, type AbortSignalLike } from "../abort-flag";
import type { CatalogModel } from "../catalog";
import type { Principal } from "../principal";
import { resolveModel } from "../run-chat-completion";
import { settleCall, type CallOutcome, type SettledUsage } from "../settle";
import { jsonTextResponse, type GatewayResponse } from "../transport/gateway-response";
import type { ChatCompletion } from "../types";
import type { MessagesAnswer } from "./answer";
import { anthropicErrorResponse, toAnthropicError } from "./anthropic-errors";
import type { AnthropicClientHeaders } from "./anthropic-upstream";
import { dispatchMessages, type MessagesDispatch } from "./dispatch";
import { serveMessagesCacheHit } from "./messages-cache-hit";
import type { AnthropicMessagesRequest } from "./messages-request";
import { messagesStreamBody } from "./stream-body";
import { messageIdFor, toAnthropicUsage, type AnthropicUsageOut } from "./to-anthropic-message";
import type { CanonicalForm } from "./to-openai-request";

export interface MessagesCall {
  requestId: string;
  principal: Principal;
  request: AnthropicMessagesRequest;
  canonical: CanonicalForm;
  client: AnthropicClientHeaders;
  /** aborted when the client disconnects */
  clientSignal: AbortSignalLike;
  startedAt: number;
  cache?: CacheDirectives;
}

const NOT_CACHEABLE: ChatCacheResult = Object.freeze({ status: "bypass", ticket: null });

export function messagesHeaders(requestId: string, model: CatalogModel, extra: Record<string, string>): Record<string, string> {
  return { "x-request-id": requestId, "request-id": requestId, "x-tollgate-model": model.name, ...(model.target ? { "x-tollgate-provider": model.target.kind } : {}), ...extra };
}

/** Stores a complete answer once its usage is settled (off the request path). */
function storeWhenSettled(ticket: StoreTicket | null, settled: Promise<SettledUsage>, answer: MessagesAnswer): void {
  if (!ticket) return;
  void settled.then((usage) => {
    const completion: ChatCompletion | null = answer.canonical();
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
    prompt_tokens_details: { cached_tokens: settled.cachedTokens, cache_write_tokens: settled.cacheWriteTokens ?? 0 },
  });
}

function failed(outcome: CallOutcome, error: unknown, clientGone: boolean): void {
  outcome.status = clientGone ? 499 : error instanceof HttpError ? error.status : 500;
  outcome.errorType = clientGone ? "client_closed" : error instanceof HttpError ? (error.code ?? error.type) : "internal_error";
  outcome.billable = clientGone;
  void settleCall(outcome);
}

export async function runMessages(call: MessagesCall): Promise<GatewayResponse> {
  const { requestId, principal, request, canonical, startedAt } = call;
  const streamed = request.stream === true;
  const ledger = { endpoint: "messages", streamed, startedAt } as const;
  const model = await resolveModel(principal, request.model, { requestId, ...ledger });
  const directives = call.cache ?? NO_DIRECTIVES;
  const cached = canonical.cacheable
    ? await lookupChat({ requestId, principal, model: model.name, request: canonical.request, directives })
    : NOT_CACHEABLE;
  if (cached.status === "hit" || cached.status === "semantic-hit") return serveMessagesCacheHit(call, model, cached);
  const { ticket } = cached;
  const cacheStatus = cached.status;

  // The prompt's count, when governance made one, is what a translated stream's message_start reports.
  let promptTokens = 0;
  const admitted = await admitCall({
    requestId, principal, model: model.name, ledger,
    estimate: async () => {
      const estimate = await estimateChatCall(canonical.request, model, call.clientSignal);
      promptTokens = Math.max(0, estimate.tokens - reservedOutputTokens(canonical.request, model));
      return estimate;
    },
  });
  if (admitted.refusal) return toAnthropicError(admitted.refusal, requestId);
  const { admission } = admitted;
  const headers = messagesHeaders(requestId, model, { "x-tollgate-cache": cacheStatus, ...admission.headers });
  const outcome: CallOutcome = {
    requestId, principal, model, request: canonical.request, startedAt, admission, endpoint: "messages",
    ttftMs: null, streamed, status: 200, errorType: null,
    usage: null, completionText: "", billable: false, cache: cacheStatus === "bypass" ? null : cacheStatus,
  };
  const dispatch: MessagesDispatch = {
    request, canonical, client: call.client, messageId: messageIdFor(requestId), assemble: ticket !== null,
    startUsage: () => ({ input_tokens: promptTokens, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }),
  };

  if (!streamed) {
    try {
      // The client's own signal: its disconnect aborts the upstream call, nothing else needs to.
      const { answer } = await dispatchMessages(dispatch, model, call.clientSignal);
      if (answer.stream) throw new Error("a JSON call was answered with a stream");
      Object.assign(outcome, { usage: answer.usage, completionText: answer.completionText, billable: true });
      storeWhenSettled(ticket, settleCall(outcome), answer);
      return jsonTextResponse(200, answer.json, headers);
    } catch (error) {
      failed(outcome, error, call.clientSignal.aborted);
      return anthropicErrorResponse(error, requestId);
    }
  }

  // A stream is also cancelled by its reader (stream-body.ts), so it gets an abort of its own.
  const upstreamAbort = new AbortFlag();
  const onClientAbort = () => upstreamAbort.abort();
  call.clientSignal.addEventListener("abort", onClientAbort, { once: true });
  let dispatched;
  try {
    dispatched = await dispatchMessages(dispatch, model, upstreamAbort);
  } catch (error) {
    call.clientSignal.removeEventListener("abort", onClientAbort);
    failed(outcome, error, call.clientSignal.aborted);
    return anthropicErrorResponse(error, requestId);
  }
  const { answer, first } = dispatched;
  if (!answer.stream) throw new Error("a streamed call was answered with JSON");
  const body = messagesStreamBody({
    answer, first, requestId, startedAt, upstreamAbort,
    onEnd: async (end) => {
      call.clientSignal.removeEventListener("abort", onClientAbort);
      const usage = answer.usage();
      Object.assign(outcome, {
        status: end.status, errorType: end.errorType, ttftMs: end.ttftMs, billable: true,
        usage, completionText: usage ? "" : answer.completionText(),
      });
      const settling = settleCall(outcome);
      if (end.status === 200 && !end.clientAborted) storeWhenSettled(ticket, settling, answer);
      return settledAsAnthropic(await settling);
    },
  });
  return {
    status: 200,
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no", ...headers },
    body,
  };
}
