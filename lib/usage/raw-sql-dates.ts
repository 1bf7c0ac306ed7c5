// Date bounds and bucket labels for the hand-written rollup reads ($queryRaw), as each database
// stores Prisma's DateTime: PostgreSQL as timestamp without time zone (UTC), SQLite as ISO text
// ending in "+00:00" (sqlite-usage-rows.ts, sqliteDateTime). Both render a column's UTC day, or
// its hour as the ISO string bucketKey (timeseries-latency.ts) gives, in the database.
import { isPostgres } from "../db";
import { Prisma } from "../generated/prisma-sqlite";

/** A bound compared with a DateTime column. */
export function sqlDateBound(date: Date): Prisma.Sql {
  return isPostgres() ? Prisma.sql`${date.toISOString()}::timestamp` : Prisma.sql`${date.toISOString().replace("Z", "+00:00")}`;
}

/** "YYYY-MM-DD" of a DateTime column (its UTC day). */
export function sqlUtcDay(column: Prisma.Sql): Prisma.Sql {
  return isPostgres() ? Prisma.sql`to_char(${column}, 'YYYY-MM-DD')` : Prisma.sql`substr(${column}, 1, 10)`;
}

/** "YYYY-MM-DDTHH:00:00.000Z" of a DateTime column (the start of its UTC hour, as Date#toISOString writes it). */
export function sqlUtcHour(column: Prisma.Sql): Prisma.Sql {
  return isPostgres() ? Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24":00:00.000Z"')` : Prisma.sql`(substr(${column}, 1, 13) || ':00:00.000Z')`;
}
