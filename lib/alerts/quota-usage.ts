// The value of a quota_usage rule: the highest used/limit ratio over the scope's quota limits, from
// the quotas module (which knows explicit and tier quotas, periods and live counters).
import { formatCurrency, formatNumber } from "../charts/format";
import { getQuotaStatus, type QuotaLimitStatus } from "../quotas/quota-status";
import { microsToDollars } from "../usage/money";
import type { AlertScope } from "./alert-kinds";

export interface QuotaUsage {
  ratio: number;
  /** the limit that is closest to (or furthest past) exhaustion */
  limit: QuotaLimitStatus;
}

export async function measureQuotaUsage(orgId: string, scope: AlertScope, scopeId: string): Promise<QuotaUsage | null> {
  const limits = await getQuotaStatus(orgId, scope, scopeId);
  let highest: QuotaUsage | null = null;
  for (const limit of limits) {
    // A zero limit blocks everything from the start; there is no "80% of it" to warn about.
    if (!(limit.limit > 0)) continue;
    const ratio = limit.used / limit.limit;
    if (!highest || ratio > highest.ratio) highest = { ratio, limit };
  }
  return highest;
}

/** "9 of 10 calls", "$8.12 of $10.00", "812,000 of 1,000,000 tokens". */
export function describeQuotaUse(limit: QuotaLimitStatus): string {
  if (limit.kind === "cost") return `${formatCurrency(microsToDollars(limit.used))} of ${formatCurrency(microsToDollars(limit.limit))}`;
  return `${formatNumber(limit.used)} of ${formatNumber(limit.limit)} ${limit.kind}`;
}
