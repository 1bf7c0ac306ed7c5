// The Batch API's shapes, as OpenAI's API (and the official `openai` SDK) defines them, plus the
// console's view of a batch (the admin API under /api/admin/batches).
import { z } from "zod";

export const BATCH_ENDPOINTS = ["/v1/chat/completions", "/v1/embeddings"] as const;
export type BatchEndpoint = (typeof BATCH_ENDPOINTS)[number];

export const BATCH_STATUSES = ["validating", "in_progress", "finalizing", "completed", "failed", "expired", "cancelling", "cancelled"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const FINISHED_STATUSES: readonly BatchStatus[] = ["completed", "failed", "expired", "cancelled"];

export const createBatchSchema = z.looseObject({
  input_file_id: z.string().trim().min(1, "is required").max(64, "must be at most 64 characters"),
  endpoint: z.enum(BATCH_ENDPOINTS, { error: `must be one of ${BATCH_ENDPOINTS.join(", ")}` }),
  completion_window: z.literal("24h", { error: 'must be "24h"' }),
  metadata: z
    .record(z.string().max(64, "keys must be at most 64 characters"), z.string().max(512, "values must be at most 512 characters"))
    .refine((value) => Object.keys(value).length <= 16, "must have at most 16 keys")
    .nullish(),
});
export type CreateBatch = z.infer<typeof createBatchSchema>;

export const listBatchesQuerySchema = z.object({
  after: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1, "must be between 1 and 100").max(100, "must be between 1 and 100").default(20),
});

export const batchErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  param: z.string().nullable(),
  line: z.number().int().nullable(),
});
export type BatchError = z.infer<typeof batchErrorSchema>;

export const batchObjectSchema = z.object({
  id: z.string(),
  object: z.literal("batch"),
  endpoint: z.string(),
  errors: z.object({ object: z.literal("list"), data: z.array(batchErrorSchema) }).nullable(),
  input_file_id: z.string(),
  completion_window: z.string(),
  status: z.enum(BATCH_STATUSES),
  output_file_id: z.string().nullable(),
  error_file_id: z.string().nullable(),
  created_at: z.number().int(),
  in_progress_at: z.number().int().nullable(),
  expires_at: z.number().int().nullable(),
  finalizing_at: z.number().int().nullable(),
  completed_at: z.number().int().nullable(),
  failed_at: z.number().int().nullable(),
  expired_at: z.number().int().nullable(),
  cancelling_at: z.number().int().nullable(),
  cancelled_at: z.number().int().nullable(),
  request_counts: z.object({ total: z.number().int(), completed: z.number().int(), failed: z.number().int() }),
  usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int(), total_tokens: z.number().int() }),
  metadata: z.record(z.string(), z.string()).nullable(),
});
export type BatchObject = z.infer<typeof batchObjectSchema>;

export const batchListSchema = z.object({
  object: z.literal("list"),
  data: z.array(batchObjectSchema),
  first_id: z.string().nullable(),
  last_id: z.string().nullable(),
  has_more: z.boolean(),
});

/** The console's view: the OpenAI object plus who owns it, its progress and its cost so far. */
export const consoleBatchSchema = z.object({
  id: z.string(),
  status: z.enum(BATCH_STATUSES),
  endpoint: z.string(),
  userId: z.string(),
  userEmail: z.string().nullable(),
  keyId: z.string(),
  keyName: z.string().nullable(),
  inputFileId: z.string(),
  inputFilename: z.string().nullable(),
  outputFileId: z.string().nullable(),
  errorFileId: z.string().nullable(),
  total: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  running: z.number().int(),
  /** dollars charged so far */
  cost: z.number(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  errors: z.array(batchErrorSchema),
  metadata: z.record(z.string(), z.string()).nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ConsoleBatch = z.infer<typeof consoleBatchSchema>;

export const consoleBatchListSchema = z.object({ data: z.array(consoleBatchSchema), total: z.number().int() });

export const consoleBatchesQuerySchema = z.object({
  status: z.enum(BATCH_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const BATCH_FILE_KINDS = ["input", "output", "error"] as const;
