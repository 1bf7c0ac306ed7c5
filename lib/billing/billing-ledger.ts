// Sums the rollups of a scope and range (whole UTC days from the daily rollups when the report's
// calendar is UTC's, hours from the hourly one) into day × model and team cells, in integers
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
import { addRollupSum, emptyRollupSum, groupRollups, type RollupSum } from "../usage/rollup-reads";
import { startOfLocalDay } from "../time/zoned";

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

/**
 * True when every day of the report is a UTC day (a zone at UTC+0 over the whole range), so the
 * daily rollups' UTC days are the report's days.
 */
export function daysAreUtcDays(range: BillingRange): boolean {
  return range.days.every((day) => startOfLocalDay(day, range.timeZone).getTime() === Date.parse(`${day}T00:00:00Z`));
}

export async function loadBillingLedger(options: { client: DbClient; scope: ResolvedBillingScope; range: BillingRange }): Promise<BillingLedger> {
  const { client, scope, range } = options;
  // The whole days from the daily rollups when the calendar is UTC's; every hour from UsageRollup otherwise.
  const base = { orgId: scope.organization.id, hourFrom: range.hourFrom, to: range.hourTo, filter: scope.filter, daily: daysAreUtcDays(range) };
  const [hourly, teamGroups] = await Promise.all([
    groupRollups(client, { ...base, by: ["model"], byTime: true }),
    groupRollups(client, { ...base, by: ["teamId"], byTime: false }),
  ]);

  const totals = emptySums();
  const models = new Map<string, UsageSums>();
  const days = new Map(range.days.map((day) => [day, new Map<string, UsageSums>()]));
  for (const row of hourly) {
    const billed = billedSums(row.sum);
    if (!billed) continue;
    const dayModels = days.get(billingDayOfHour(row.start, range.timeZone));
    // Cannot happen: the range's days are derived from the same hours the query selects.
    if (!dayModels) throw new Error(`Rollup hour ${row.start.toISOString()} is outside the report's days.`);
    addSums(cell(dayModels, row.model), billed);
    addSums(cell(models, row.model), billed);
    addSums(totals, billed);
  }

  // A team's sums may come in parts (whole days, hours at either end): summed before refusals are taken out.
  const perTeamSums = new Map<string, RollupSum>();
  for (const row of teamGroups) {
    const sum = perTeamSums.get(row.teamId) ?? emptyRollupSum();
    addRollupSum(sum, row.sum);
    perTeamSums.set(row.teamId, sum);
  }
  const perTeam = [...perTeamSums].map(([teamId, sum]) => ({ teamId, _sum: sum }));
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
