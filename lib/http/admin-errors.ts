// The one place admin API errors become responses: `{ error: { message, code, field? } }`.
// HttpErrors keep their status; anything else is a 500 that names only the request id.
import { z } from "zod";
import { isHttpError, ValidationError } from "./errors";
import { logger } from "../logger";

export type AdminErrorBody = { error: { message: string; code: string; field?: string; requestId?: string } };

const DEFAULT_CODES: Record<number, string> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  422: "validation_failed",
  429: "rate_limited",
};

/** The first zod issue as a ValidationError naming its field ("models.2", "baseUrl"). */
export function validationErrorFromZod(error: z.ZodError, prefix?: string): ValidationError {
  const issue = error.issues[0];
  const path = [...(prefix ? [prefix] : []), ...(issue?.path ?? [])].map(String).join(".");
  const message = issue ? (path ? `${path}: ${issue.message}` : issue.message) : "Invalid request";
  return new ValidationError(message, path || null);
}

export function adminErrorResponse(error: unknown, requestId: string): Response {
  const normalized = error instanceof z.ZodError ? validationErrorFromZod(error) : error;
  const headers = { "x-request-id": requestId, "cache-control": "no-store" };
  if (isHttpError(normalized)) {
    const body: AdminErrorBody = {
      error: {
        message: normalized.message,
        code: normalized.code ?? DEFAULT_CODES[normalized.status] ?? "error",
        ...(normalized.param ? { field: normalized.param } : {}),
      },
    };
    return Response.json(body, { status: normalized.status, headers: { ...headers, ...normalized.headers } });
  }
  logger().error({ err: error, requestId }, "admin API request failed");
  const body: AdminErrorBody = { error: { message: "Internal error", code: "internal_error", requestId } };
  return Response.json(body, { status: 500, headers });
}
