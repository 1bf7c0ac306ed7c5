// Errors on the Anthropic-format endpoints, in Anthropic's shape:
// `{ "type": "error", "error": { "type", "message" }, "request_id" }` with the matching status, and in a
// stream an `error` event. Every gateway error maps here, the refusals the governance step answers in
// OpenAI's shape (quota, rate limit, store unavailable) included.
import { HttpError } from "../../http/errors";
import { logger } from "../../logger";
import { jsonTextResponse, type GatewayResponse } from "../../http/gateway-response";
import { sseEvent } from "./anthropic-events";

/** Anthropic's own error types, which an Anthropic upstream's 4xx already carries as its code. */
const ANTHROPIC_TYPES = new Set([
  "invalid_request_error", "authentication_error", "billing_error", "permission_error", "not_found_error",
  "request_too_large", "rate_limit_error", "api_error", "overloaded_error", "timeout_error",
]);

export function anthropicErrorType(status: number, code: string | null = null): string {
  if (status < 500 && code !== null && ANTHROPIC_TYPES.has(code)) return code;
  switch (status) {
    case 401:
      return "authentication_error";
    case 402:
      return "billing_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 503:
    case 529:
      return "overloaded_error";
    case 504:
      return "timeout_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
  }
}

function body(type: string, message: string, requestId: string): Record<string, unknown> {
  return { type: "error", error: { type, message }, request_id: requestId };
}

function internalError(error: unknown, requestId: string): { status: number; type: string; message: string } {
  logger().error({ err: error, requestId }, "unhandled gateway error");
  return { status: 500, type: "api_error", message: `Internal error. Request id: ${requestId}` };
}

function describe(error: unknown, requestId: string): { status: number; type: string; message: string; headers: Record<string, string> } {
  if (error instanceof HttpError) return { status: error.status, type: anthropicErrorType(error.status, error.code), message: error.message, headers: error.headers };
  return { ...internalError(error, requestId), headers: {} };
}

export function anthropicErrorResponse(error: unknown, requestId: string): GatewayResponse {
  const { status, type, message, headers } = describe(error, requestId);
  return jsonTextResponse(status, JSON.stringify(body(type, message, requestId)), { "x-request-id": requestId, "request-id": requestId, ...headers });
}

/** The `error` event a stream ends with when it fails after it started. */
export function anthropicErrorEvent(error: unknown, requestId: string): string {
  const { type, message } = describe(error, requestId);
  return sseEvent("error", { error: { type, message }, request_id: requestId });
}

/**
 * An error answer in OpenAI's shape (the governance step's refusals) in Anthropic's, with its status
 * and headers (retry-after, rate-limit headers) kept.
 */
export function toAnthropicError(response: GatewayResponse, requestId: string): GatewayResponse {
  if (response.status < 400 || typeof response.body !== "string") return response;
  let message = `The gateway answered HTTP ${response.status}.`;
  let code: string | null = null;
  try {
    const parsed = JSON.parse(response.body) as { error?: { message?: unknown; code?: unknown } };
    if (typeof parsed.error?.message === "string") message = parsed.error.message;
    if (typeof parsed.error?.code === "string") code = parsed.error.code;
  } catch {
    // not JSON: the status alone says what happened
  }
  const json = JSON.stringify(body(anthropicErrorType(response.status, code), message, requestId));
  return jsonTextResponse(response.status, json, { ...response.headers, "request-id": requestId });
}
