// What the usage records say a scope used in a period, by the quota rule (billable-call.ts). This
// seeds a counter that does not exist yet and is the reference the verification compares with.
// Records still waiting in a process's usage buffer are not in the database yet, so a seed can miss
// at most one flush interval (USAGE_FLUSH_INTERVAL_MS) of very recent calls.
import type { DbClient } from "../db";
import { db } from "../db";
import type { Amounts } from "../store";
import { BILLABLE_RECORD } from "./billable-call";
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
  const result = await client.usageRecord.aggregate({
    where: { ...scopeFilter(options.orgId, options.scope, options.scopeId), ...windowFilter(options.window), ...BILLABLE_RECORD },
    _count: { _all: true },
    _sum: { inputTokens: true, outputTokens: true, costMicros: true },
  });
  return {
    calls: result._count._all,
    tokens: (result._sum.inputTokens ?? 0) + (result._sum.outputTokens ?? 0),
    cost: Number(result._sum.costMicros ?? 0n),
  };
}
