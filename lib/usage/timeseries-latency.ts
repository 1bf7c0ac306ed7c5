// The dashboard's latency and time-to-first-token percentiles, estimated from histograms (never from
// raw records): latency from the per-model LatencyRollup (hourly) and LatencyRollupDay (whole UTC
// days of daily charts), time to first token from the
// deployments' 5-minute DeploymentLatency histograms (metric "ttft": one count per streamed upstream
// attempt that produced a token), both summed into the chart's buckets.
import { type DbClient, isPostgres } from "../db";
import { Prisma } from "../generated/prisma-sqlite";
import { hourOf, LATENCY_BUCKET_BOUNDS_MS, quantileFromBuckets } from "./latency-buckets";
import { sqlBucket, sqlDateBound } from "./raw-sql-dates";
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
 * The histograms per UTC day and model: whole days from LatencyRollupDay (a year of hourly
 * histograms is over a million rows, of daily ones at most days × models × buckets), the hours at
 * either end summed per day in the database; each day and model's counts packed into one string
 * ("bucket:count,…"), so a year is a row per day and model, not per bucket. Read with SQL (Prisma's
 * groupBy cannot truncate a date; raw-sql-dates.ts binds the bounds as each database stores them).
 */
async function latencyPerDay(client: DbClient, where: { orgId: string; hour: { gte: Date; lt: Date }; model?: string }) {
  const model = where.model === undefined ? Prisma.empty : Prisma.sql`AND "model" = ${where.model}`;
  const day = sqlBucket("day");
  const pack = isPostgres() ? Prisma.sql`string_agg("bucket" || ':' || "count", ',')` : Prisma.sql`group_concat("bucket" || ':' || "count", ',')`;
  type Row = { day: string; model: string; counts: string };
  const split = splitRollupRange(where.hour.gte, where.hour.lt);
  const reads: Promise<Row[]>[] = split.hours.map((hour) =>
    client.$queryRaw<Row[]>(Prisma.sql`
      SELECT ${day.label(Prisma.sql`"d"`)} AS "day", "model", ${pack} AS "counts" FROM (
        SELECT ${day.start(Prisma.sql`"hour"`)} AS "d", "model", "bucket", sum("count") AS "count" FROM "LatencyRollup"
        WHERE "orgId" = ${where.orgId} AND "hour" >= ${sqlDateBound(hour.gte)} AND "hour" < ${sqlDateBound(hour.lt)} ${model}
        GROUP BY 1, 2, 3) AS "edge"
      GROUP BY "d", "model"`),
  );
  if (split.days) {
    reads.push(
      client.$queryRaw<Row[]>(Prisma.sql`
        SELECT ${day.label(day.start(Prisma.sql`"day"`))} AS "day", "model", ${pack} AS "counts" FROM "LatencyRollupDay"
        WHERE "orgId" = ${where.orgId} AND "day" >= ${sqlDateBound(split.days.gte)} AND "day" < ${sqlDateBound(split.days.lt)} ${model}
        GROUP BY "day", "model"`),
    );
  }
  return (await Promise.all(reads)).flat();
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
  const addCount = (key: string, model: string, bucket: number, count: number) => {
    countsOf(overall, key)[bucket] += count;
    let models = perModel.get(key);
    if (!models) perModel.set(key, (models = new Map()));
    countsOf(models, model)[bucket] += count;
  };
  if (interval === "day") {
    // one row per day and model, its histogram packed as "bucket:count,…" (a year: 3,650 rows, not 47,000)
    for (const row of await latencyPerDay(client, where)) {
      for (const entry of row.counts.split(",")) {
        const colon = entry.indexOf(":");
        addCount(row.day, row.model, Number(entry.slice(0, colon)), Number(entry.slice(colon + 1)));
      }
    }
  } else {
    for (const row of await client.latencyRollup.groupBy({ by: ["hour", "model", "bucket"], where, _sum: { count: true } })) {
      addCount(bucketKey(row.hour, interval), row.model, row.bucket, row._sum.count ?? 0);
    }
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
