// Reads of the usage rollups over a range: the whole UTC days inside it from the narrowest daily
// table that keeps the read's dimensions (dailyTableFor), the hours at either end from the
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

/** [gte, lt) cut at each UTC midnight inside it: pieces that each lie within one UTC day. */
export function cutAtMidnight(range: { gte: Date; lt: Date }): { gte: Date; lt: Date }[] {
  const pieces = [];
  let start = range.gte.getTime();
  for (let midnight = (Math.floor(start / DAY_MS) + 1) * DAY_MS; midnight < range.lt.getTime(); midnight += DAY_MS) {
    pieces.push({ gte: new Date(start), lt: new Date(midnight) });
    start = midnight;
  }
  if (start < range.lt.getTime()) pieces.push({ gte: new Date(start), lt: range.lt });
  return pieces;
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

/**
 * The daily tables, fewest rows first, with the dimensions each keeps (all hold the same sums per
 * UTC day, usage-aggregate.ts dailyRollups): a 30-day chart by user reads a row per user and day,
 * a year by model a row per model and day, a team's or the teams' sums a row per model, team and
 * day (models × teams is below the users' count in a typical organization).
 */
const DAILY_TABLES = [
  ["usageRollupModelDay", ["model"]],
  ["usageRollupTeamDay", ["model", "teamId"]],
  ["usageRollupUserDay", ["userId", "teamId"]],
  ["usageRollupDay", ["model", "userId", "teamId"]],
] as const;
type DailyTable = (typeof DAILY_TABLES)[number][0];
type DailyDelegate = { groupBy(args: object): Promise<unknown[]>; aggregate(args: object): Promise<unknown> };

/** The narrowest daily table that keeps every dimension a read groups or filters by. */
export function dailyTableFor(dimensions: readonly string[]): DailyTable {
  const found = DAILY_TABLES.find(([, kept]) => dimensions.every((d) => (kept as readonly string[]).includes(d)));
  if (!found) throw new Error(`No daily rollup keeps ${dimensions.join(", ")}.`);
  return found[0];
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
  const groups: RollupGroup[] = [];
  const push = (start: Date | undefined, row: SumRow & Partial<Record<RollupDimension, string>>) =>
    groups.push({ start: start ?? query.hourFrom, model: row.model ?? "", userId: row.userId ?? "", teamId: row.teamId ?? "", sum: sumOf(row) });

  // Daily buckets: the hours at either end lie within one UTC day each (cut at midnight when the
  // range holds no whole day), so they are summed per dimension with the day as their start, not
  // per hour (a 30-day chart by user: a few hundred groups instead of thousands). A key filter reads
  // every hour of the range, which stays grouped by hour.
  const perDay = query.daily && query.byTime && !filter.keyId;
  const hourRanges = perDay ? split.hours.flatMap(cutAtMidnight) : split.hours;
  const reads: Promise<void>[] = hourRanges.map(async (hour) => {
    const groupBy = query.byTime && !perDay ? ["hour" as const, ...by] : by;
    const where = { orgId, hour, ...filter };
    // Prisma's groupBy needs a column: no dimension at all is one aggregate.
    const rows = groupBy.length
      ? await client.usageRollup.groupBy({ by: groupBy, where, _sum: ROLLUP_SUM_FIELDS })
      : [await client.usageRollup.aggregate({ where, _sum: ROLLUP_SUM_FIELDS })];
    for (const row of rows as unknown as (SumRow & { hour?: Date })[]) push(perDay ? utcDayOf(hour.gte) : row.hour, row);
  });
  if (split.days) {
    const table = dailyTableFor([...by, ...(Object.keys(filter) as (keyof typeof filter)[]).filter((k) => filter[k] !== undefined)]);
    const delegate = client[table] as unknown as DailyDelegate;
    const where = { orgId, day: split.days, ...filter };
    const groupBy = query.byTime ? ["day", ...by] : by;
    reads.push(
      (async () => {
        const rows = groupBy.length ? await delegate.groupBy({ by: groupBy, where, _sum: ROLLUP_SUM_FIELDS }) : [await delegate.aggregate({ where, _sum: ROLLUP_SUM_FIELDS })];
        for (const row of rows as (SumRow & { day?: Date })[]) push(row.day, row);
      })(),
    );
  }
  await Promise.all(reads);
  return groups;
}
