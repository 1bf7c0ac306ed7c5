// Names of the SharedStore entries behind quotas and rate limits. One quota counter per
// (scope, scopeId, period window) counts calls, tokens and cost together, whatever the limits are.
import type { PeriodWindow } from "./periods";

export type CounterScope = "key" | "user" | "team" | "org";

/**
 * Counters outlive their period by two days, so a call admitted just before midnight can still
 * release its reservation, and yesterday's counter can still be verified and shown.
 */
export const COUNTER_GRACE_MS = 2 * 86_400_000;

export function quotaCounterKey(orgId: string, scope: CounterScope, scopeId: string, periodKey: string): string {
  return `quota:${orgId}:${scope}:${scopeId}:${periodKey}`;
}

export function counterExpireAt(window: PeriodWindow): number | null {
  return window.end === null ? null : window.end.getTime() + COUNTER_GRACE_MS;
}

export function rateWindowKey(orgId: string, scope: "key" | "user" | "team", scopeId: string, kind: "rpm" | "tpm"): string {
  return `rate:${orgId}:${scope}:${scopeId}:${kind}`;
}
