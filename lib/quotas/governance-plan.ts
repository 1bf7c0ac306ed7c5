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
  /** counters[i].spec.key and the keys of the tpm windows, computed once per plan (settle reads them per call) */
  counterKeys: readonly string[];
  tpmKeys: readonly string[];
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
  const known = planNow(table, principal, now);
  if (known !== undefined) return known;
  return buildPlan(table, principal, await userTier(principal.userId), now);
}

interface CachedPlan {
  table: GovernanceTable;
  calendar: PeriodCalendar;
  plan: GovernancePlan | null;
  /** the plan holds while from <= now < until: every counter's period window contains now */
  from: number;
  until: number;
}

/**
 * Plans by principal: the key cache hands out one Principal object per key, and a caller's plan only
 * changes with the rule table (a new object on every change), the calendar zone or a period's end.
 * Building it is a dozen allocations and string concatenations the hot path then skips.
 */
const plans = new WeakMap<Principal, CachedPlan>();

/**
 * The plan without a promise: cached, or built from the table alone. undefined when the caller's
 * tier must be read from the database first (a playground caller in an organization with tier quotas).
 */
export function planNow(table: GovernanceTable, principal: Principal, now: number): GovernancePlan | null | undefined {
  const calendar = quotaCalendar();
  const cached = plans.get(principal);
  if (cached && cached.table === table && cached.calendar === calendar && cached.from <= now && now < cached.until) return cached.plan;
  const { orgId } = principal;
  if (!table.governs(orgId)) return null;
  if (principal.tier === undefined && table.hasTierQuotas(orgId)) return undefined;
  const plan = buildPlan(table, principal, principal.tier ?? null, now);
  let from = -Infinity;
  let until = Infinity;
  for (const { window } of plan?.counters ?? []) {
    if (window.start !== null && window.start.getTime() > from) from = window.start.getTime();
    if (window.end !== null && window.end.getTime() < until) until = window.end.getTime();
  }
  plans.set(principal, { table, calendar, plan, from, until });
  return plan;
}

function buildPlan(table: GovernanceTable, principal: Principal, tier: string | null, now: number): GovernancePlan | null {
  const { orgId } = principal;
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
  return { counters, windows, needsEstimate, counterKeys: counters.map((c) => c.spec.key), tpmKeys: windows.flatMap((w) => (w.kind === "tpm" ? [w.key] : [])) };
}

/** The store's view of the plan's windows, weighed for this call. */
export function windowSpecs(plan: GovernancePlan, tokens: number): RateWindowSpec[] {
  return plan.windows.map((w) => ({ key: w.key, limit: w.limit, weight: w.kind === "rpm" ? 1 : tokens }));
}
