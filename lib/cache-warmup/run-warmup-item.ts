// Sends one warm-up item through the gateway's own pipeline, in-process, exactly as the console's
// playground does: runChatCompletion with the job's caller, so model access, the cache, quotas, rate
// limits and the usage ledger apply as for any call. It streams with the playground's summary event,
// which carries what settling booked (tokens, cost, cache status) for the item's result. The answer is
// stored in the cache by the pipeline like any complete answer.
import { createParser } from "eventsource-parser";
import { AbortFlag } from "../abort/abort-flag";
import type { Principal } from "../principal/principal";
import { errorResponse, newRequestId } from "../gateway/respond";
import type { ChatCall } from "../gateway/chat-call";
import { runChatCompletion } from "../gateway/run-chat-completion";
import type { GatewayResponse } from "../http/gateway-response";
import { refusalOf } from "../jobs/gateway-refusal";
import { interpretEvent, type PlaygroundSummary } from "../query/playground-stream";
import type { WarmupRequestBody } from "./warmup-request";

export type ItemOutcome =
  | { kind: "answered"; requestId: string; cache: string; inputTokens: number; outputTokens: number; costMicros: bigint; latencyMs: number }
  | { kind: "refused"; requestId: string; status: number; type: string | null; code: string | null; message: string; retryAfterMs: number | null };

function refusal(response: GatewayResponse, requestId: string, text: string): ItemOutcome {
  return { kind: "refused", requestId: response.headers["x-request-id"] ?? requestId, ...refusalOf(response, text) };
}

/** Reads the SSE answer to its end: the summary, or the error event a failed stream ends with. */
async function readStream(response: GatewayResponse & { body: { next(): Promise<string | null> } }, requestId: string): Promise<ItemOutcome> {
  let summary: PlaygroundSummary | null = null;
  let failure: { message: string; code: string | null } | null = null;
  const parser = createParser({
    onEvent: (message) => {
      const event = interpretEvent(message.data);
      if (event?.type === "summary") summary = event.summary;
      else if (event?.type === "error") failure ??= { message: event.message, code: event.code };
    },
  });
  for (let piece = await response.body.next(); piece !== null; piece = await response.body.next()) parser.feed(piece);
  const done = summary as PlaygroundSummary | null;
  if (failure || !done) {
    const { message, code } = failure ?? { message: "The answer ended without its summary.", code: null };
    return { kind: "refused", requestId, status: 502, type: "upstream_error", code, message, retryAfterMs: null };
  }
  return {
    kind: "answered",
    requestId: done.requestId,
    cache: done.cache,
    inputTokens: done.usage.prompt_tokens,
    outputTokens: done.usage.completion_tokens,
    costMicros: BigInt(Math.round(done.cost * 1_000_000)),
    latencyMs: done.latencyMs,
  };
}

export async function runWarmupItem(options: { principal: Principal; model: string; request: WarmupRequestBody; abort: AbortFlag }): Promise<ItemOutcome> {
  const requestId = newRequestId();
  // The answers it stores are marked as warm-up entries in the cache's entry browser.
  const call: ChatCall & { cacheSource?: "warmup" } = {
    requestId,
    principal: options.principal,
    request: { ...options.request, model: options.model, stream: true },
    clientSignal: options.abort,
    startedAt: performance.now(),
    withSummary: true,
    cacheSource: "warmup",
  };
  let response: GatewayResponse;
  try {
    response = await runChatCompletion(call);
  } catch (error) {
    // Before the pipeline answers (unknown model, a model the key may not use): the proxy's own error.
    response = errorResponse(error, requestId);
  }
  if (typeof response.body === "string") return refusal(response, requestId, response.body);
  return readStream(response as GatewayResponse & { body: { next(): Promise<string | null> } }, requestId);
}
