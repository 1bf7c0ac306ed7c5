// Which calls count against quotas. A call that failed upstream before using anything is released
// (not billed, not counted); one that succeeded, or consumed tokens before failing or being cut off
// by its client, counts as a call with its tokens and cost. The same rule is applied to the live
// counters (settle) and to the usage ledger (seeding, verification), so the two always agree.
import type { Amounts } from "../store";

export interface CallUsage {
  status: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: bigint;
}

export function countsAgainstQuota(usage: CallUsage): boolean {
  return usage.status < 400 || usage.inputTokens > 0 || usage.outputTokens > 0 || usage.costMicros > 0n;
}

export function chargeOf(usage: CallUsage): Amounts {
  return {
    calls: countsAgainstQuota(usage) ? 1 : 0,
    tokens: usage.inputTokens + usage.outputTokens,
    cost: Number(usage.costMicros),
  };
}

/** Records of answers served from the response cache: a call each, but their tokens and cost were not used. */
export const SERVED_FROM_CACHE = { cache: { in: ["hit", "semantic-hit"] } };

/** The same rule as a Prisma `where` on UsageRecord. */
export const BILLABLE_RECORD = {
  OR: [{ status: { lt: 400 } }, { inputTokens: { gt: 0 } }, { outputTokens: { gt: 0 } }, { costMicros: { gt: 0n } }],
};
