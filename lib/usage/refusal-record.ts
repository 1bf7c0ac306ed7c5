// A refused call as a usage record: the same synchronous buffer push as an answered call, so the
// ledger holds every call an authenticated key made (docs/quotas-and-rate-limits.md, "Refusals in
// the ledger"). Cost and tokens are 0; `refusal` says why; the status is the one the client got.
import { governanceNow } from "../quotas/clock";
import type { RefusalReason } from "./refusal-reasons";
import type { UsageEvent } from "./usage-event";
import { recordUsage } from "./usage-recorder";

/** What the gateway knows about a call when it refuses it. */
export interface RefusedCall {
  requestId: string;
  principal: { orgId: string; keyId: string | null; userId: string; teamId: string | null; batch?: { id: string } };
  /** the public model name the client asked for */
  model: string;
  endpoint: UsageEvent["endpoint"];
  streamed: boolean;
  /** performance.now() when the request arrived */
  startedAt: number;
}

export function recordRefusal(call: RefusedCall, outcome: { reason: RefusalReason | null; status: number; errorType: string }): void {
  const { principal } = call;
  recordUsage({
    requestId: call.requestId,
    batchId: principal.batch?.id ?? null,
    orgId: principal.orgId,
    keyId: principal.keyId,
    userId: principal.userId,
    teamId: principal.teamId,
    model: call.model,
    providerId: null,
    providerKind: null,
    upstreamModel: null,
    inputTokens: 0,
    outputTokens: 0,
    cachedTokens: 0,
    costMicros: 0n,
    latencyMs: Math.max(0, Math.round(performance.now() - call.startedAt)),
    ttftMs: null,
    streamed: call.streamed,
    status: outcome.status,
    errorType: outcome.errorType,
    estimated: false,
    endpoint: call.endpoint,
    refusal: outcome.reason,
    // The quotas' clock, like answered calls: records and counters agree on the period.
    createdAt: new Date(governanceNow()),
  });
}
