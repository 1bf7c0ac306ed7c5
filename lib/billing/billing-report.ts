// The billing report: resolve scope and range, sum the rollups, render dollars at the edge.
import type { AdminPrincipal } from "../principal/admin-principal";
import type { DbClient } from "../db";
import { db } from "../db";
import { env } from "../env";
import { microsToDollars } from "../usage/money";
import { addSums, emptySums, loadBillingLedger, type BillingLedger, type UsageSums } from "./billing-ledger";
import { resolveBillingRange } from "./billing-range";
import { resolveBillingScope } from "./billing-scope";
import type { BillingModelLine, BillingQuery, BillingReport, BillingTotals } from "./schemas";

function toTotals(sums: UsageSums): BillingTotals {
  return {
    calls: sums.calls,
    errors: sums.errors,
    inputTokens: Number(sums.inputTokens),
    outputTokens: Number(sums.outputTokens),
    cachedTokens: Number(sums.cachedTokens),
    cost: microsToDollars(sums.costMicros),
  };
}

/** Most expensive first; then most calls; then by name, so equal lines keep a stable order. */
function compareByCost(a: { name: string; sums: UsageSums }, b: { name: string; sums: UsageSums }): number {
  if (a.sums.costMicros !== b.sums.costMicros) return a.sums.costMicros > b.sums.costMicros ? -1 : 1;
  return b.sums.calls - a.sums.calls || a.name.localeCompare(b.name);
}

function modelLines(models: Map<string, UsageSums>): BillingModelLine[] {
  return [...models]
    .map(([name, sums]) => ({ name, sums }))
    .sort(compareByCost)
    .map(({ name, sums }) => ({ model: name, ...toTotals(sums) }));
}

function dayTotal(models: Map<string, UsageSums>): UsageSums {
  const sums = emptySums();
  for (const model of models.values()) addSums(sums, model);
  return sums;
}

export function toBillingReport(ledger: BillingLedger): BillingReport {
  const { scope, range } = ledger;
  return {
    scope: scope.scope,
    scopeId: scope.scopeId,
    scopeName: scope.scopeName,
    organization: scope.organization,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    firstDay: range.days[0],
    lastDay: range.days[range.days.length - 1],
    timeZone: range.timeZone,
    currency: "USD",
    totals: toTotals(ledger.totals),
    byModel: modelLines(ledger.models),
    byDay: [...ledger.days].map(([day, models]) => ({ day, ...toTotals(dayTotal(models)), byModel: modelLines(models) })),
    byTeam: ledger.teams
      .map((team) => ({ name: team.teamName ?? team.teamId, sums: team.sums, team }))
      .sort(compareByCost)
      .map(({ team }) => ({ teamId: team.teamId || null, teamName: team.teamName, ...toTotals(team.sums) })),
  };
}

/** Resolves the range and scope (422 / 403 / 404) and sums the ledger; the route renders it. */
export async function getBillingLedger(options: {
  principal: AdminPrincipal;
  query: Pick<BillingQuery, "scope" | "scopeId" | "from" | "to">;
  client?: DbClient;
  now?: Date;
}): Promise<BillingLedger> {
  const client = options.client ?? db();
  const { query } = options;
  const range = resolveBillingRange(query, env().TOLLGATE_TIME_ZONE, options.now);
  const scope = await resolveBillingScope({ client, principal: options.principal, scope: query.scope, scopeId: query.scopeId });
  return loadBillingLedger({ client, scope, range });
}
