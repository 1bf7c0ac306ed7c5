// The quotas every user of a tier gets unless they have their own for the same period. Seeded into
// an organization that has no tier quota at all (a fresh install, or an upgrade from a version
// without quotas); from then on they are the admins' to edit. TOLLGATE_SEED_TIER_QUOTAS=false skips
// seeding, e.g. for an organization that wants no tier defaults at all.
import type { DbClient } from "../db";
import { db } from "../db";
import { env } from "../env";
import { dollarsToMicros } from "../usage/money";
import { publishGovernanceChanged } from "./governance-rules";
import type { QuotaPeriod } from "./periods";

export interface TierDefault {
  tier: "free" | "pro" | "enterprise";
  period: QuotaPeriod;
  maxCalls?: number;
  maxTokens?: number;
  /** dollars */
  maxCost?: number;
}

/** Generous enough to surprise nobody; enterprise users are not limited by default. */
export const TIER_DEFAULTS: readonly TierDefault[] = [
  { tier: "free", period: "daily", maxCalls: 1_000 },
  { tier: "free", period: "monthly", maxCost: 10 },
  { tier: "pro", period: "monthly", maxCost: 200 },
];

/** Returns how many tier quotas were created (0 when disabled or the org already has tier quotas). */
export async function seedTierQuotas(options: { orgId: string; enabled?: boolean; client?: DbClient }): Promise<number> {
  const client = options.client ?? db();
  if (!(options.enabled ?? env().TOLLGATE_SEED_TIER_QUOTAS)) return 0;
  if ((await client.quota.count({ where: { orgId: options.orgId, scope: "tier" } })) > 0) return 0;
  for (const entry of TIER_DEFAULTS) {
    const id = { orgId: options.orgId, scope: "tier", scopeId: entry.tier, period: entry.period };
    // upsert, not create: a replica booting at the same moment may have seeded first.
    await client.quota.upsert({
      where: { orgId_scope_scopeId_period: id },
      create: {
        ...id,
        maxCalls: entry.maxCalls ?? null,
        maxTokens: entry.maxTokens === undefined ? null : BigInt(entry.maxTokens),
        maxCostMicros: entry.maxCost === undefined ? null : dollarsToMicros(entry.maxCost),
      },
      update: {},
    });
  }
  await publishGovernanceChanged();
  return TIER_DEFAULTS.length;
}
