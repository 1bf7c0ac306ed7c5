// Date bounds and bucket labels for the hand-written rollup reads ($queryRaw), as each database
// stores Prisma's DateTime: PostgreSQL as timestamp without time zone (UTC), SQLite as ISO text
// ending in "+00:00" (lib/time/sqlite-date-time.ts). Both render a column's UTC day, or
// its hour as the ISO string bucketKey (timeseries-latency.ts) gives, in the database.
import { isPostgres } from "../db";
import { Prisma } from "../generated/prisma-sqlite";
import { sqliteDateTime } from "../time/sqlite-date-time";

/** A bound compared with a DateTime column. */
export function sqlDateBound(date: Date): Prisma.Sql {
  return isPostgres() ? Prisma.sql`${date.toISOString()}::timestamp` : Prisma.sql`${sqliteDateTime(date)}`;
}

/**
 * A chart bucket in two steps, so that PostgreSQL formats each group once rather than each row:
 * `start` (per row) truncates a DateTime column to the bucket's start, `label` (per group) renders
 * that start as bucketKey does (timeseries-latency.ts): "YYYY-MM-DD", or the hour's ISO string.
 */
export function sqlBucket(interval: "day" | "hour"): { start: (column: Prisma.Sql) => Prisma.Sql; label: (start: Prisma.Sql) => Prisma.Sql } {
  if (isPostgres()) {
    return interval === "day"
      ? { start: (column) => Prisma.sql`date_trunc('day', ${column})`, label: (start) => Prisma.sql`to_char(${start}, 'YYYY-MM-DD')` }
      : { start: (column) => Prisma.sql`date_trunc('hour', ${column})`, label: (start) => Prisma.sql`to_char(${start}, 'YYYY-MM-DD"T"HH24":00:00.000Z"')` };
  }
  return interval === "day"
    ? { start: (column) => Prisma.sql`substr(${column}, 1, 10)`, label: (start) => start }
    : { start: (column) => Prisma.sql`substr(${column}, 1, 13)`, label: (start) => Prisma.sql`(${start} || ':00:00.000Z')` };
}
