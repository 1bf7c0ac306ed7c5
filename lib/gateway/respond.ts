// Responses in OpenAI's shape. Every response carries x-request-id; an unknown error becomes a
// 500 that names the request id and nothing else.
import { randomUUID } from "node:crypto";
import { HttpError } from "../http/errors";
import { logger } from "../logger";

export function newRequestId(): string {
  return `req_${randomUUID().replace(/-/g, "")}`;
}

export function openAiErrorBody(error: HttpError): string {
  return JSON.stringify({ error: { message: error.message, type: error.type, code: error.code, param: error.param } });
}

export function errorResponse(error: unknown, requestId: string): Response {
  if (error instanceof HttpError) {
    return new Response(openAiErrorBody(error), {
      status: error.status,
      headers: { "content-type": "application/json", "x-request-id": requestId, ...error.headers },
    });
  }
  logger().error({ err: error, requestId }, "unhandled gateway error");
  const body = { error: { message: `Internal error. Request id: ${requestId}`, type: "api_error", code: "internal_error", param: null } };
  return new Response(JSON.stringify(body), {
    status: 500,
    headers: { "content-type": "application/json", "x-request-id": requestId },
  });
}

export function jsonResponse(body: unknown, requestId: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { "content-type": "application/json", "x-request-id": requestId, ...headers },
  });
}
