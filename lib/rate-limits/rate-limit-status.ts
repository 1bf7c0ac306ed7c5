// Where a scope stands against its rate limits: what the last minute used, from the usage ledger
// (the sliding windows themselves live in the shared store, which offers no read without booking).
// Records reach the ledger within a flush interval and calls in flight are not in it yet, so this is
// the figure for people (a limits page, a banner), never for admission.
import type { DbClient } from "../db";
import { db } from "../db";
import { governanceNow } from "../quotas/clock";
import type { GovernanceTable } from "../quotas/governance-rules";

const WINDOW_MS = 60_000;

export interface RateLimitStatus {
  scope: "key" | "user" | "team";
  scopeId: string;
  kind: "rpm" | "tpm";
  limit: number;
  /** requests (rpm) or tokens (tpm) admitted in the last 60 seconds */
  used: number;
  remaining: number;
  /** when the oldest call of the window leaves it (capacity comes back); null when nothing was used */
  resetsAt: string | null;
}

const column = { key: "keyId", user: "userId", team: "teamId" } as const;

export async function getRateLimitStatus(options: {
  table: GovernanceTable;
  orgId: string;
  scopes: readonly { scope: RateLimitStatus["scope"]; scopeId: string }[];
  client?: DbClient;
}): Promise<RateLimitStatus[]> {
  const client = options.client ?? db();
  const now = governanceNow();
  const statuses: RateLimitStatus[] = [];
  for (const { scope, scopeId } of options.scopes) {
    const rule = options.table.rateOf(options.orgId, scope, scopeId);
    if (!rule || (rule.rpm === null && rule.tpm === null)) continue;
    // Refused calls never entered a window.
    const window = await client.usageRecord.aggregate({
      where: { orgId: options.orgId, [column[scope]]: scopeId, refusal: null, createdAt: { gt: new Date(now - WINDOW_MS) } },
      _count: { _all: true },
      _sum: { inputTokens: true, outputTokens: true },
      _min: { createdAt: true },
    });
    const oldest = window._min.createdAt;
    const resetsAt = oldest ? new Date(oldest.getTime() + WINDOW_MS).toISOString() : null;
    const usedBy = { rpm: window._count._all, tpm: (window._sum.inputTokens ?? 0) + (window._sum.outputTokens ?? 0) };
    for (const kind of ["rpm", "tpm"] as const) {
      const limit = rule[kind];
      if (limit === null) continue;
      statuses.push({ scope, scopeId, kind, limit, used: usedBy[kind], remaining: Math.max(0, limit - usedBy[kind]), resetsAt });
    }
  }
  return statuses;
}
