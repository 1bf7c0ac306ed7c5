// The answers of a refused call: 429 `quota_exceeded` naming the exhausted limit and when it resets,
// and 503 `service_unavailable` when the shared store is down and the policy is to fail closed.
import { jsonGatewayResponse, type GatewayResponse } from "../http/gateway-response";
import { microsToDollars } from "../usage/money";
import type { AmountKind } from "../store";
import type { PlannedCounter } from "./governance-plan";

function formatAmount(kind: AmountKind, value: number): string {
  if (kind === "cost") return `$${microsToDollars(value).toFixed(Math.abs(value) % 10_000 === 0 ? 2 : 6)}`;
  const unit = kind === "calls" ? "call" : "token";
  return `${value.toLocaleString("en-US")} ${value === 1 ? unit : `${unit}s`}`;
}

export function quotaRefusal(options: {
  requestId: string;
  counter: PlannedCounter;
  kind: AmountKind;
  /** settled usage plus what calls in flight hold */
  used: number;
  limit: number;
  now: number;
}): GatewayResponse {
  const { counter, kind, used, limit } = options;
  const resetsAt = counter.window.end?.toISOString() ?? null;
  const subject = counter.source === "tier" ? `${counter.scope} ${counter.scopeId} (tier default)` : `${counter.scope} ${counter.scopeId}`;
  const when = resetsAt ? `It resets at ${resetsAt}.` : "This is an all-time quota; it does not reset.";
  const message = `Quota exceeded: the ${counter.rule.period} ${kind} limit of ${subject} is ${formatAmount(kind, limit)}; ${formatAmount(kind, used)} already used, including calls in progress. ${when}`;
  const apiValue = (value: number) => (kind === "cost" ? microsToDollars(value) : value);
  const body = {
    error: {
      message,
      type: "quota_exceeded",
      code: "quota_exceeded",
      param: null,
      limit: { scope: counter.scope, scopeId: counter.scopeId, period: counter.rule.period, kind, limit: apiValue(limit), used: apiValue(used), resetsAt },
    },
  };
  const headers: Record<string, string> = { "x-request-id": options.requestId };
  // An all-time quota never resets, so there is no retry-after to give.
  if (counter.window.end) headers["retry-after"] = String(Math.max(1, Math.ceil((counter.window.end.getTime() - options.now) / 1000)));
  return jsonGatewayResponse(429, body, headers);
}

export function storeUnavailable(requestId: string, subsystem: "quota" | "rate_limit"): GatewayResponse {
  const what = subsystem === "quota" ? "Quota" : "Rate limit";
  const body = {
    error: {
      message: `${what} enforcement is unavailable because the shared store cannot be reached. Please try again shortly.`,
      type: "service_unavailable",
      code: `${subsystem}_store_unavailable`,
      param: null,
    },
  };
  return jsonGatewayResponse(503, body, { "x-request-id": requestId, "retry-after": "5" });
}
