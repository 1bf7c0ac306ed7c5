// Series for the dashboard charts, read only from the rollup tables (never from raw records; daily
// buckets take their whole days from the daily rollups, rollup-reads.ts):
// calls/errors/tokens/cost/cache per bucket (UTC day, or UTC hour for short ranges) and model or
// user, and p50/p95 latency and time to first token per bucket estimated from histograms.
import type { DbClient } from "../db";
import { db } from "../db";
import { ValidationError } from "../http/errors";
import { hourOf } from "./latency-buckets";
import { microsToDollars } from "./money";
import { groupRollups } from "./rollup-reads";
import { TIMESERIES_HOURLY_MAX_DAYS, type TimeseriesPoint, type TimeseriesQuery, type TimeseriesResponse } from "./schemas";
import { bucketKey, latencyByBucket, ttftByBucket } from "./timeseries-latency";
import { resolveUsageRange, utcDay } from "./usage-range";

type Sum = { calls: number; errors: number; refused: number; inputTokens: bigint; outputTokens: bigint; costMicros: bigint; cacheHits: number; cacheMisses: number; costSavedMicros: bigint };
const emptySum = (): Sum => ({ calls: 0, errors: 0, refused: 0, inputTokens: 0n, outputTokens: 0n, costMicros: 0n, cacheHits: 0, cacheMisses: 0, costSavedMicros: 0n });
const DAY_MS = 86_400_000;

async function groupLabels(client: DbClient, groupBy: "model" | "user", groups: string[]): Promise<Map<string, string>> {
  if (groupBy === "model") return new Map(groups.map((g) => [g, g]));
  const ids = groups.filter(Boolean);
  const users = ids.length ? await client.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }) : [];
  // A deleted user's calls stay charted under their id; calls without a user under "".
  return new Map(groups.map((g) => [g, users.find((u) => u.id === g)?.email ?? g]));
}

/** 401s counted over the UTC days the range touches (they are kept per day, not per call). */
async function unauthenticatedBetween(client: DbClient, from: Date, to: Date): Promise<number> {
  const sum = await client.unauthenticatedDay.aggregate({ where: { day: { gte: utcDay(from), lte: utcDay(new Date(to.getTime() - 1)) } }, _sum: { count: true } });
  return sum._sum.count ?? 0;
}

export async function getUsageTimeseries(options: {
  orgId: string;
  query: TimeseriesQuery;
  /** When set, only this user's calls, whatever `query.userId` says (developers). */
  ownerId?: string;
  client?: DbClient;
}): Promise<TimeseriesResponse> {
  const client = options.client ?? db();
  const { query } = options;
  const { from, to } = resolveUsageRange(query);
  // Hourly buckets over a long range would be thousands of points per group: the charts ask for them up to 48 hours.
  if (query.interval === "hour" && to.getTime() - from.getTime() > TIMESERIES_HOURLY_MAX_DAYS * DAY_MS) {
    throw new ValidationError(`interval: hourly buckets are for ranges of up to ${TIMESERIES_HOURLY_MAX_DAYS} days.`, "interval");
  }
  // Rollups are hourly: a range starting mid-hour includes that whole hour.
  const hour = { gte: hourOf(from), lt: to };
  const userId = options.ownerId ?? query.userId;
  const field = query.groupBy === "user" ? "userId" : "model";
  // Daily buckets: the whole UTC days come from the daily rollups (exactly the hourly sums, far fewer rows).
  const rows = await groupRollups(client, {
    orgId: options.orgId,
    hourFrom: hour.gte,
    to,
    filter: { ...(userId ? { userId } : {}), ...(query.teamId ? { teamId: query.teamId } : {}), ...(query.keyId ? { keyId: query.keyId } : {}), ...(query.model ? { model: query.model } : {}) },
    by: [field],
    byTime: true,
    daily: query.interval === "day",
  });

  const cells = new Map<string, { day: string; group: string; sum: Sum }>();
  for (const row of rows) {
    const group = row[field];
    const day = bucketKey(row.start, query.interval);
    const id = `${day}\u0000${group}`;
    const cell = cells.get(id) ?? { day, group, sum: emptySum() };
    cell.sum.calls += row.sum.calls;
    cell.sum.errors += row.sum.errors;
    cell.sum.refused += row.sum.refused;
    cell.sum.inputTokens += row.sum.inputTokens;
    cell.sum.outputTokens += row.sum.outputTokens;
    cell.sum.costMicros += row.sum.costMicros;
    cell.sum.cacheHits += row.sum.cacheHits + row.sum.semanticHits;
    cell.sum.cacheMisses += row.sum.cacheMisses;
    cell.sum.costSavedMicros += row.sum.costSavedMicros;
    cells.set(id, cell);
  }

  const labels = await groupLabels(client, query.groupBy, [...new Set([...cells.values()].map((c) => c.group))]);
  const total = emptySum();
  const series: TimeseriesPoint[] = [...cells.values()]
    .sort((a, b) => a.day.localeCompare(b.day) || a.group.localeCompare(b.group))
    .map(({ day, group, sum }) => {
      total.calls += sum.calls;
      total.errors += sum.errors;
      total.refused += sum.refused;
      total.inputTokens += sum.inputTokens;
      total.outputTokens += sum.outputTokens;
      total.costMicros += sum.costMicros;
      total.cacheHits += sum.cacheHits;
      total.cacheMisses += sum.cacheMisses;
      total.costSavedMicros += sum.costSavedMicros;
      return {
        day,
        group: labels.get(group) ?? group,
        calls: sum.calls,
        errors: sum.errors,
        inputTokens: Number(sum.inputTokens),
        outputTokens: Number(sum.outputTokens),
        cost: microsToDollars(sum.costMicros),
        cacheHits: sum.cacheHits,
        cacheMisses: sum.cacheMisses,
        costSaved: microsToDollars(sum.costSavedMicros),
        refused: sum.refused,
      };
    });

  // Latency histograms are kept per model only, so a developer's chart shows the latency of the
  // models (all callers), which is what they experience anyway.
  const modelFilter = query.model ? { model: query.model } : {};
  const [{ latency, modelLatency }, ttft] = await Promise.all([
    latencyByBucket(client, { orgId: options.orgId, hour, ...modelFilter }, query.interval),
    ttftByBucket(client, { orgId: options.orgId, from: hourOf(from), to, ...modelFilter }, query.interval),
  ]);

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    interval: query.interval,
    series,
    latency,
    modelLatency,
    ttft,
    totals: {
      calls: total.calls,
      errors: total.errors,
      errorRate: total.calls === 0 ? 0 : total.errors / total.calls,
      inputTokens: Number(total.inputTokens),
      outputTokens: Number(total.outputTokens),
      cost: microsToDollars(total.costMicros),
      costSaved: microsToDollars(total.costSavedMicros),
      refused: total.refused,
      // Instance-wide (a 401 names no organization), so only for those who see everyone's usage.
      unauthenticated: options.ownerId === undefined ? await unauthenticatedBetween(client, from, to) : null,
    },
  };
}
