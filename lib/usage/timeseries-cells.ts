// The dashboard's sums per chart bucket and group (model or user), summed in one SQL statement:
// the whole UTC days of a daily chart from the narrowest daily rollup (rollup-reads.ts,
// dailyTableFor), the hours at either end (or every hour: hourly charts, a key filter) from
// UsageRollup, each row put in its bucket by the database (labelled once per group). The sums come back as doubles:
// they are counts, tokens and micro-dollars far below 2^53, so exact, and no BigInt or per-row
// Prisma object is made (a 30-day chart by user is 12,000 cells; docs/decisions/018).
import type { DbClient } from "../db";
import { Prisma } from "../generated/prisma-sqlite";
import { sqlBucket, sqlDateBound } from "./raw-sql-dates";
import { dailyTableFor, splitRollupRange } from "./rollup-reads";
import type { TimeseriesInterval } from "./timeseries-latency";

export interface TimeseriesCell {
  /** the bucket: a UTC day, or an hour's ISO start */
  day: string;
  /** the model, or the user id ("" = no user) */
  group: string;
  calls: number;
  errors: number;
  refused: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
  /** exact and semantic hits together */
  cacheHits: number;
  cacheMisses: number;
  costSavedMicros: number;
}

export interface TimeseriesCellQuery {
  orgId: string;
  /** on the hour: the first rollup hour of the range */
  hourFrom: Date;
  to: Date;
  filter: { model?: string; userId?: string; teamId?: string; keyId?: string };
  groupBy: "model" | "userId";
  interval: TimeseriesInterval;
}

const FILTER_COLUMNS = ["model", "userId", "teamId", "keyId"] as const;

// Each sum as a double; the inner rows are rollup rows, the outer query sums them per cell.
const SUMS = Prisma.sql`
  CAST(sum("calls") AS DOUBLE PRECISION) AS "calls", CAST(sum("errors") AS DOUBLE PRECISION) AS "errors",
  CAST(sum("refused") AS DOUBLE PRECISION) AS "refused", CAST(sum("inputTokens") AS DOUBLE PRECISION) AS "inputTokens",
  CAST(sum("outputTokens") AS DOUBLE PRECISION) AS "outputTokens", CAST(sum("costMicros") AS DOUBLE PRECISION) AS "costMicros",
  CAST(sum("cacheHits") + sum("semanticHits") AS DOUBLE PRECISION) AS "cacheHits", CAST(sum("cacheMisses") AS DOUBLE PRECISION) AS "cacheMisses",
  CAST(sum("costSavedMicros") AS DOUBLE PRECISION) AS "costSavedMicros"`;
const COLUMNS = Prisma.raw(`"calls", "errors", "refused", "inputTokens", "outputTokens", "costMicros", "cacheHits", "semanticHits", "cacheMisses", "costSavedMicros"`);

/** `Prisma` delegate name of a daily table → its SQL name ("usageRollupDay" → "UsageRollupDay"). */
function tableName(delegate: string): Prisma.Sql {
  return Prisma.raw(`"${delegate[0].toUpperCase()}${delegate.slice(1)}"`);
}

export async function timeseriesCells(client: DbClient, query: TimeseriesCellQuery): Promise<TimeseriesCell[]> {
  const { orgId, filter, groupBy } = query;
  const filters = FILTER_COLUMNS.filter((column) => filter[column] !== undefined);
  const filterSql = filters.length ? Prisma.join(filters.map((column) => Prisma.sql`AND ${Prisma.raw(`"${column}"`)} = ${filter[column]}`), " ") : Prisma.empty;
  const group = Prisma.raw(`"${groupBy}"`);
  const daily = query.interval === "day";
  const split = daily && !filter.keyId ? splitRollupRange(query.hourFrom, query.to) : { days: null, hours: [{ gte: query.hourFrom, lt: query.to }] };

  const bucket = sqlBucket(query.interval);
  const parts: Prisma.Sql[] = [];
  if (split.hours.length) {
    const ranges = Prisma.join(split.hours.map((h) => Prisma.sql`("hour" >= ${sqlDateBound(h.gte)} AND "hour" < ${sqlDateBound(h.lt)})`), " OR ");
    parts.push(Prisma.sql`
      SELECT ${bucket.start(Prisma.sql`"hour"`)} AS "bucket", ${group} AS "grp", ${COLUMNS} FROM "UsageRollup"
      WHERE "orgId" = ${orgId} AND (${ranges}) ${filterSql}`);
  }
  if (split.days) {
    const table = tableName(dailyTableFor([groupBy, ...filters]));
    parts.push(Prisma.sql`
      SELECT ${bucket.start(Prisma.sql`"day"`)} AS "bucket", ${group} AS "grp", ${COLUMNS} FROM ${table}
      WHERE "orgId" = ${orgId} AND "day" >= ${sqlDateBound(split.days.gte)} AND "day" < ${sqlDateBound(split.days.lt)} ${filterSql}`);
  }
  type Row = Omit<TimeseriesCell, "day" | "group"> & { bucket: string; grp: string };
  const rows = await client.$queryRaw<Row[]>(Prisma.sql`
    SELECT ${bucket.label(Prisma.sql`"bucket"`)} AS "bucket", "grp", ${SUMS} FROM (${Prisma.join(parts, " UNION ALL ")}) AS "rollups" GROUP BY "bucket", "grp"`);
  // Number(): a driver may still hand back an integral double as a bigint.
  return rows.map((row) => ({
    day: row.bucket, group: row.grp, calls: Number(row.calls), errors: Number(row.errors), refused: Number(row.refused),
    inputTokens: Number(row.inputTokens), outputTokens: Number(row.outputTokens), costMicros: Number(row.costMicros),
    cacheHits: Number(row.cacheHits), cacheMisses: Number(row.cacheMisses), costSavedMicros: Number(row.costSavedMicros),
  }));
}
