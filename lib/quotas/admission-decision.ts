// Turns the store's verdict on a call into an admission (with its rate-limit headers) or the
// refusal the client gets, counting refusals in the metrics.
import type { Principal } from "../principal/principal";
import type { GatewayResponse } from "../http/gateway-response";
import { metrics } from "../metrics/metrics";
import { rateLimitHeaders } from "../rate-limits/rate-limit-headers";
import { rateLimitRefusal } from "../rate-limits/rate-limit-refusal";
import type { AdmitRequest, AdmitResult, GovernanceStore } from "../store";
import type { CallEstimate } from "./estimate";
import type { GovernancePlan } from "./governance-plan";
import { LiveAdmission, type Admission } from "./live-admission";
import { quotaRefusal } from "./quota-refusal";
import { recordRefusal, type RefusedCall } from "../usage/refusal-record";

export type AdmissionResult = { admission: Admission; refusal?: undefined } | { admission?: undefined; refusal: GatewayResponse };

export interface AdmitCallInput {
  requestId: string;
  principal: Principal;
  /** the public model name, for rate-limit messages */
  model: string;
  /** the call's worst case; only computed when a token or cost limit applies */
  estimate: () => Promise<CallEstimate>;
  /**
   * A call that uses no tokens and costs nothing (a response-cache hit): it counts as a call for
   * call quotas and rpm, and token and cost quotas do not apply. It must settle with zero tokens.
   */
  callOnly?: boolean;
  /**
   * The call as the ledger records it when it is refused (quota, rate limit, or a 503 while the
   * store is down). Absent for the gateway's own internal calls (the semantic cache's embedder).
   */
  ledger?: Omit<RefusedCall, "requestId" | "principal" | "model">;
}

/** Records a refusal in the usage ledger (a synchronous buffer push) and hands the response back. */
export function refuse(input: AdmitCallInput, reason: "quota" | "rate_limit" | null, response: GatewayResponse, errorType: string): AdmissionResult {
  if (input.ledger) {
    recordRefusal({ ...input.ledger, requestId: input.requestId, principal: input.principal, model: input.model }, { reason, status: response.status, errorType });
  }
  return { refusal: response };
}

/** Turns the store's verdict into an admission or the refusal the client gets. */
export function decide(
  result: AdmitResult,
  context: { store: GovernanceStore; input: AdmitCallInput; plan: GovernancePlan; request: AdmitRequest },
): AdmissionResult {
  const { input, plan, request } = context;
  switch (result.outcome) {
    case "admitted":
      return { admission: new LiveAdmission(context.store, input.principal.orgId, plan, request, rateLimitHeaders(plan.windows, result.windows)) };
    case "quota": {
      const counter = plan.counters[result.counter];
      metrics().quotaRejections.inc({ scope: counter.scope, period: counter.rule.period, kind: result.kind });
      const response = quotaRefusal({ requestId: input.requestId, counter, kind: result.kind, used: result.used + result.reserved, limit: result.limit, now: request.now, names: input.principal.names });
      return refuse(input, "quota", response, "quota_exceeded");
    }
    case "rate": {
      const refused = plan.windows[result.window];
      metrics().rateLimitRejections.inc({ scope: refused.scope, kind: refused.kind });
      return refuse(
        input,
        "rate_limit",
        rateLimitRefusal({
          requestId: input.requestId,
          model: input.model,
          refused,
          requested: request.windows[result.window].weight,
          retryAfterMs: result.retryAfterMs,
          windows: plan.windows,
          states: result.windows,
          refusedState: result.windows[result.window],
          names: input.principal.names,
        }),
        "rate_limit_exceeded",
      );
    }
    case "unseeded":
      throw new Error("unreachable: unseeded counters are seeded before deciding");
  }
}
