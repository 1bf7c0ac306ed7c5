// Usage retention: the response of GET /api/admin/usage/retention. Pure zod (the OpenAPI document
// and any console view import it).
import { z } from "zod";
import { isoDateTime } from "../../http/list-schemas";

export const retentionRunSchema = z.object({
  id: z.string(),
  startedAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  /** usage records created before this instant were removed */
  cutoff: isoDateTime,
  status: z.enum(["running", "done", "failed"]),
  /** UsageRecord rows removed */
  usageRecords: z.number().int(),
  /** delete statements (batches) it took */
  batches: z.number().int(),
  error: z.string().nullable(),
  /** the process that ran it (host:pid) */
  runner: z.string().nullable(),
});

export const retentionStatusSchema = z.object({
  /** false when USAGE_RETENTION_DAYS is unset: raw records are kept forever */
  enabled: z.boolean(),
  days: z.number().int().nullable(),
  /** how often one process of the cluster runs it */
  intervalMs: z.number().int(),
  /** records created before this instant are removed by the next run; null when disabled */
  cutoff: isoDateTime.nullable(),
  /** the oldest raw usage record still stored; null when there is none */
  oldestRecordAt: isoDateTime.nullable(),
  /** the latest runs, newest first */
  runs: z.array(retentionRunSchema),
});

export type RetentionRunView = z.infer<typeof retentionRunSchema>;
export type RetentionStatus = z.infer<typeof retentionStatusSchema>;
