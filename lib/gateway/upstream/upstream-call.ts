// The two call shapes every adapter needs: a JSON request/answer and a request answered by an SSE
// stream. Both turn upstream failures into UpstreamError through the shared mapping.
import { attachRawJson } from "../raw-json";
import { sendUpstreamBuffered } from "./buffered-answer";
import { sendUpstream, type UpstreamCall, type UpstreamResponse } from "./http-client";
import { readSseEventBatches, type SseEvent } from "./sse";
import { badResponseError } from "../../http/errors";
import { errorFromUpstreamPayload, errorFromUpstreamResponse, type UpstreamErrorContext } from "./error-mapping";

async function failFromStatus(response: UpstreamResponse, context: UpstreamErrorContext): Promise<never> {
  const text = await response.limitedText();
  throw errorFromUpstreamResponse(response.status, text, response.header("retry-after"), context);
}

function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badResponseError("the body is not JSON.");
  }
}

/** True when a 2xx body is really an error object (`{"error":{…}}`), which some upstreams send. */
function embeddedError(payload: unknown): boolean {
  return payload !== null && typeof payload === "object" && (payload as { error?: unknown }).error != null;
}

export async function callUpstreamJson(call: UpstreamCall, context: UpstreamErrorContext): Promise<unknown> {
  const answer = await sendUpstreamBuffered(call);
  const { text } = answer;
  if (answer.status < 200 || answer.status >= 300) throw errorFromUpstreamResponse(answer.status, text, answer.header("retry-after"), context);
  const payload = parseJsonBody(text);
  if (embeddedError(payload)) throw errorFromUpstreamPayload(payload, context);
  // An adapter that passes the payload on unchanged lets the gateway forward these very bytes.
  return payload !== null && typeof payload === "object" ? attachRawJson(payload, text) : payload;
}

/**
 * Resolves once the upstream accepted the request with an event stream (events in batches, one per
 * network read); errors before that throw.
 */
export async function openUpstreamEventStream(
  call: UpstreamCall,
  context: UpstreamErrorContext,
): Promise<AsyncGenerator<SseEvent[]>> {
  const response = await sendUpstream(call);
  if (response.status < 200 || response.status >= 300) return failFromStatus(response, context);
  const contentType = response.header("content-type") ?? "";
  if (!contentType.includes("text/event-stream")) {
    // Some compatible servers answer a stream request with a JSON error and status 200.
    const payload = parseJsonBodyOrNull(await response.limitedText());
    if (embeddedError(payload)) throw errorFromUpstreamPayload(payload, context);
    throw badResponseError(`expected an event stream, got "${contentType || "no content type"}".`);
  }
  return readSseEventBatches(response.chunks());
}

function parseJsonBodyOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function jsonHeaders(extra: Record<string, string>): Record<string, string> {
  return { "content-type": "application/json", accept: "application/json", ...extra };
}
