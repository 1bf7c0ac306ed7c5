// Reads a refused in-process gateway call (a GatewayResponse with a JSON error body in OpenAI's
// shape) into the runner's Refusal: status, type, code, message and retry-after.
import type { GatewayResponse } from "../http/gateway-response";
import type { Refusal } from "./refusal-policy";

interface ErrorBody {
  error?: { message?: string; type?: string; code?: string | null };
}

export function refusalOf(response: Pick<GatewayResponse, "status" | "headers">, text: string): Refusal {
  let parsed: ErrorBody = {};
  try {
    parsed = JSON.parse(text) as ErrorBody;
  } catch {
    // not JSON: keep the status alone
  }
  const retryAfter = Number(response.headers["retry-after"]);
  return {
    status: response.status,
    type: parsed.error?.type ?? null,
    code: parsed.error?.code ?? null,
    message: parsed.error?.message ?? `The gateway answered ${response.status}.`,
    retryAfterMs: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : null,
  };
}
