// Errors that carry their HTTP status. Thrown anywhere in services or the gateway, rendered in one
// place per API surface (admin: `{ error: { message, code, field? } }`, proxy: OpenAI's shape).
// Anything that is not an HttpError is a 500 with a request id and no internals.

export type OpenAiErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  | "quota_exceeded"
  | "upstream_error"
  | "timeout_error"
  | "api_error";

export class HttpError extends Error {
  /**
   * Whether the same call may succeed if the client sends it again (`error.retryable` in the body);
   * unset = judged from the status (respond.ts).
   */
  retryable: boolean | undefined = undefined;
  /** seconds to wait before that retry (`error.retry_after`, and the retry-after header), when known */
  retryAfterSeconds: number | undefined = undefined;

  constructor(
    readonly status: number,
    message: string,
    readonly type: OpenAiErrorType,
    readonly code: string | null = null,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string, param: string | null = null, code: string | null = "invalid_value") {
    super(400, message, "invalid_request_error", code, param);
  }
}

export class ValidationError extends HttpError {
  constructor(message: string, param: string | null = null) {
    super(422, message, "invalid_request_error", "validation_failed", param);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message = "Invalid or missing API key.", code = "invalid_api_key") {
    super(401, message, "authentication_error", code);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message = "You do not have permission to do this.", code = "forbidden") {
    super(403, message, "permission_error", code);
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string, code = "not_found", param: string | null = null) {
    super(404, message, "not_found_error", code, param);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string, param: string | null = null) {
    super(409, message, "invalid_request_error", "conflict", param);
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(limitBytes: number) {
    super(413, `Request body exceeds the limit of ${limitBytes} bytes.`, "invalid_request_error", "body_too_large");
  }
}

/** An upstream provider failed; `status` is what the client gets (upstream 4xx pass through). */
export class UpstreamError extends HttpError {
  constructor(
    status: number,
    message: string,
    code: string | null = "upstream_error",
    type: OpenAiErrorType = "upstream_error",
    headers: Record<string, string> = {},
    /** true when the failure happened before any byte reached the client (safe to retry) */
    readonly beforeFirstByte = true,
  ) {
    super(status, message, type, code, null, headers);
  }

  /** the upstream's own HTTP status (a 503 is passed on as 502), when it answered one */
  upstreamStatus: number | null = null;
  /** the socket error when the upstream could not be reached (ECONNREFUSED, ECONNRESET, …) */
  networkCode: string | null = null;
}

export class UpstreamTimeoutError extends UpstreamError {
  constructor(timeoutMs: number) {
    super(504, `The upstream provider did not answer within ${timeoutMs} ms.`, "upstream_timeout", "timeout_error");
  }
}

/** The upstream answered something that is not what its API promises (a broken JSON body or event). */
export function badResponseError(detail: string): UpstreamError {
  return new UpstreamError(502, `The upstream provider sent an invalid response: ${detail}`, "upstream_bad_response");
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}
