// Sums the hourly rollups of a scope and range into day × model and team cells, in integers
// (tokens and micro-dollars as BigInt), so every total is exactly the sum of its parts. The JSON
// report and the CSV are both rendered from this ledger.
import type { DbClient } from "../db";
import type { BillingRange } from "./billing-range";
import { billingDayOfHour } from "./billing-range";
import type { ResolvedBillingScope } from "./billing-scope";

export interface UsageSums {
  calls: number;
  errors: number;
  inputTokens: bigint;
  outputTokens: bigint;
  cachedTokens: bigint;
  costMicros: bigint;
}

export interface TeamSums {
  /** "" = calls charged to no team */
  teamId: string;
  /** null for no team or a deleted one */
  teamName: string | null;
  sums: UsageSums;
}

export interface BillingLedger {
  scope: ResolvedBillingScope;
  range: BillingRange;
  totals: UsageSums;
  models: Map<string, UsageSums>;
  /** Every day of the range, in order, each with its models. */
  days: Map<string, Map<string, UsageSums>>;
  teams: TeamSums[];
}

type RollupSums = {
  calls: number | null;
  errors: number | null;
  inputTokens: bigint | null;
  outputTokens: bigint | null;
  cachedTokens: bigint | null;
  costMicros: bigint | null;
};

const SUM_FIELDS = { calls: true, errors: true, inputTokens: true, outputTokens: true, cachedTokens: true, costMicros: true } as const;

export function emptySums(): UsageSums {
  return { calls: 0, errors: 0, inputTokens: 0n, outputTokens: 0n, cachedTokens: 0n, costMicros: 0n };
}

export function addSums(target: UsageSums, sum: RollupSums | UsageSums): void {
  target.calls += sum.calls ?? 0;
  target.errors += sum.errors ?? 0;
  target.inputTokens += sum.inputTokens ?? 0n;
  target.outputTokens += sum.outputTokens ?? 0n;
  target.cachedTokens += sum.cachedTokens ?? 0n;
  target.costMicros += sum.costMicros ?? 0n;
}

function cell<K>(map: Map<K, UsageSums>, key: K): UsageSums {
  let sums = map.get(key);
  if (!sums) map.set(key, (sums = emptySums()));
  return sums;
}

export async function loadBillingLedger(options: { client: DbClient; scope: ResolvedBillingScope; range: BillingRange }): Promise<BillingLedger> {
  const { client, scope, range } = options;
  const where = { orgId: scope.organization.id, hour: { gte: range.hourFrom, lt: range.hourTo }, ...scope.filter };
  const [hourly, perTeam] = await Promise.all([
    client.usageRollup.groupBy({ by: ["hour", "model"], where, _sum: SUM_FIELDS }),
    client.usageRollup.groupBy({ by: ["teamId"], where, _sum: SUM_FIELDS }),
  ]);

  const totals = emptySums();
  const models = new Map<string, UsageSums>();
  const days = new Map(range.days.map((day) => [day, new Map<string, UsageSums>()]));
  for (const row of hourly) {
    const dayModels = days.get(billingDayOfHour(row.hour, range.timeZone));
    // Cannot happen: the range's days are derived from the same hours the query selects.
    if (!dayModels) throw new Error(`Rollup hour ${row.hour.toISOString()} is outside the report's days.`);
    addSums(cell(dayModels, row.model), row._sum);
    addSums(cell(models, row.model), row._sum);
    addSums(totals, row._sum);
  }

  const teamIds = perTeam.map((row) => row.teamId).filter(Boolean);
  const names = teamIds.length
    ? await client.team.findMany({ where: { orgId: scope.organization.id, id: { in: teamIds } }, select: { id: true, name: true } })
    : [];
  const nameOf = new Map(names.map((team) => [team.id, team.name]));
  const teams = perTeam.map((row) => {
    const sums = emptySums();
    addSums(sums, row._sum);
    return { teamId: row.teamId, teamName: nameOf.get(row.teamId) ?? null, sums };
  });

  return { scope, range, totals, models, days, teams };
}
