// Creating and cancelling batches. A batch starts as `validating`: the runner (in the console's
// thread, not the proxy's) splits its input file into lines, so a large file never costs the proxy's
// event loop more than the insert of one row. Cancelling moves every line not yet sent to `skipped`
// in the same transaction as the status, so no runner can claim one afterwards; lines in flight
// finish, and the batch ends `cancelled` once none is left (finalize-batch.ts).
import { db } from "../db";
import { env } from "../env";
import type { FileOwner } from "../files/file-store";
import { newBatchId } from "../files/file-ids";
import { BadRequestError, ConflictError, NotFoundError } from "../http/errors";
import { finalizeIdleBatch } from "./finalize-batch";
import { FINISHED_STATUSES, type BatchStatus, type CreateBatch } from "./schemas";

const COMPLETION_WINDOW_MS = 24 * 60 * 60 * 1000;

export async function createBatch(options: { owner: FileOwner; keyId: string; teamId: string | null; input: CreateBatch }): Promise<string> {
  const { owner, input } = options;
  const file = await db().batchFile.findFirst({
    where: { id: input.input_file_id, orgId: owner.orgId, userId: owner.userId },
    select: { id: true, purpose: true },
  });
  if (!file) throw new BadRequestError(`input_file_id: no such file: ${input.input_file_id}.`, "input_file_id", "invalid_file");
  if (file.purpose !== "batch") throw new BadRequestError(`input_file_id: the file's purpose is "${file.purpose}"; a batch input is uploaded with purpose "batch".`, "input_file_id", "invalid_file");
  const now = new Date();
  const created = await db().batch.create({
    data: {
      id: newBatchId(),
      orgId: owner.orgId,
      userId: owner.userId,
      keyId: options.keyId,
      teamId: options.teamId,
      endpoint: input.endpoint,
      inputFileId: file.id,
      completionWindow: input.completion_window,
      metadata: input.metadata ? JSON.stringify(input.metadata) : null,
      concurrency: env().BATCH_CONCURRENCY,
      createdAt: now,
      expiresAt: new Date(now.getTime() + COMPLETION_WINDOW_MS),
    },
    select: { id: true },
  });
  return created.id;
}

/**
 * Cancels a batch that has not finished; cancelling one that is cancelling or cancelled again
 * changes nothing. `where` scopes it (the key's user, or the console's organization).
 */
export async function cancelBatch(where: { id: string; orgId: string; userId?: string }): Promise<void> {
  const outcome = await db().$transaction(async (tx) => {
    const batch = await tx.batch.findFirst({ where, select: { id: true, status: true } });
    if (!batch) return "missing" as const;
    const status = batch.status as BatchStatus;
    if (status === "cancelling" || status === "cancelled") return "already" as const;
    if (FINISHED_STATUSES.includes(status)) throw new ConflictError(`Cannot cancel a batch that has already ended (${status}).`, "batch_id");
    const now = new Date();
    await tx.batch.update({ where: { id: batch.id }, data: { status: "cancelling", cancellingAt: now } });
    await tx.batchLine.updateMany({ where: { batchId: batch.id, status: "pending" }, data: { status: "skipped", outcome: "error", finishedAt: now } });
    return "cancelling" as const;
  });
  if (outcome === "missing") throw new NotFoundError(`No such batch: ${where.id}.`, "batch_not_found", "batch_id");
  // Nobody runs it (not started yet, or between runners): end it now rather than at the next lease.
  if (outcome === "cancelling") await finalizeIdleBatch(where.id);
}
