// A Messages call answered from the response cache: admitted and recorded like any hit
// (cache-hit.ts), the stored canonical answer sent as an Anthropic message, or replayed as a live
// event stream for a streamed request.
import type { CatalogModel } from "../catalog-types";
import { admitCacheHit, type Hit } from "../cache-hit";
import { jsonTextResponse, type GatewayResponse } from "../../http/gateway-response";
import type { ChatCompletion } from "../../openai-format/types";
import { replayMessageEvents } from "./anthropic-events";
import { toAnthropicError } from "./anthropic-errors";
import type { MessagesCall } from "./messages-call";
import { messageIdFor, toAnthropicMessage } from "./to-anthropic-message";

export async function serveMessagesCacheHit(call: MessagesCall, model: CatalogModel, hit: Hit): Promise<GatewayResponse> {
  const streamed = call.request.stream === true;
  const admitted = await admitCacheHit({ ...call, streamed, endpoint: "messages" }, model, hit);
  if (admitted.refusal) return toAnthropicError(admitted.refusal, call.requestId);
  const message = toAnthropicMessage(JSON.parse(hit.answer.answer) as ChatCompletion, messageIdFor(call.requestId));
  const headers = { ...admitted.headers, "request-id": call.requestId };
  if (!streamed) return jsonTextResponse(200, JSON.stringify(message), headers);
  let text: string | null = replayMessageEvents(message);
  return {
    status: 200,
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no", ...headers },
    body: {
      async next() {
        const out = text;
        text = null;
        return out;
      },
      async cancel() {
        text = null;
      },
    },
  };
}
