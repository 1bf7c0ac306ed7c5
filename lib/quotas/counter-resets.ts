// A counter is only kept up to date while some quota governs it. When a quota starts or stops
// governing a counter (a quota created or deleted, not one whose limits changed), the counter is
// dropped, so the next reservation re-seeds it from the usage ledger instead of trusting numbers
// that missed the calls made while nothing was counting.
import type { DbClient } from "../db";
import { db } from "../db";
import { sharedStore } from "../store";
import { governanceNow } from "./clock";
import { quotaCounterKey, type CounterScope } from "./counter-keys";
import { quotaCalendar } from "./governance-plan";
import type { QuotaPeriod } from "./periods";
import type { QuotaScope } from "./schemas";

const CHUNK = 500;

async function dropCounters(orgId: string, scope: CounterScope, scopeIds: readonly string[], period: QuotaPeriod): Promise<void> {
  const periodKey = quotaCalendar().windowAt(period, governanceNow()).key;
  for (let i = 0; i < scopeIds.length; i += CHUNK) {
    await sharedStore().deleteCounters(scopeIds.slice(i, i + CHUNK).map((id) => quotaCounterKey(orgId, scope, id, periodKey)));
  }
}

/** Call after a quota was created or deleted (its row change is committed). */
export async function resetCountersForCoverageChange(options: {
  orgId: string;
  scope: QuotaScope;
  scopeId: string;
  period: QuotaPeriod;
  client?: DbClient;
}): Promise<void> {
  const client = options.client ?? db();
  const { orgId, scope, scopeId, period } = options;
  if (scope === "tier") {
    // The tier's users without their own quota for this period are the ones whose coverage changed.
    const users = await client.user.findMany({ where: { orgId, tier: scopeId }, select: { id: true } });
    const explicit = await client.quota.findMany({ where: { orgId, scope: "user", period, scopeId: { in: users.map((u) => u.id) } }, select: { scopeId: true } });
    const covered = new Set(explicit.map((q) => q.scopeId));
    await dropCounters(orgId, "user", users.map((u) => u.id).filter((id) => !covered.has(id)), period);
    return;
  }
  if (scope === "user") {
    // With a tier quota for the same period the counter was (and stays) maintained by the tier.
    const user = await client.user.findFirst({ where: { id: scopeId, orgId }, select: { tier: true } });
    if (user && (await client.quota.count({ where: { orgId, scope: "tier", scopeId: user.tier, period } })) > 0) return;
  }
  await dropCounters(orgId, scope, [scopeId], period);
}
