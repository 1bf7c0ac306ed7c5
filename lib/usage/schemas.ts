// Usage: query and response contracts for the usage table and the dashboard charts. Money is in
// dollars here (micro-dollars inside). Dates are ISO 8601; a date-only `to` includes that whole day.
import { z } from "zod";
import { idSchema, isoDateTime } from "../http/list-schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

export const rangeStartParam = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((value) => new Date(value));
export const rangeEndParam = z
  .union([z.iso.date().transform((d) => new Date(Date.parse(d) + DAY_MS)), z.iso.datetime({ offset: true }).transform((v) => new Date(v))]);

const usageFilters = {
  keyId: idSchema.optional(),
  userId: idSchema.optional(),
  teamId: idSchema.optional(),
  model: z.string().trim().min(1).max(200).optional(),
  /** Default: 7 days before `to`. */
  from: rangeStartParam.optional(),
  /** Default: now. */
  to: rangeEndParam.optional(),
};

export const usageQuerySchema = z.object({
  ...usageFilters,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const timeseriesQuerySchema = z.object({
  ...usageFilters,
  groupBy: z.enum(["model", "user"]).default("model"),
});

export const usageRecordSchema = z.object({
  requestId: z.string(),
  createdAt: isoDateTime,
  keyId: z.string().nullable(),
  keyName: z.string().nullable(),
  userId: z.string().nullable(),
  userEmail: z.string().nullable(),
  teamId: z.string().nullable(),
  model: z.string(),
  providerKind: z.string().nullable(),
  upstreamModel: z.string().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cachedTokens: z.number().int(),
  /** Dollars. */
  cost: z.number(),
  latencyMs: z.number().int(),
  ttftMs: z.number().int().nullable(),
  streamed: z.boolean(),
  /** HTTP status returned to the client. */
  status: z.number().int(),
  errorType: z.string().nullable(),
  /** Token counts came from the local tokenizer, not the upstream. */
  estimated: z.boolean(),
  /** The response cache's verdict: hit | semantic-hit (served from it, cost 0) | miss | shadow; null = not consulted. */
  cache: z.string().nullable(),
  /** Dollars a cache hit saved (what the answer would have cost). */
  costSaved: z.number(),
});

export const usageTotalsSchema = z.object({
  calls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cost: z.number(),
  /** Dollars the response cache saved (docs/cache.md). */
  costSaved: z.number(),
});

export const usageResponseSchema = z.object({
  records: z.array(usageRecordSchema),
  /** Over the whole filter, not just this page. */
  totals: usageTotalsSchema,
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const timeseriesPointSchema = z.object({
  /** UTC day, YYYY-MM-DD. */
  day: z.string(),
  /** Model name, or the user's email (their id if deleted; "" for calls without a user). */
  group: z.string(),
  calls: z.number().int(),
  errors: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cost: z.number(),
  /** answers served from the response cache (exact and semantic) and the dollars they saved */
  cacheHits: z.number().int(),
  costSaved: z.number(),
});

export const latencyPointSchema = z.object({
  day: z.string(),
  /** Milliseconds, estimated from histogram buckets; null on a day without calls. */
  p50: z.number().nullable(),
  p95: z.number().nullable(),
});

export const timeseriesResponseSchema = z.object({
  from: isoDateTime,
  to: isoDateTime,
  series: z.array(timeseriesPointSchema),
  latency: z.array(latencyPointSchema),
  totals: usageTotalsSchema.extend({ errors: z.number().int(), errorRate: z.number() }),
});

export type UsageQuery = z.output<typeof usageQuerySchema>;
export type TimeseriesQuery = z.output<typeof timeseriesQuerySchema>;
export type UsageRecord = z.infer<typeof usageRecordSchema>;
export type UsageResponse = z.infer<typeof usageResponseSchema>;
export type TimeseriesPoint = z.infer<typeof timeseriesPointSchema>;
export type LatencyPoint = z.infer<typeof latencyPointSchema>;
export type TimeseriesResponse = z.infer<typeof timeseriesResponseSchema>;
