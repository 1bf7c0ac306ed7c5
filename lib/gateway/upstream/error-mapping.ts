// How an upstream failure becomes the error the client sees. Shared by every adapter so that an
// OpenAI, Anthropic or Gemini failure of the same kind looks the same through the gateway.
import { UpstreamError, type OpenAiErrorType } from "@/lib/http/errors";
import { parseRetryAfter } from "@/lib/routing/retry-policy";
import { readUpstreamErrorBody, type UpstreamErrorInfo } from "./error-body";

export interface UpstreamErrorContext {
  providerId: string;
  /** false once chunks reached the client: the router must not retry or fall back then */
  beforeFirstByte?: boolean;
}

// Anthropic names the failure in error.type; inside a 200 stream that is the only status there is.
const STATUS_BY_ERROR_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/** Ends the message of an upstream error whose body held no error object we recognise (HTML, text, other JSON). */
const WITHOUT_MESSAGE = "without a JSON error message (its body is not passed on)";

function typeForStatus(status: number): OpenAiErrorType {
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 400 && status < 500) return "invalid_request_error";
  return "upstream_error";
}

/** Applies the gateway's mapping to an upstream status and its parsed error. */
export function mapUpstreamFailure(
  status: number,
  info: UpstreamErrorInfo,
  context: UpstreamErrorContext,
  retryAfter?: string,
): UpstreamError {
  const error = mapStatus(status, info, context, retryAfter);
  // The router decides retries on the upstream's own status (a 503 and a 529 both reach the client as
  // 502) and honours its retry-after, whatever the status.
  error.upstreamStatus = status;
  error.retryAfterSeconds = parseRetryAfter(retryAfter);
  return error;
}

function mapStatus(status: number, info: UpstreamErrorInfo, context: UpstreamErrorContext, retryAfter: string | undefined): UpstreamError {
  const first = context.beforeFirstByte ?? true;
  const upstreamMessage = info.message ?? `The upstream provider answered HTTP ${status} ${WITHOUT_MESSAGE}.`;
  // 401/403 (and Gemini's 400 API_KEY_INVALID) judge Tollgate's provider key, not the client's own key:
  // passing them through would tell the client its key is wrong. The upstream text is not echoed since
  // it can quote part of the provider key.
  if (status === 401 || status === 403 || info.reason === "API_KEY_INVALID") {
    return new UpstreamError(
      502,
      `The upstream provider rejected Tollgate's credential for provider ${context.providerId} (HTTP ${status}). ` +
        "An administrator needs to check the API key configured for this provider.",
      "upstream_credential_rejected",
      "upstream_error",
      {},
      first,
    );
  }
  if (status === 429) {
    const headers: Record<string, string> = retryAfter ? { "retry-after": retryAfter } : {};
    return new UpstreamError(429, upstreamMessage, info.code ?? "upstream_rate_limited", "rate_limit_error", headers, first);
  }
  if (status >= 400 && status < 500) {
    return new UpstreamError(status, upstreamMessage, info.code ?? "upstream_error", typeForStatus(status), {}, first);
  }
  return new UpstreamError(
    502,
    info.message === null ? `The upstream provider failed (HTTP ${status}) ${WITHOUT_MESSAGE}.` : `The upstream provider failed (HTTP ${status}): ${info.message}`,
    status >= 500 ? "upstream_server_error" : "upstream_bad_response",
    "upstream_error",
    {},
    first,
  );
}

/** A non-2xx upstream answer. */
export function errorFromUpstreamResponse(
  status: number,
  bodyText: string,
  retryAfter: string | undefined,
  context: UpstreamErrorContext,
): UpstreamError {
  let payload: unknown = undefined;
  try {
    payload = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    // Proxies in front of providers answer with HTML or plain text, which can name internal hosts,
    // addresses and software versions: such a body is never passed on, only its status.
  }
  const info = readUpstreamErrorBody(payload) ?? { message: null, code: null };
  return mapUpstreamFailure(status, info, context, retryAfter);
}

/** An error object inside a 200 answer or a 200 stream: there is no HTTP status, so infer one. */
export function errorFromUpstreamPayload(payload: unknown, context: UpstreamErrorContext): UpstreamError {
  const info = readUpstreamErrorBody(payload) ?? { message: null, code: null };
  const status =
    info.status ?? (info.type ? STATUS_BY_ERROR_TYPE[info.type] : undefined) ?? 500;
  return mapUpstreamFailure(status, { ...info, message: info.message ?? "the upstream sent an error" }, context);
}

export function streamTruncatedError(beforeFirstByte: boolean): UpstreamError {
  return new UpstreamError(
    502,
    "The upstream stream ended unexpectedly, before its terminal event.",
    "upstream_stream_truncated",
    "upstream_error",
    {},
    beforeFirstByte,
  );
}

/** Marks an error as happening after bytes reached the client (no retry, no fallback). */
export function afterFirstByte(error: unknown): unknown {
  if (!(error instanceof UpstreamError) || !error.beforeFirstByte) return error;
  const late = new UpstreamError(error.status, error.message, error.code, error.type, error.headers, false);
  late.upstreamStatus = error.upstreamStatus;
  late.networkCode = error.networkCode;
  late.retryAfterSeconds = error.retryAfterSeconds;
  return late;
}
