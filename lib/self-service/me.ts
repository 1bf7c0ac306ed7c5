// GET /v1/me: what a virtual key may do and how much of it is left, for an app or CLI that shows its
// own budget without admin rights. The same rules and counters admission uses (lib/quotas): the
// rule table and the model table are in memory, quota usage comes from the live counters in the
// shared store (a counter that does not exist yet is seeded from the ledger once, as admission would
// seed it), rate-limit room from the last minute of the ledger, and the month's spend from a monthly
// key counter or the ledger (memoized for a few seconds). A warm call reads no database unless the
// key has a rate limit.
import { catalog } from "../gateway/catalog";
import { mayUseModel, type Principal } from "../principal/principal";
import { governanceNow } from "../quotas/clock";
import { planFor, type PlannedCounter, type PlannedWindow } from "../quotas/governance-plan";
import { governanceRules, type GovernanceTable } from "../quotas/governance-rules";
import { counterUsage } from "../quotas/counter-usage";
import { getRateLimitStatus } from "../rate-limits/rate-limit-status";
import type { Amounts } from "../store";
import { AMOUNT_KINDS } from "../store/governance";
import { microsToDollars } from "../usage/money";
import { keyInfo } from "./key-info";
import { ledgerMonthSpend } from "./month-spend";
import type { MeView } from "./schemas";

type MeQuota = MeView["quotas"][number];
type MeRateLimit = MeView["rateLimits"][number];

export type KeyPrincipal = Principal & { keyId: string };

/** The models and auto routers the key may call (a router is called like a model). */
async function allowedModels(principal: Principal): Promise<string[]> {
  const [models, routers] = await Promise.all([catalog().list(principal.orgId), catalog().listRouters(principal.orgId)]);
  return [...models, ...routers].map((m) => m.name).filter((name) => mayUseModel(principal, name)).sort();
}

function quotaView(counter: PlannedCounter, used: Amounts): MeQuota {
  const view: MeQuota = { scope: counter.scope, period: counter.rule.period, resetsAt: counter.window.end?.toISOString() ?? null };
  for (const kind of AMOUNT_KINDS) {
    const limit = counter.spec.limits[kind];
    if (limit === null) continue;
    const remaining = Math.max(0, limit - used[kind]);
    view[kind] = kind === "cost" ? { used: microsToDollars(used.cost), limit: microsToDollars(limit), remaining: microsToDollars(remaining) } : { used: used[kind], limit, remaining };
  }
  return view;
}

async function rateLimitViews(table: GovernanceTable, orgId: string, windows: readonly PlannedWindow[]): Promise<MeRateLimit[]> {
  const scopes = [...new Map(windows.map((w) => [`${w.scope}:${w.scopeId}`, { scope: w.scope, scopeId: w.scopeId }])).values()];
  const statuses = await getRateLimitStatus({ table, orgId, scopes });
  return scopes.map(({ scope, scopeId }) => {
    const view: MeRateLimit = { scope };
    for (const status of statuses) {
      if (status.scope !== scope || status.scopeId !== scopeId) continue;
      if (status.kind === "rpm") Object.assign(view, { rpm: status.limit, remainingRequests: status.remaining });
      else Object.assign(view, { tpm: status.limit, remainingTokens: status.remaining });
    }
    return view;
  });
}

export async function meOf(principal: KeyPrincipal): Promise<MeView> {
  const now = governanceNow();
  const [key, models, table] = await Promise.all([keyInfo(principal.keyId), allowedModels(principal), governanceRules().current()]);
  const plan = await planFor(table, principal, now);
  const counters = plan?.counters ?? [];
  const [used, rateLimits] = await Promise.all([
    counterUsage(counters, principal.orgId, now, "/v1/me"),
    plan && plan.windows.length > 0 ? rateLimitViews(table, principal.orgId, plan.windows) : Promise.resolve([]),
  ]);
  const monthly = counters.findIndex((c) => c.scope === "key" && c.scopeId === principal.keyId && c.rule.period === "monthly");
  const spendMicros = monthly >= 0 ? used[monthly].cost : await ledgerMonthSpend(principal.orgId, principal.keyId, now);
  return {
    key,
    models,
    quotas: counters.map((counter, i) => quotaView(counter, used[i])),
    rateLimits,
    spendThisMonth: microsToDollars(spendMicros),
  };
}
