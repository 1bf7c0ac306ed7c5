// One run of the usage retention (USAGE_RETENTION_DAYS): raw usage records older than the cutoff
// are removed in small batches with a pause between them, so neither database holds a long lock,
// the usage writer keeps writing in between, and PostgreSQL's autovacuum reclaims the dead rows as
// it goes (no VACUUM FULL, no table rewrite). Hourly rollups, billing (which reads them) and the
// audit log are other tables and stay. Each run is a RetentionRun row, a log line and a metric.
import { hostname } from "node:os";
import { db } from "../../db";
import { logger } from "../../logger";
import { deleteUsageBatch, releaseFreePages } from "./delete-batch";
import type { RetentionRunView } from "./retention-schemas";
import { retentionMetrics } from "./retention-metrics";

export interface RetentionOptions {
  days: number;
  now?: Date;
  /** rows per delete statement */
  batchSize?: number;
  /** pause between statements */
  pauseMs?: number;
  /** checked between batches: the process is shutting down */
  shouldStop?: () => boolean;
}

const DAY_MS = 86_400_000;
const KEEP_RUNS = 100;
/** SQLite pages handed back per run, at most (4 KiB each: 400 MB); the rest stay on the free list for the next run. */
const FREE_PAGES_PER_RUN = 100_000;
const FREE_PAGES_STEP = 2_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function retentionCutoff(days: number, now = new Date()): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

type RunRow = Awaited<ReturnType<ReturnType<typeof db>["retentionRun"]["create"]>>;

export function toRunView(row: RunRow): RetentionRunView {
  return {
    id: row.id,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    cutoff: row.cutoff.toISOString(),
    status: row.status === "done" || row.status === "failed" ? row.status : "running",
    usageRecords: row.usageRecords,
    batches: row.batches,
    error: row.error,
    runner: row.runner,
  };
}

export async function runUsageRetention(options: RetentionOptions): Promise<RetentionRunView> {
  const { days, batchSize = 5_000, pauseMs = 200, shouldStop = () => false } = options;
  const cutoff = retentionCutoff(days, options.now);
  const run = await db().retentionRun.create({ data: { cutoff, status: "running", runner: `${hostname()}:${process.pid}` } });
  const started = Date.now();
  let deleted = 0;
  let batches = 0;
  try {
    for (;;) {
      const count = await deleteUsageBatch(cutoff, batchSize);
      batches++;
      deleted += count;
      retentionMetrics().deleted.inc(count);
      // Progress is kept as it goes: a run cut short by a crash still says what it did.
      if (batches % 20 === 0) await db().retentionRun.update({ where: { id: run.id }, data: { usageRecords: deleted, batches } });
      if (count < batchSize || shouldStop()) break;
      await sleep(pauseMs);
    }
    const released = await releaseFreeSpace(pauseMs);
    const row = await db().retentionRun.update({ where: { id: run.id }, data: { status: "done", usageRecords: deleted, batches, finishedAt: new Date() } });
    retentionMetrics().lastSuccess.set(Date.now() / 1000);
    logger().info({ cutoff, deleted, batches, ms: Date.now() - started, sqliteFreedPages: released }, "usage retention: removed raw usage records older than the cutoff");
    await pruneRuns();
    return toRunView(row);
  } catch (error) {
    retentionMetrics().failures.inc();
    logger().error({ err: error, cutoff, deleted, batches }, "usage retention failed; the next run goes on where it stopped");
    const message = error instanceof Error ? error.message : String(error);
    const row = await db().retentionRun.update({ where: { id: run.id }, data: { status: "failed", usageRecords: deleted, batches, error: message.slice(0, 1000), finishedAt: new Date() } });
    return toRunView(row);
  }
}

/**
 * SQLite: hands the pages the deletes freed back to the file system, FREE_PAGES_STEP at a time with a
 * pause between steps (each step holds the write lock). Null when the database does not do that.
 */
async function releaseFreeSpace(pauseMs: number): Promise<number | null> {
  let released = 0;
  try {
    while (released < FREE_PAGES_PER_RUN) {
      const step = releaseFreePages(FREE_PAGES_STEP);
      if (step === null) return null;
      released += step;
      if (step < FREE_PAGES_STEP) break;
      await sleep(pauseMs);
    }
  } catch (error) {
    logger().warn({ err: error }, "usage retention: could not hand freed SQLite pages back to the file system; new records reuse them");
  }
  return released;
}

/** Keeps the latest KEEP_RUNS run rows. */
async function pruneRuns(): Promise<void> {
  const old = await db().retentionRun.findMany({ orderBy: { startedAt: "desc" }, skip: KEEP_RUNS, select: { id: true } });
  if (old.length > 0) await db().retentionRun.deleteMany({ where: { id: { in: old.map((r) => r.id) } } });
}
