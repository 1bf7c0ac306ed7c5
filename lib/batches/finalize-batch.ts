// Ends a batch: lines never sent are skipped (their error lines say why: cancelled, expired,
// failed), the output and error files are written (as BatchFile rows whose lines are read from the
// batch; their sizes counted now), and the status moves to the final one, all under the lease of the
// runner that does it: two runners can never both finalize a batch.
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { batchResultLines } from "../files/file-store";
import { newFileId } from "../files/file-ids";
import { progressOf } from "./batch-progress";
import { leaseBatch, releaseBatch } from "./batch-leases";
import type { BatchError } from "./schemas";

export type FinalStatus = "completed" | "failed" | "expired" | "cancelled";

const TIMESTAMP: Record<FinalStatus, "completedAt" | "failedAt" | "expiredAt" | "cancelledAt"> = {
  completed: "completedAt",
  failed: "failedAt",
  expired: "expiredAt",
  cancelled: "cancelledAt",
};

async function fileBytes(batchId: string, kind: "output" | "error", finalStatus: FinalStatus): Promise<number> {
  const lines = batchResultLines(batchId, kind, finalStatus);
  let bytes = 0;
  for (let piece = await lines.next(); piece !== null; piece = await lines.next()) bytes += Buffer.byteLength(piece);
  return bytes;
}

export async function finalizeBatch(batchId: string, leaseId: string, finalStatus: FinalStatus, error?: BatchError): Promise<void> {
  const now = new Date();
  if (finalStatus === "completed") {
    await db().batch.updateMany({ where: { id: batchId, leaseOwner: leaseId, status: "in_progress" }, data: { status: "finalizing", finalizingAt: now } });
  }
  await db().batchLine.updateMany({ where: { batchId, status: "pending" }, data: { status: "skipped", outcome: "error", finishedAt: now } });
  const progress = (await progressOf([batchId])).get(batchId)!;
  const [outputBytes, errorBytes] = await Promise.all([
    progress.completed > 0 ? fileBytes(batchId, "output", finalStatus) : 0,
    progress.failed > 0 ? fileBytes(batchId, "error", finalStatus) : 0,
  ]);
  await db().$transaction(async (tx) => {
    const batch = await tx.batch.findFirst({ where: { id: batchId, leaseOwner: leaseId }, select: { orgId: true, userId: true, errors: true } });
    if (!batch) return; // the lease is gone: whoever holds it now finalizes
    const outputFileId = progress.completed > 0 ? newFileId() : null;
    const errorFileId = progress.failed > 0 ? newFileId() : null;
    const owner = { orgId: batch.orgId, userId: batch.userId, purpose: "batch_output", batchId };
    if (outputFileId) await tx.batchFile.create({ data: { ...owner, id: outputFileId, filename: `${batchId}_output.jsonl`, bytes: outputBytes, kind: "output" } });
    if (errorFileId) await tx.batchFile.create({ data: { ...owner, id: errorFileId, filename: `${batchId}_error.jsonl`, bytes: errorBytes, kind: "error" } });
    const errors = error ? [...(batch.errors ? (JSON.parse(batch.errors) as BatchError[]) : []), error] : null;
    await tx.batch.update({
      where: { id: batchId },
      data: {
        status: finalStatus,
        [TIMESTAMP[finalStatus]]: now,
        outputFileId,
        errorFileId,
        ...(errors ? { errors: JSON.stringify(errors) } : {}),
        leaseOwner: null,
        leaseUntil: null,
      },
    });
  });
}

/**
 * After a cancel: when no runner holds the batch, end it now (lines a dead runner had claimed are
 * reported as interrupted first). When one does, it ends the batch once its calls in flight finish.
 */
export async function finalizeIdleBatch(batchId: string): Promise<void> {
  const batch = await leaseBatch(batchId, `cancel-${randomUUID().slice(0, 8)}`, 30_000);
  if (!batch) return;
  if (batch.status !== "cancelling") return releaseBatch(batchId, batch.leaseId);
  await finalizeBatch(batchId, batch.leaseId, "cancelled");
}
