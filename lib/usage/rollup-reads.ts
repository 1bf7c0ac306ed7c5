// Reads of the usage rollups over a range: the whole UTC days inside it from a daily table
// (UsageRollupDay or UsageRollupTeamDay, a few hundred rows a day), the hours at either end from the
// hourly UsageRollup (hundreds of rows an hour). The daily tables hold exactly UsageRollup's sums
// per day (usage-aggregate.ts, dailyRollups), so the result is the same as summing UsageRollup over
// the whole range, at a fraction of the rows for long ranges (docs/decisions/018).
import type { DbClient } from "../db";
import { startOfLocalDay } from "../time/zoned";
import { utcDayOf } from "./usage-aggregate";

const DAY_MS = 86_400_000;

export const ROLLUP_SUM_FIELDS = {
  calls: true, errors: true, refused: true, inputTokens: true, outputTokens: true, cachedTokens: true, costMicros: true,
  cacheHits: true, semanticHits: true, cacheMisses: true, tokensSaved: true, costSavedMicros: true,
} as const;

export interface RollupSum {
  calls: number;
  errors: number;
  refused: number;
  inputTokens: bigint;
  outputTokens: bigint;
  cachedTokens: bigint;
  costMicros: bigint;
  cacheHits: number;
  semanticHits: number;
  cacheMisses: number;
  tokensSaved: bigint;
  costSavedMicros: bigint;
}

export type RollupDimension = "model" | "userId" | "teamId";

/** One group of the rollups: its start (an hour, or a UTC day of a daily table), dimensions and sums. */
export interface RollupGroup {
  start: Date;
  /** the grouped dimensions ("" = none) */
  model: string;
  userId: string;
  teamId: string;
  sum: RollupSum;
}

export interface RollupRangeSplit {
  /** whole UTC days (midnight to midnight) read from a daily table; null when the range holds none */
  days: { gte: Date; lt: Date } | null;
  /** hour ranges read from UsageRollup (the partial days at either end) */
  hours: { gte: Date; lt: Date }[];
}

/**
 * Splits the rollup hours h with `hourFrom <= h < to` (hourFrom on the hour; `to` any instant, so the
 * hour holding it counts) into whole UTC days and the hours around them.
 */
export function splitRollupRange(hourFrom: Date, to: Date): RollupRangeSplit {
  const firstDay = new Date(Math.ceil(hourFrom.getTime() / DAY_MS) * DAY_MS);
  const lastDay = utcDayOf(to);
  if (lastDay.getTime() <= firstDay.getTime()) return { days: null, hours: [{ gte: hourFrom, lt: to }] };
  const hours = [];
  if (hourFrom.getTime() < firstDay.getTime()) hours.push({ gte: hourFrom, lt: firstDay });
  if (lastDay.getTime() < to.getTime()) hours.push({ gte: lastDay, lt: to });
  return { days: { gte: firstDay, lt: lastDay }, hours };
}

/** True when every calendar day of `zone` that [from, to) touches starts at midnight UTC (a zone at UTC+0 then). */
export function zoneDaysAreUtcDays(zone: string, from: Date, to: Date): boolean {
  for (let day = utcDayOf(from).getTime(); day < to.getTime(); day += DAY_MS) {
    const name = new Date(day).toISOString().slice(0, 10);
    if (startOfLocalDay(name, zone).getTime() !== day) return false;
  }
  return true;
}

type SumRow = { _sum: { [K in keyof RollupSum]?: RollupSum[K] | null } };

function sumOf(row: SumRow): RollupSum {
  const s = row._sum;
  return {
    calls: s.calls ?? 0, errors: s.errors ?? 0, refused: s.refused ?? 0, inputTokens: s.inputTokens ?? 0n, outputTokens: s.outputTokens ?? 0n,
    cachedTokens: s.cachedTokens ?? 0n, costMicros: s.costMicros ?? 0n, cacheHits: s.cacheHits ?? 0, semanticHits: s.semanticHits ?? 0,
    cacheMisses: s.cacheMisses ?? 0, tokensSaved: s.tokensSaved ?? 0n, costSavedMicros: s.costSavedMicros ?? 0n,
  };
}

export function addRollupSum(target: RollupSum, sum: RollupSum): void {
  for (const key of Object.keys(target) as (keyof RollupSum)[]) (target as unknown as Record<string, number | bigint>)[key] = (target[key] as number) + (sum[key] as number);
}

export function emptyRollupSum(): RollupSum {
  return { calls: 0, errors: 0, refused: 0, inputTokens: 0n, outputTokens: 0n, cachedTokens: 0n, costMicros: 0n, cacheHits: 0, semanticHits: 0, cacheMisses: 0, tokensSaved: 0n, costSavedMicros: 0n };
}

export interface RollupGroupQuery {
  orgId: string;
  hourFrom: Date;
  to: Date;
  filter: { model?: string; userId?: string; teamId?: string; keyId?: string };
  /** the dimensions to group by besides time */
  by: RollupDimension[];
  /** group by the hour (or day) too; false = one group per dimension values over the whole range */
  byTime: boolean;
  /** the daily tables may serve the whole days (false: every hour from UsageRollup, e.g. for non-UTC calendar days) */
  daily: boolean;
}

/**
 * Sums of the rollups grouped by `by` (and time), exact: whole days from the narrowest daily table
 * that has the filter's and groups' dimensions, the rest from UsageRollup. A key filter needs
 * UsageRollup throughout.
 */
export async function groupRollups(client: DbClient, query: RollupGroupQuery): Promise<RollupGroup[]> {
  const { orgId, filter, by } = query;
  const split = query.daily && !filter.keyId ? splitRollupRange(query.hourFrom, query.to) : { days: null, hours: [{ gte: query.hourFrom, lt: query.to }] };
  const needsUser = by.includes("userId") || filter.userId !== undefined;
  const groups: RollupGroup[] = [];
  const push = (start: Date | undefined, row: SumRow & Partial<Record<RollupDimension, string>>) =>
    groups.push({ start: start ?? query.hourFrom, model: row.model ?? "", userId: row.userId ?? "", teamId: row.teamId ?? "", sum: sumOf(row) });

  const reads: Promise<void>[] = split.hours.map(async (hour) => {
    const rows = await client.usageRollup.groupBy({
      by: query.byTime ? ["hour", ...by] : by,
      where: { orgId, hour, ...filter },
      _sum: ROLLUP_SUM_FIELDS,
    });
    for (const row of rows as unknown as (SumRow & { hour?: Date })[]) push(row.hour, row);
  });
  if (split.days) {
    const day = split.days;
    if (needsUser) {
      reads.push(
        (async () => {
          const rows = await client.usageRollupDay.groupBy({ by: query.byTime ? ["day", ...by] : by, where: { orgId, day, ...filter }, _sum: ROLLUP_SUM_FIELDS });
          for (const row of rows as unknown as (SumRow & { day?: Date })[]) push(row.day, row);
        })(),
      );
    } else {
      const teamBy = by as ("model" | "teamId")[];
      const { userId: _userId, ...teamFilter } = filter;
      void _userId;
      reads.push(
        (async () => {
          const rows = await client.usageRollupTeamDay.groupBy({ by: query.byTime ? ["day", ...teamBy] : teamBy, where: { orgId, day, ...teamFilter }, _sum: ROLLUP_SUM_FIELDS });
          for (const row of rows as unknown as (SumRow & { day?: Date })[]) push(row.day, row);
        })(),
      );
    }
  }
  await Promise.all(reads);
  return groups;
}
