// Sends one batch line through the gateway's own pipeline, in-process, as the key that created the
// batch: model access, the cache, quotas, rate limits, the router and the usage ledger apply exactly
// as for a call through /v1. The answer is whole (never streamed): its status and JSON body are the
// line's response in the output or error file. The usage record the pipeline writes for the call
// (tagged with the batch, at the batch price) is watched for its tokens and cost.
import { NO_DIRECTIVES } from "../cache/cache-directives";
import type { AbortFlag } from "../abort/abort-flag";
import type { Principal } from "../principal/principal";
import { errorResponse } from "../gateway/respond";
import { runChatCompletion } from "../gateway/run-chat-completion";
import { runEmbeddings } from "../gateway/run-embeddings";
import type { GatewayResponse } from "../http/gateway-response";
import type { ChatCompletionRequest, EmbeddingsRequest } from "../openai-format/types";
import type { UsageEvent } from "../usage/usage-event";
import { watchUsage } from "../usage/usage-taps";
import type { BatchEndpoint } from "./schemas";

/** How long to wait for a call's usage record after its answer (settling counts tokens off the request path). */
const USAGE_WAIT_MS = 10_000;

export interface LineAnswer {
  status: number;
  headers: Record<string, string>;
  /** the JSON body as text */
  text: string;
  usage: UsageEvent | null;
}

async function textOf(response: GatewayResponse): Promise<string> {
  if (typeof response.body === "string") return response.body;
  // Never expected (stream is refused at validation), but a stream must still be read to its end.
  let text = "";
  for (let piece = await response.body.next(); piece !== null; piece = await response.body.next()) text += piece;
  return text;
}

export async function runBatchLine(options: { principal: Principal; endpoint: BatchEndpoint; body: string; requestId: string; abort: AbortFlag }): Promise<LineAnswer> {
  const { principal, requestId, abort } = options;
  const body = JSON.parse(options.body) as Record<string, unknown>;
  const watch = watchUsage(requestId);
  const startedAt = performance.now();
  let response: GatewayResponse;
  try {
    response =
      options.endpoint === "/v1/embeddings"
        ? await runEmbeddings({ requestId, principal, body: body as unknown as EmbeddingsRequest, directives: NO_DIRECTIVES, signal: abort, startedAt })
        : await runChatCompletion({ requestId, principal, request: { ...(body as unknown as ChatCompletionRequest), stream: false }, clientSignal: abort, startedAt });
  } catch (error) {
    // Refused before the pipeline answers (unknown model, a model the key may not use, an upstream
    // error of embeddings): the proxy's own error answer.
    response = errorResponse(error, requestId);
  }
  const text = await textOf(response);
  const usage = await watch.event(USAGE_WAIT_MS);
  return { status: response.status, headers: response.headers, text, usage };
}
