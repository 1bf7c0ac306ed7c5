// Responses in OpenAI's shape. Every response carries x-request-id; an unknown error becomes a
// 500 that names the request id and nothing else.
import { randomUUID } from "node:crypto";
import { HttpError } from "../http/errors";
import { logger } from "../logger";
import { rawJsonOf } from "./raw-json";
import { jsonGatewayResponse, jsonTextResponse, type GatewayResponse } from "./transport/gateway-response";

export function newRequestId(): string {
  return `req_${randomUUID().replace(/-/g, "")}`;
}

export function openAiErrorBody(error: HttpError): string {
  return JSON.stringify({ error: { message: error.message, type: error.type, code: error.code, param: error.param } });
}

export function errorResponse(error: unknown, requestId: string): GatewayResponse {
  if (error instanceof HttpError) {
    return jsonTextResponse(error.status, openAiErrorBody(error), { "x-request-id": requestId, ...error.headers });
  }
  logger().error({ err: error, requestId }, "unhandled gateway error");
  const body = { error: { message: `Internal error. Request id: ${requestId}`, type: "api_error", code: "internal_error", param: null } };
  return jsonGatewayResponse(500, body, { "x-request-id": requestId });
}

/** `body` goes out as the upstream's own JSON text when it carries it (see raw-json.ts). */
export function jsonResponse(body: object, requestId: string, headers: Record<string, string> = {}): GatewayResponse {
  return jsonTextResponse(200, rawJsonOf(body) ?? JSON.stringify(body), { "x-request-id": requestId, ...headers });
}
