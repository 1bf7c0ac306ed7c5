// Responses in OpenAI's shape. Every response carries x-request-id; an unknown error becomes a
// 500 that names the request id and nothing else.
import { timeOrderedIds } from "../ids/time-ordered-id";
import { HttpError } from "../http/errors";
import { logger } from "../logger";
import { rawJsonOf } from "./raw-json";
import { jsonGatewayResponse, jsonTextResponse, type GatewayResponse } from "../http/gateway-response";

/**
 * "req_" and 32 lower-case hex digits (lib/tracing packs them as four 32-bit words): the time in ms
 * (12 digits), then 80 random bits (lib/ids/time-ordered-id.ts). Time first, so the usage ledger's
 * primary key grows at its right edge instead of on a random page of its index.
 */
export const newRequestId = timeOrderedIds("req_", 16, 12);

/** Statuses a client may send the same request again after (the rest need a change first). */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504, 529]);

/** Whether sending the same request again may succeed, and after how many seconds (when known). */
export function retryAdvice(error: HttpError): { retryable: boolean; retryAfter: number | undefined } {
  const retryable = error.retryable ?? RETRYABLE_STATUSES.has(error.status);
  let retryAfter = error.retryAfterSeconds;
  if (retryAfter === undefined && error.headers["retry-after"] !== undefined) {
    const seconds = Number(error.headers["retry-after"]);
    if (Number.isFinite(seconds) && seconds >= 0) retryAfter = Math.ceil(seconds);
  }
  // A gateway or upstream outage always says when to come back (and so does its header).
  if (retryAfter === undefined && retryable && (error.status === 502 || error.status === 503 || error.status === 504)) retryAfter = 1;
  return { retryable, retryAfter: retryable ? retryAfter : undefined };
}

/** OpenAI's error shape, plus `retryable` and, when known, `retry_after` (seconds). */
export function openAiErrorBody(error: HttpError): string {
  const { retryable, retryAfter } = retryAdvice(error);
  return JSON.stringify({
    error: { message: error.message, type: error.type, code: error.code, param: error.param, retryable, ...(retryAfter !== undefined ? { retry_after: retryAfter } : {}) },
  });
}

export function errorResponse(error: unknown, requestId: string): GatewayResponse {
  if (error instanceof HttpError) {
    const headers: Record<string, string> = { "x-request-id": requestId, ...error.headers };
    const { retryAfter } = retryAdvice(error);
    if (retryAfter !== undefined && headers["retry-after"] === undefined && error.status >= 429) headers["retry-after"] = String(retryAfter);
    return jsonTextResponse(error.status, openAiErrorBody(error), headers);
  }
  logger().error({ err: error, requestId }, "unhandled gateway error");
  const body = { error: { message: `Internal error. Request id: ${requestId}`, type: "api_error", code: "internal_error", param: null, retryable: true } };
  return jsonGatewayResponse(500, body, { "x-request-id": requestId });
}

/** `body` goes out as the upstream's own JSON text when it carries it (see raw-json.ts). */
export function jsonResponse(body: object, requestId: string, headers: Record<string, string> = {}): GatewayResponse {
  return jsonTextResponse(200, rawJsonOf(body) ?? JSON.stringify(body), { "x-request-id": requestId, ...headers });
}
