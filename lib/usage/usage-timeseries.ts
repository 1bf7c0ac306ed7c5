// Series for the dashboard charts, read only from the rollup tables (never from raw records; daily
// buckets take their whole days from the daily rollups, rollup-reads.ts):
// calls/errors/tokens/cost/cache per bucket (UTC day, or UTC hour for short ranges) and model or
// user, and p50/p95 latency and time to first token per bucket estimated from histograms.
import type { DbClient } from "../db";
import { db } from "../db";
import { ValidationError } from "../http/errors";
import { hourOf } from "./latency-buckets";
import { microsToDollars } from "./money";
import { TIMESERIES_HOURLY_MAX_DAYS, type TimeseriesPoint, type TimeseriesQuery, type TimeseriesResponse } from "./schemas";
import { latencyByBucket, ttftByBucket } from "./timeseries-latency";
import { timeseriesCells } from "./timeseries-cells";
import { resolveUsageRange, utcDay } from "./usage-range";

const DAY_MS = 86_400_000;

async function groupLabels(client: DbClient, groupBy: "model" | "user", groups: string[]): Promise<Map<string, string>> {
  if (groupBy === "model") return new Map(groups.map((g) => [g, g]));
  const ids = groups.filter(Boolean);
  const users = ids.length ? await client.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }) : [];
  // A deleted user's calls stay charted under their id; calls without a user under "".
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  return new Map(groups.map((g) => [g, emailOf.get(g) ?? g]));
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
  // Daily buckets: the whole UTC days come from the daily rollups (exactly the hourly sums, far
  // fewer rows); the database sums each bucket and group (timeseries-cells.ts).
  const cells = await timeseriesCells(client, {
    orgId: options.orgId,
    hourFrom: hour.gte,
    to,
    filter: { ...(userId ? { userId } : {}), ...(query.teamId ? { teamId: query.teamId } : {}), ...(query.keyId ? { keyId: query.keyId } : {}), ...(query.model ? { model: query.model } : {}) },
    groupBy: field,
    interval: query.interval,
  });

  // Ordered by bucket, then group id in localeCompare order: the groups (a few hundred at most)
  // are ranked once, so the thousands of cells sort on numbers.
  const groups = [...new Set(cells.map((c) => c.group))];
  const labels = await groupLabels(client, query.groupBy, groups);
  const rank = new Map(groups.sort((a, b) => a.localeCompare(b)).map((group, index) => [group, index]));
  cells.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : rank.get(a.group)! - rank.get(b.group)!));
  const total = { calls: 0, errors: 0, refused: 0, inputTokens: 0, outputTokens: 0, costMicros: 0, costSavedMicros: 0 };
  const series: TimeseriesPoint[] = cells.map((cell) => {
    total.calls += cell.calls;
    total.errors += cell.errors;
    total.refused += cell.refused;
    total.inputTokens += cell.inputTokens;
    total.outputTokens += cell.outputTokens;
    total.costMicros += cell.costMicros;
    total.costSavedMicros += cell.costSavedMicros;
    return {
      day: cell.day,
      group: labels.get(cell.group) ?? cell.group,
      calls: cell.calls,
      errors: cell.errors,
      inputTokens: cell.inputTokens,
      outputTokens: cell.outputTokens,
      cost: microsToDollars(cell.costMicros),
      cacheHits: cell.cacheHits,
      cacheMisses: cell.cacheMisses,
      costSaved: microsToDollars(cell.costSavedMicros),
      refused: cell.refused,
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
      inputTokens: total.inputTokens,
      outputTokens: total.outputTokens,
      cost: microsToDollars(total.costMicros),
      costSaved: microsToDollars(total.costSavedMicros),
      refused: total.refused,
      // Instance-wide (a 401 names no organization), so only for those who see everyone's usage.
      unauthenticated: options.ownerId === undefined ? await unauthenticatedBetween(client, from, to) : null,
    },
  };
}
