// Sums the hourly rollups of a scope and range into day × model and team cells, in integers
// (tokens and micro-dollars as BigInt), so every total is exactly the sum of its parts. The JSON
// report and the CSV are both rendered from this ledger.
//
// Billing counts billed calls: the rollups count a refusal (quota, rate limit, model access, unknown
// model) in `calls` and `errors` as well as in `refused`, because the dashboard's error rate and the
// error-rate alerts should see them; a refusal was never served and costs nothing, so the ledger
// takes it back out, and a model or team with nothing but refusals gets no line on the invoice.
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
  refused: number | null;
  inputTokens: bigint | null;
  outputTokens: bigint | null;
  cachedTokens: bigint | null;
  costMicros: bigint | null;
};

const SUM_FIELDS = { calls: true, errors: true, refused: true, inputTokens: true, outputTokens: true, cachedTokens: true, costMicros: true } as const;

export function emptySums(): UsageSums {
  return { calls: 0, errors: 0, inputTokens: 0n, outputTokens: 0n, cachedTokens: 0n, costMicros: 0n };
}

/** A rollup sum without its refusals; null when nothing in it was admitted (refusals carry no tokens or cost). */
function billedSums(sum: RollupSums): UsageSums | null {
  const refused = sum.refused ?? 0;
  const calls = (sum.calls ?? 0) - refused;
  if (calls <= 0) return null;
  return {
    calls,
    errors: (sum.errors ?? 0) - refused,
    inputTokens: sum.inputTokens ?? 0n,
    outputTokens: sum.outputTokens ?? 0n,
    cachedTokens: sum.cachedTokens ?? 0n,
    costMicros: sum.costMicros ?? 0n,
  };
}

export function addSums(target: UsageSums, sum: UsageSums): void {
  target.calls += sum.calls;
  target.errors += sum.errors;
  target.inputTokens += sum.inputTokens;
  target.outputTokens += sum.outputTokens;
  target.cachedTokens += sum.cachedTokens;
  target.costMicros += sum.costMicros;
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
    const billed = billedSums(row._sum);
    if (!billed) continue;
    const dayModels = days.get(billingDayOfHour(row.hour, range.timeZone));
    // Cannot happen: the range's days are derived from the same hours the query selects.
    if (!dayModels) throw new Error(`Rollup hour ${row.hour.toISOString()} is outside the report's days.`);
    addSums(cell(dayModels, row.model), billed);
    addSums(cell(models, row.model), billed);
    addSums(totals, billed);
  }

  const billedTeams = perTeam.flatMap((row) => {
    const sums = billedSums(row._sum);
    return sums ? [{ teamId: row.teamId, sums }] : [];
  });
  const teamIds = billedTeams.map((row) => row.teamId).filter(Boolean);
  const names = teamIds.length
    ? await client.team.findMany({ where: { orgId: scope.organization.id, id: { in: teamIds } }, select: { id: true, name: true } })
    : [];
  const nameOf = new Map(names.map((team) => [team.id, team.name]));
  const teams = billedTeams.map(({ teamId, sums }) => ({ teamId, teamName: nameOf.get(teamId) ?? null, sums }));

  return { scope, range, totals, models, days, teams };
}
