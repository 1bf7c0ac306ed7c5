// Where a scope stands against each of its quota limits right now: the live counter (settled usage;
// calls in flight are not counted until they settle), seeded from the usage ledger when it does not
// exist yet (counter-usage.ts), or the ledger alone while the store is down.
// Used by GET /api/admin/quotas/status, the console's usage bars and the quota_usage alerts.
import { db } from "../db";
import { AMOUNT_KINDS } from "../store/governance";
import { governanceNow } from "./clock";
import { counterUsage } from "./counter-usage";
import { applicableQuotas, plannedCounter } from "./governance-plan";
import { governanceRules } from "./governance-rules";
import type { QuotaPeriod } from "./periods";

export interface QuotaLimitStatus {
  scope: "key" | "user" | "team" | "org";
  scopeId: string;
  period: "daily" | "monthly" | "total";
  kind: "calls" | "tokens" | "cost";
  /** cost in micro-dollars */
  used: number;
  limit: number;
  remaining: number;
  /** ISO instant the period ends; null for "total" */
  resetsAt: string | null;
  /** "daily:2026-11-23", "monthly:2026-11", "total" */
  periodKey: string;
  source: "explicit" | "tier";
}

async function tierOf(orgId: string, userId: string): Promise<string | null> {
  const user = await db().user.findFirst({ where: { id: userId, orgId }, select: { tier: true } });
  return user?.tier ?? null;
}

export async function getQuotaStatus(orgId: string, scope: "key" | "user" | "team" | "org", scopeId: string): Promise<QuotaLimitStatus[]> {
  const table = await governanceRules().current();
  const tier = scope === "user" && table.hasTierQuotas(orgId) ? await tierOf(orgId, scopeId) : null;
  const now = governanceNow();
  const counters = applicableQuotas(table, orgId, scope, scopeId, tier).map((quota) => plannedCounter(quota, orgId, now));
  const usage = await counterUsage(counters, orgId, now, "quota status");
  const statuses: QuotaLimitStatus[] = [];
  for (const [i, counter] of counters.entries()) {
    const used = usage[i];
    for (const kind of AMOUNT_KINDS) {
      const limit = counter.spec.limits[kind];
      if (limit === null) continue;
      statuses.push({
        scope,
        scopeId,
        period: counter.rule.period as QuotaPeriod,
        kind,
        used: used[kind],
        limit,
        remaining: Math.max(0, limit - used[kind]),
        resetsAt: counter.window.end?.toISOString() ?? null,
        periodKey: counter.window.key,
        source: counter.source,
      });
    }
  }
  return statuses;
}
