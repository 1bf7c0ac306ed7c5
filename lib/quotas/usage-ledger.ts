// What the usage records say a scope used in a period, by the quota rule (billable-call.ts). This
// seeds a counter that does not exist yet and is the reference the verification compares with.
// Records still waiting in a process's usage buffer are not in the database yet, so a seed can miss
// at most one flush interval (USAGE_FLUSH_INTERVAL_MS) of very recent calls.
import type { DbClient } from "../db";
import { db } from "../db";
import type { Amounts } from "../store";
import { BILLABLE_RECORD, SERVED_FROM_CACHE } from "./billable-call";
import type { CounterScope } from "./counter-keys";
import type { PeriodWindow } from "./periods";

export function scopeFilter(orgId: string, scope: CounterScope, scopeId: string) {
  switch (scope) {
    case "key":
      return { orgId, keyId: scopeId };
    case "user":
      return { orgId, userId: scopeId };
    case "team":
      return { orgId, teamId: scopeId };
    case "org":
      return { orgId };
  }
}

export function windowFilter(window: Pick<PeriodWindow, "start" | "end">) {
  if (window.start === null || window.end === null) return {};
  return { createdAt: { gte: window.start, lt: window.end } };
}

export async function ledgerUsage(options: {
  orgId: string;
  scope: CounterScope;
  scopeId: string;
  window: Pick<PeriodWindow, "start" | "end">;
  client?: DbClient;
}): Promise<Amounts> {
  const client = options.client ?? db();
  const where = { ...scopeFilter(options.orgId, options.scope, options.scopeId), ...windowFilter(options.window), ...BILLABLE_RECORD };
  const sum = { inputTokens: true, outputTokens: true, costMicros: true } as const;
  // Cache hits count as calls; the tokens of their stored answers were not used (cost is 0 anyway).
  const [result, served] = await Promise.all([
    client.usageRecord.aggregate({ where, _count: { _all: true }, _sum: sum }),
    client.usageRecord.aggregate({ where: { ...where, ...SERVED_FROM_CACHE }, _sum: sum }),
  ]);
  const tokens = (sum: { inputTokens: number | null; outputTokens: number | null }) => (sum.inputTokens ?? 0) + (sum.outputTokens ?? 0);
  return {
    calls: result._count._all,
    tokens: tokens(result._sum) - tokens(served._sum),
    cost: Number(result._sum.costMicros ?? 0n),
  };
}
