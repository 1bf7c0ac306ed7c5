// The answers of a refused call: 429 `quota_exceeded` naming the exhausted limit and when it resets,
// and 503 `service_unavailable` when the shared store is down and the policy is to fail closed.
import { env } from "../env";
import { jsonGatewayResponse, type GatewayResponse } from "../http/gateway-response";
import type { PrincipalNames } from "../principal/principal";
import { microsToDollars } from "../usage/money";
import type { AmountKind } from "../store";
import type { PlannedCounter } from "./governance-plan";
import { resetPhrase } from "./reset-text";
import { scopeLabel, scopeName } from "./scope-label";

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
  /** the caller's key, user and team names (from the principal; never looked up here) */
  names?: PrincipalNames;
  /** the zone quota periods are cut in; default TOLLGATE_TIME_ZONE */
  timeZone?: string;
}): GatewayResponse {
  const { counter, kind, used, limit } = options;
  const end = counter.window.end;
  const resetsAt = end?.toISOString() ?? null;
  const label = scopeLabel(counter.scope, counter.scopeId, options.names);
  const subject = counter.source === "tier" ? `${label} (tier default)` : label;
  const when = end ? `It resets ${resetPhrase(end, options.now, options.timeZone ?? env().TOLLGATE_TIME_ZONE)}.` : "This is an all-time quota; it does not reset.";
  const message = `Quota exceeded: the ${counter.rule.period} ${kind} limit of ${subject} is ${formatAmount(kind, limit)}; ${formatAmount(kind, used)} already used, including calls in progress. ${when}`;
  const apiValue = (value: number) => (kind === "cost" ? microsToDollars(value) : value);
  const body = {
    error: {
      message,
      type: "quota_exceeded",
      code: "quota_exceeded",
      param: null,
      limit: {
        scope: counter.scope,
        scopeId: counter.scopeId,
        name: scopeName(counter.scope, options.names),
        period: counter.rule.period, kind, limit: apiValue(limit), used: apiValue(used), resetsAt,
        resetsInSeconds: end ? Math.max(0, Math.ceil((end.getTime() - options.now) / 1000)) : null,
      },
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
