// Which quotas and rate limits apply to one caller right now, as store operations: a counter per
// applicable quota (scope × period window) and a sliding window per rate limit. Pure lookups in the
// in-memory rule table; nothing here touches the store or the database (except a playground
// caller's tier, read once per cache TTL).
import { env } from "../env";
import type { Principal } from "../principal/principal";
import type { QuotaCounterSpec, RateWindowSpec } from "../store";
import { counterExpireAt, quotaCounterKey, rateWindowKey, type CounterScope } from "./counter-keys";
import type { GovernanceTable, QuotaRule } from "./governance-rules";
import { PeriodCalendar, type PeriodWindow } from "./periods";
import { userTier } from "./user-tier";

export interface ApplicableQuota {
  rule: QuotaRule;
  scope: CounterScope;
  scopeId: string;
  source: "explicit" | "tier";
}

export interface PlannedCounter extends ApplicableQuota {
  window: PeriodWindow;
  spec: QuotaCounterSpec;
}

export interface PlannedWindow {
  scope: "key" | "user" | "team";
  scopeId: string;
  kind: "rpm" | "tpm";
  key: string;
  limit: number;
}

export interface GovernancePlan {
  counters: PlannedCounter[];
  windows: PlannedWindow[];
  /** some limit weighs tokens or cost, so the call's worst case must be estimated */
  needsEstimate: boolean;
}

/**
 * The quotas of one scope: its explicit rules, and for a user their tier's rules for every period
 * the user has no explicit quota for (an explicit user quota overrides the tier's, period by period).
 */
export function applicableQuotas(table: GovernanceTable, orgId: string, scope: CounterScope, scopeId: string, tier: string | null): ApplicableQuota[] {
  const explicit = table.quotasOf(orgId, scope, scopeId).map((rule) => ({ rule, scope, scopeId, source: "explicit" as const }));
  if (scope !== "user" || tier === null) return explicit;
  const covered = new Set(explicit.map((q) => q.rule.period));
  const fromTier = table
    .quotasOf(orgId, "tier", tier)
    .filter((rule) => !covered.has(rule.period))
    .map((rule) => ({ rule, scope, scopeId, source: "tier" as const }));
  return [...explicit, ...fromTier];
}

const globalForCalendar = globalThis as unknown as { tollgateQuotaCalendar?: PeriodCalendar; tollgateQuotaCalendarZone?: string };

export function quotaCalendar(): PeriodCalendar {
  const zone = env().TOLLGATE_TIME_ZONE;
  if (!globalForCalendar.tollgateQuotaCalendar || globalForCalendar.tollgateQuotaCalendarZone !== zone) {
    globalForCalendar.tollgateQuotaCalendar = new PeriodCalendar(zone);
    globalForCalendar.tollgateQuotaCalendarZone = zone;
  }
  return globalForCalendar.tollgateQuotaCalendar;
}

export function plannedCounter(quota: ApplicableQuota, orgId: string, now: number): PlannedCounter {
  const window = quotaCalendar().windowAt(quota.rule.period, now);
  const { maxCalls, maxTokens, maxCost } = quota.rule;
  return {
    ...quota,
    window,
    spec: {
      key: quotaCounterKey(orgId, quota.scope, quota.scopeId, window.key),
      limits: { calls: maxCalls, tokens: maxTokens, cost: maxCost },
      expireAt: counterExpireAt(window),
    },
  };
}

function rateWindows(table: GovernanceTable, principal: Principal): PlannedWindow[] {
  const windows: PlannedWindow[] = [];
  const scopes: [PlannedWindow["scope"], string | null][] = [["key", principal.keyId], ["user", principal.userId], ["team", principal.teamId]];
  for (const [scope, scopeId] of scopes) {
    if (!scopeId) continue;
    const rule = table.rateOf(principal.orgId, scope, scopeId);
    if (!rule) continue;
    if (rule.rpm !== null) windows.push({ scope, scopeId, kind: "rpm", key: rateWindowKey(principal.orgId, scope, scopeId, "rpm"), limit: rule.rpm });
    if (rule.tpm !== null) windows.push({ scope, scopeId, kind: "tpm", key: rateWindowKey(principal.orgId, scope, scopeId, "tpm"), limit: rule.tpm });
  }
  return windows;
}

/** null when nothing governs this caller: the gateway then makes no store round-trip at all. */
export async function planFor(table: GovernanceTable, principal: Principal, now: number): Promise<GovernancePlan | null> {
  const { orgId } = principal;
  if (!table.governs(orgId)) return null;
  const tier = principal.tier ?? (table.hasTierQuotas(orgId) ? await userTier(principal.userId) : null);
  const quotas: ApplicableQuota[] = [
    ...(principal.keyId ? applicableQuotas(table, orgId, "key", principal.keyId, null) : []),
    ...applicableQuotas(table, orgId, "user", principal.userId, tier),
    ...(principal.teamId ? applicableQuotas(table, orgId, "team", principal.teamId, null) : []),
    ...applicableQuotas(table, orgId, "org", orgId, null),
  ];
  const windows = rateWindows(table, principal);
  if (quotas.length === 0 && windows.length === 0) return null;
  const counters = quotas.map((quota) => plannedCounter(quota, orgId, now));
  const needsEstimate =
    windows.some((w) => w.kind === "tpm") || counters.some((c) => c.spec.limits.tokens !== null || c.spec.limits.cost !== null);
  return { counters, windows, needsEstimate };
}

/** The store's view of the plan's windows, weighed for this call. */
export function windowSpecs(plan: GovernancePlan, tokens: number): RateWindowSpec[] {
  return plan.windows.map((w) => ({ key: w.key, limit: w.limit, weight: w.kind === "rpm" ? 1 : tokens }));
}
