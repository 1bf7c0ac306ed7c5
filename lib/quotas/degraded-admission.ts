// What admission does when the shared store (Redis) cannot be reached, per the operator's policy:
//   QUOTA_STORE_FAILURE_POLICY       closed (default): 503 for callers under a quota | open: no quota check
//   RATE_LIMIT_STORE_FAILURE_POLICY  local (default): this process's own windows | open | closed: 503
// Every degraded decision is counted (tollgate_store_fallbacks_total) and logged at most every 30 s.
import { env } from "../env";
import { metrics, type StoreFallbackPolicy } from "../metrics/metrics";
import { MemoryGovernance } from "../store/memory-governance";
import type { AdmitRequest } from "../store";
import { decide, refuse, type AdmissionResult, type AdmitCallInput } from "./admission-decision";
import type { GovernancePlan } from "./governance-plan";
import { UNGOVERNED } from "./live-admission";
import { storeUnavailable } from "./quota-refusal";
import { warnThrottled } from "./throttled-warning";

const slot = globalThis as unknown as { tollgateLocalRateLimiter?: MemoryGovernance };

/** The in-process windows used while Redis is down (policy "local"). */
export function localRateLimiter(): MemoryGovernance {
  slot.tollgateLocalRateLimiter ??= new MemoryGovernance();
  return slot.tollgateLocalRateLimiter;
}

const RATE_POLICY_LABEL: Record<"local" | "open" | "closed", StoreFallbackPolicy> = { local: "local", open: "fail_open", closed: "fail_closed" };

export async function admitDegraded(options: { error: unknown; input: AdmitCallInput; plan: GovernancePlan; request: AdmitRequest }): Promise<AdmissionResult> {
  const { error, input, plan, request } = options;
  const config = env();
  if (plan.counters.length > 0) {
    const closed = config.QUOTA_STORE_FAILURE_POLICY === "closed";
    metrics().storeFallbacks.inc({ subsystem: "quota", policy: closed ? "fail_closed" : "fail_open" });
    warnThrottled("quota-store", error, `quota store unreachable; ${closed ? "refusing calls under a quota (503)" : "admitting calls without quota checks"} (QUOTA_STORE_FAILURE_POLICY=${config.QUOTA_STORE_FAILURE_POLICY})`);
    // Not the caller's doing: recorded as an error (503), not as a refusal.
    if (closed) return refuse(input, null, storeUnavailable(input.requestId, "quota"), "quota_store_unavailable");
  }
  if (plan.windows.length === 0) return { admission: UNGOVERNED };

  const policy = config.RATE_LIMIT_STORE_FAILURE_POLICY;
  metrics().storeFallbacks.inc({ subsystem: "rate_limit", policy: RATE_POLICY_LABEL[policy] });
  warnThrottled("rate-limit-store", error, `rate-limit store unreachable; ${policy === "local" ? "limiting in this process only" : policy === "open" ? "not rate limiting" : "refusing rate-limited calls (503)"} (RATE_LIMIT_STORE_FAILURE_POLICY=${policy})`);
  if (policy === "closed") return refuse(input, null, storeUnavailable(input.requestId, "rate_limit"), "rate_limit_store_unavailable");
  if (policy === "open") return { admission: UNGOVERNED };
  const local = localRateLimiter();
  const windowsOnly: GovernancePlan = { counters: [], windows: plan.windows, needsEstimate: plan.needsEstimate, counterKeys: [], tpmKeys: plan.tpmKeys };
  const localRequest: AdmitRequest = { ...request, counters: [] };
  return decide(await local.admit(localRequest), { store: local, input, plan: windowsOnly, request: localRequest });
}
