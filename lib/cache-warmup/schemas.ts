// Cache warm-up: request and response contracts of /api/admin/cache/warmups*, shared by the route
// handlers, the console's forms and fetchers, and the OpenAPI document. Pure zod, no server imports.
import { z } from "zod";
import { idSchema, isoDateTime, listResponseSchema, paginationQuery } from "../http/list-schemas";

export const WARMUP_FORMATS = ["lines", "jsonl", "csv"] as const;
export type WarmupFormat = (typeof WARMUP_FORMATS)[number];

export const WARMUP_JOB_STATUSES = ["queued", "running", "done", "failed", "cancelled", "interrupted"] as const;
export type WarmupJobStatus = (typeof WARMUP_JOB_STATUSES)[number];

export const WARMUP_ITEM_STATUSES = ["pending", "running", "done", "failed", "skipped", "interrupted"] as const;
export type WarmupItemStatus = (typeof WARMUP_ITEM_STATUSES)[number];

/** Items at most in one job (a larger input is refused with 413). */
export const MAX_WARMUP_ITEMS = 10_000;
export const DEFAULT_WARMUP_CONCURRENCY = 4;
export const MAX_WARMUP_CONCURRENCY = 16;

/** A file's text as uploaded or pasted; the server parses it and reports bad lines by number. */
export const warmupInputSchema = z.object({
  format: z.enum(WARMUP_FORMATS, { error: "Choose lines, jsonl or csv" }),
  text: z.string().min(1, "The file is empty"),
});

/**
 * POST /api/admin/cache/warmups (and …/estimate). Exactly one of `prompts`, `requests` or `input`.
 * Charged to `keyId` (the key's owner, team, quotas and limits); else to `teamId` with the admin
 * who starts the job as the caller; else to that admin and their own team.
 */
export const createWarmupSchema = z
  .object({
    model: z.string().trim().min(1, "Choose a model").max(200),
    teamId: idSchema.nullish(),
    keyId: idSchema.nullish(),
    concurrency: z
      .number({ error: "Concurrency must be a whole number" })
      .int("Concurrency must be a whole number")
      .min(1, "Concurrency must be at least 1")
      .max(MAX_WARMUP_CONCURRENCY, `Concurrency must be at most ${MAX_WARMUP_CONCURRENCY}`)
      .default(DEFAULT_WARMUP_CONCURRENCY),
    /** plain prompts, each sent as one user message */
    prompts: z.array(z.unknown()).min(1, "Give at least one prompt").optional(),
    /** chat request bodies (`messages` and any parameters; `model` and `stream` are set by the job) */
    requests: z.array(z.unknown()).min(1, "Give at least one request").optional(),
    input: warmupInputSchema.optional(),
  })
  .superRefine((body, context) => {
    const given = [body.prompts, body.requests, body.input].filter((value) => value !== undefined).length;
    if (given !== 1) {
      context.addIssue({ code: "custom", path: ["prompts"], message: "Give exactly one of prompts, requests or input" });
    }
  });
export type CreateWarmupInput = z.input<typeof createWarmupSchema>;
export type CreateWarmupBody = z.output<typeof createWarmupSchema>;

/** A line (or list position, 1-based) that was left out, and why. */
export const warmupLineErrorSchema = z.object({ line: z.number().int(), message: z.string() });
export type WarmupLineError = z.infer<typeof warmupLineErrorSchema>;

export const warmupEstimateSchema = z.object({
  model: z.string(),
  /** items that will run */
  total: z.number().int(),
  inputTokens: z.number().int(),
  /** the most output the items may produce (max_tokens, else the model's limit, else 4,096 each) */
  maxOutputTokens: z.number().int(),
  /** dollars: the prompts alone */
  inputCost: z.number(),
  /** dollars: the worst case, what quotas reserve */
  maxCost: z.number(),
  /** lines left out, at most the first 100 */
  errors: z.array(warmupLineErrorSchema),
  /** how many lines were left out in all */
  errorCount: z.number().int(),
  /** false: the organization's cache is off, so the calls would be charged and nothing stored */
  cacheEnabled: z.boolean(),
});
export type WarmupEstimate = z.infer<typeof warmupEstimateSchema>;

export const warmupJobSchema = z.object({
  id: z.string(),
  status: z.enum(WARMUP_JOB_STATUSES),
  total: z.number().int(),
  /** items answered (from the upstream or already from the cache) */
  done: z.number().int(),
  /** items refused or failed, including those cut off by a restart */
  failed: z.number().int(),
  /** dollars charged so far */
  cost: z.number(),
  model: z.string(),
  keyId: z.string().nullable(),
  teamId: z.string().nullable(),
  userId: z.string().nullable(),
  concurrency: z.number().int(),
  pending: z.number().int(),
  running: z.number().int(),
  /** items not run because the job was cancelled or stopped */
  skipped: z.number().int(),
  /** items already in the cache (answered without an upstream call) */
  hits: z.number().int(),
  estimatedCost: z.number(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: isoDateTime,
  startedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
});
export type WarmupJob = z.infer<typeof warmupJobSchema>;
export const warmupJobListSchema = listResponseSchema(warmupJobSchema);

export const createdWarmupSchema = z.object({
  id: z.string(),
  status: z.enum(WARMUP_JOB_STATUSES),
  total: z.number().int(),
  estimatedCost: z.number(),
  errors: z.array(warmupLineErrorSchema),
  errorCount: z.number().int(),
});
export type CreatedWarmup = z.infer<typeof createdWarmupSchema>;

export const warmupItemSchema = z.object({
  seq: z.number().int(),
  line: z.number().int(),
  prompt: z.string(),
  status: z.enum(WARMUP_ITEM_STATUSES),
  cache: z.string().nullable(),
  requestId: z.string().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cost: z.number(),
  latencyMs: z.number().int().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
});
export type WarmupItem = z.infer<typeof warmupItemSchema>;
export const warmupItemListSchema = listResponseSchema(warmupItemSchema);

export const listWarmupsQuerySchema = z.object({ ...paginationQuery, pageSize: paginationQuery.pageSize.default(20) });
export const listWarmupItemsQuerySchema = z.object({
  status: z.enum(WARMUP_ITEM_STATUSES).optional(),
  ...paginationQuery,
  pageSize: paginationQuery.pageSize.default(50),
});
