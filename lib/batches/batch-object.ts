// A Batch row and its progress as OpenAI's Batch object.
import { unixSeconds } from "../files/schemas";
import type { BatchProgress } from "./batch-progress";
import type { BatchError, BatchObject, BatchStatus } from "./schemas";

export const batchSelect = {
  id: true, orgId: true, userId: true, keyId: true, endpoint: true, inputFileId: true, outputFileId: true, errorFileId: true,
  completionWindow: true, status: true, metadata: true, errors: true, total: true, createdAt: true, expiresAt: true,
  inProgressAt: true, finalizingAt: true, completedAt: true, failedAt: true, expiredAt: true, cancellingAt: true, cancelledAt: true,
} as const;

export interface BatchRow {
  id: string; orgId: string; userId: string; keyId: string; endpoint: string; inputFileId: string;
  outputFileId: string | null; errorFileId: string | null; completionWindow: string; status: string;
  metadata: string | null; errors: string | null; total: number; createdAt: Date; expiresAt: Date;
  inProgressAt: Date | null; finalizingAt: Date | null; completedAt: Date | null; failedAt: Date | null;
  expiredAt: Date | null; cancellingAt: Date | null; cancelledAt: Date | null;
}

const seconds = (date: Date | null) => (date ? unixSeconds(date) : null);

export function parseBatchErrors(text: string | null): BatchError[] {
  return text ? (JSON.parse(text) as BatchError[]) : [];
}

export function toBatchObject(row: BatchRow, progress: BatchProgress): BatchObject {
  const errors = parseBatchErrors(row.errors);
  return {
    id: row.id,
    object: "batch",
    endpoint: row.endpoint,
    errors: errors.length > 0 ? { object: "list", data: errors } : null,
    input_file_id: row.inputFileId,
    completion_window: row.completionWindow,
    status: row.status as BatchStatus,
    output_file_id: row.outputFileId,
    error_file_id: row.errorFileId,
    created_at: unixSeconds(row.createdAt),
    in_progress_at: seconds(row.inProgressAt),
    expires_at: seconds(row.expiresAt),
    finalizing_at: seconds(row.finalizingAt),
    completed_at: seconds(row.completedAt),
    failed_at: seconds(row.failedAt),
    expired_at: seconds(row.expiredAt),
    cancelling_at: seconds(row.cancellingAt),
    cancelled_at: seconds(row.cancelledAt),
    request_counts: { total: row.total, completed: progress.completed, failed: progress.failed },
    usage: { input_tokens: progress.inputTokens, output_tokens: progress.outputTokens, total_tokens: progress.inputTokens + progress.outputTokens },
    metadata: row.metadata ? (JSON.parse(row.metadata) as Record<string, string>) : null,
  };
}
