// One batch of the usage retention: at most `limit` UsageRecord rows created before the cutoff,
// deleted in one short statement (its own transaction). The rows are picked through the createdAt
// index by their physical address, not their primary key: `ctid` on PostgreSQL, `rowid` on SQLite,
// so the delete touches exactly the rows the index scan found and nothing waits on a long lock.
import Database from "better-sqlite3";
import { db, isPostgres } from "../../db";
import { env } from "../../env";
import { sqliteDateTime } from "../../time/sqlite-date-time";

const POSTGRES = (limit: number) =>
  `DELETE FROM "UsageRecord" WHERE ctid = ANY(ARRAY(SELECT ctid FROM "UsageRecord" WHERE "createdAt" < $1::timestamp(3) LIMIT ${limit}))`;
const SQLITE = (limit: number) => `DELETE FROM "UsageRecord" WHERE rowid IN (SELECT rowid FROM "UsageRecord" WHERE "createdAt" < ? LIMIT ${limit})`;

/** Deletes the next batch; returns how many rows went (fewer than `limit`: nothing older is left). */
export async function deleteUsageBatch(cutoff: Date, limit: number): Promise<number> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`batch size must be a positive integer, got ${limit}`);
  // Timestamps are UTC in both databases (PostgreSQL's timestamp without time zone ignores the "Z").
  if (isPostgres()) return db().$executeRawUnsafe(POSTGRES(limit), cutoff.toISOString());
  return db().$executeRawUnsafe(SQLITE(limit), sqliteDateTime(cutoff));
}

/**
 * SQLite keeps a file's size after rows are deleted: their pages go to the free list, which later
 * inserts reuse. A database created with auto_vacuum = INCREMENTAL (every file `npm start` creates)
 * can hand them back to the file system; this does it, at most `pages` at a time, on a connection
 * of its own (Prisma steps a statement once, and the pragma frees one page per step). Returns the
 * pages released, or null when the database cannot (PostgreSQL: autovacuum; an older SQLite file).
 */
export function releaseFreePages(pages: number): number | null {
  if (isPostgres()) return null;
  const sqlite = new Database(env().DATABASE_URL.replace(/^file:/, ""), { fileMustExist: true, timeout: 10_000 });
  try {
    if (Number(sqlite.pragma("auto_vacuum", { simple: true })) !== 2) return null;
    const before = Number(sqlite.pragma("freelist_count", { simple: true }));
    if (before > 0) sqlite.pragma(`incremental_vacuum(${Math.max(1, Math.floor(pages))})`);
    return before - Number(sqlite.pragma("freelist_count", { simple: true }));
  } finally {
    sqlite.close();
  }
}
