// Creating and cancelling warm-up jobs. A job and all its items are written in one transaction, so a
// runner never sees a job with half its items. Cancelling moves every pending item to skipped in the
// same transaction as the job's status: a runner can only claim a pending item, so nothing new starts
// after a cancel; items already in flight finish and keep their results.
import { db } from "../db";
import { ConflictError, NotFoundError } from "../http/errors";
import type { ParsedItem } from "./parse-warmup-input";
import type { WarmupCharge } from "./warmup-charge";
import { previewOf } from "./warmup-request";

// SQLite allows 32,766 bound variables per statement; 500 rows × 6 columns stays far below it.
const INSERT_BATCH = 500;

export async function createWarmupJob(options: {
  orgId: string;
  model: string;
  charge: WarmupCharge;
  concurrency: number;
  items: ParsedItem[];
  estimatedCostMicros: bigint;
  createdBy: string;
}): Promise<{ id: string; status: "queued"; total: number }> {
  const { items } = options;
  const job = await db().$transaction(async (tx) => {
    const created = await tx.cacheWarmupJob.create({
      data: {
        orgId: options.orgId,
        model: options.model,
        keyId: options.charge.keyId,
        teamId: options.charge.teamId,
        userId: options.charge.userId,
        createdBy: options.createdBy,
        concurrency: options.concurrency,
        total: items.length,
        estimatedCostMicros: options.estimatedCostMicros,
      },
      select: { id: true },
    });
    for (let start = 0; start < items.length; start += INSERT_BATCH) {
      await tx.cacheWarmupItem.createMany({
        data: items.slice(start, start + INSERT_BATCH).map((item, index) => ({
          jobId: created.id,
          seq: start + index,
          line: item.line,
          request: JSON.stringify(item.request),
          preview: previewOf(item.request),
        })),
      });
    }
    return created;
  }, { timeout: 60_000 });
  return { id: job.id, status: "queued", total: items.length };
}

const FINISHED = ["done", "failed", "cancelled"];

/** Cancels a queued, running or interrupted job; cancelling a cancelled job again changes nothing. */
export async function cancelWarmupJob(options: { orgId: string; id: string }): Promise<void> {
  await db().$transaction(async (tx) => {
    const job = await tx.cacheWarmupJob.findFirst({ where: { id: options.id, orgId: options.orgId }, select: { id: true, status: true } });
    if (!job) throw new NotFoundError(`Warm-up job ${options.id} not found.`);
    if (job.status === "cancelled") return;
    if (FINISHED.includes(job.status)) throw new ConflictError(`This job has already finished (${job.status}).`);
    const now = new Date();
    await tx.cacheWarmupJob.update({ where: { id: job.id }, data: { status: "cancelled", finishedAt: now } });
    await tx.cacheWarmupItem.updateMany({ where: { jobId: job.id, status: "pending" }, data: { status: "skipped", finishedAt: now } });
  });
}
