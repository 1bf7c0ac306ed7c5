// The dashboard's latency and time-to-first-token percentiles, estimated from histograms (never from
// raw records): latency from the per-model LatencyRollup (hourly) and LatencyRollupDay (whole UTC
// days of daily charts), time to first token from the
// deployments' 5-minute DeploymentLatency histograms (metric "ttft": one count per streamed upstream
// attempt that produced a token), both summed into the chart's buckets.
import type { DbClient } from "../db";
import { Prisma } from "../generated/prisma-sqlite";
import { hourOf, LATENCY_BUCKET_BOUNDS_MS, quantileFromBuckets } from "./latency-buckets";
import { sqlDateBound, sqlUtcDay } from "./raw-sql-dates";
import { splitRollupRange } from "./rollup-reads";
import type { LatencyPoint, ModelLatencyPoint } from "./schemas";
import { utcDay } from "./usage-range";

export type TimeseriesInterval = "day" | "hour";

/** The chart bucket a rollup hour (or 5-minute bucket) falls in: its UTC day, or its hour as ISO. */
export function bucketKey(date: Date, interval: TimeseriesInterval): string {
  return interval === "hour" ? hourOf(date).toISOString() : utcDay(date);
}

type Histograms = Map<string, Map<number, number>>;

function add(histograms: Histograms, key: string, bucket: number, count: number): void {
  const histogram = histograms.get(key) ?? new Map<number, number>();
  histogram.set(bucket, (histogram.get(bucket) ?? 0) + count);
  histograms.set(key, histogram);
}

const round = (value: number | null) => (value === null ? null : Math.round(value));

function percentiles(histogram: ReadonlyMap<number, number> | readonly number[]): { p50: number | null; p95: number | null } {
  return { p50: round(quantileFromBuckets(histogram, 0.5)), p95: round(quantileFromBuckets(histogram, 0.95)) };
}


/**
 * The histograms per UTC day, model and bucket: whole days from LatencyRollupDay (a year of hourly
 * histograms is over a million rows, of daily ones at most days × models × buckets), the hours at
 * either end summed per day in the database. Read with SQL (no per-row objects; Prisma's groupBy
 * cannot truncate a date), bounds bound as each database stores them: PostgreSQL's timestamp without
 * time zone (UTC), SQLite's Prisma text.
 */
async function latencyPerDay(client: DbClient, where: { orgId: string; hour: { gte: Date; lt: Date }; model?: string }) {
  const model = where.model === undefined ? Prisma.empty : Prisma.sql`AND "model" = ${where.model}`;
  type Row = { day: string; model: string; bucket: number; count: number | bigint };
  const split = splitRollupRange(where.hour.gte, where.hour.lt);
  const reads: Promise<Row[]>[] = split.hours.map((hour) =>
    client.$queryRaw<Row[]>(Prisma.sql`
      SELECT ${sqlUtcDay(Prisma.sql`"hour"`)} AS "day", "model", "bucket", sum("count") AS "count" FROM "LatencyRollup"
      WHERE "orgId" = ${where.orgId} AND "hour" >= ${sqlDateBound(hour.gte)} AND "hour" < ${sqlDateBound(hour.lt)} ${model}
      GROUP BY 1, 2, 3`),
  );
  if (split.days) {
    reads.push(
      client.$queryRaw<Row[]>(Prisma.sql`
        SELECT ${sqlUtcDay(Prisma.sql`"day"`)} AS "day", "model", "bucket", "count" FROM "LatencyRollupDay"
        WHERE "orgId" = ${where.orgId} AND "day" >= ${sqlDateBound(split.days.gte)} AND "day" < ${sqlDateBound(split.days.lt)} ${model}`),
    );
  }
  return (await Promise.all(reads)).flat().map((row) => ({ key: row.day, model: row.model, bucket: Number(row.bucket), count: Number(row.count) }));
}

const BUCKETS = LATENCY_BUCKET_BOUNDS_MS.length;

/** The counts array of `key` in `histograms`, made (all zeros) when missing. */
function countsOf(histograms: Map<string, number[]>, key: string): number[] {
  let counts = histograms.get(key);
  if (!counts) histograms.set(key, (counts = new Array<number>(BUCKETS).fill(0)));
  return counts;
}

/**
 * p50/p95 per bucket for every model together, and per bucket and model. The histograms are arrays
 * indexed by latency bucket, per chart bucket and per chart bucket and model: a year by model reads
 * about 47,000 day × model × bucket rows, added without a key string or map per row.
 */
export async function latencyByBucket(
  client: DbClient,
  where: { orgId: string; hour: { gte: Date; lt: Date }; model?: string },
  interval: TimeseriesInterval,
): Promise<{ latency: LatencyPoint[]; modelLatency: ModelLatencyPoint[] }> {
  const overall = new Map<string, number[]>();
  const perModel = new Map<string, Map<string, number[]>>();
  const rows =
    interval === "day"
      ? await latencyPerDay(client, where)
      : (await client.latencyRollup.groupBy({ by: ["hour", "model", "bucket"], where, _sum: { count: true } })).map((row) => ({
          key: bucketKey(row.hour, interval), model: row.model, bucket: row.bucket, count: row._sum.count ?? 0,
        }));
  for (const { key, model, bucket, count } of rows) {
    countsOf(overall, key)[bucket] += count;
    let models = perModel.get(key);
    if (!models) perModel.set(key, (models = new Map()));
    countsOf(models, model)[bucket] += count;
  }
  const keys = [...overall.keys()].sort((a, b) => a.localeCompare(b));
  const latency = keys.map((day) => ({ day, ...percentiles(overall.get(day)!) }));
  const modelLatency = keys.flatMap((day) =>
    [...perModel.get(day)!]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([model, counts]) => ({ day, model, ...percentiles(counts) })),
  );
  return { latency, modelLatency };
}

/** Time to first token per bucket, over the organization's deployments (of one model when `model` is set). */
export async function ttftByBucket(
  client: DbClient,
  options: { orgId: string; from: Date; to: Date; model?: string },
  interval: TimeseriesInterval,
): Promise<LatencyPoint[]> {
  const deployments = await client.deployment.findMany({
    where: { orgId: options.orgId, ...(options.model ? { model: { name: options.model } } : {}) },
    select: { id: true },
  });
  if (deployments.length === 0) return [];
  const rows = await client.deploymentLatency.groupBy({
    by: ["bucket", "le"],
    where: { metric: "ttft", deploymentId: { in: deployments.map((d) => d.id) }, bucket: { gte: options.from, lt: options.to } },
    _sum: { count: true },
  });
  const histograms: Histograms = new Map();
  for (const row of rows) add(histograms, bucketKey(row.bucket, interval), row.le, row._sum.count ?? 0);
  return [...histograms.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, histogram]) => ({ day, ...percentiles(histogram) }));
}
